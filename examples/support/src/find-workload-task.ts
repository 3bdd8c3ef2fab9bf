import type { Workload, WorkloadTask } from '@bursar/simulator';

/** A workload and one of its tasks, as {@link findWorkloadTask} found them. */
export interface FoundTask {
  readonly workload: Workload;
  readonly task: WorkloadTask;
}

/**
 * Finds the workload `workloadId` and its task `taskId` (its first task when
 * `taskId` is not given); throws when either is missing.
 *
 * @example
 * ```ts
 * const { workload, task } = findWorkloadTask(loadShippedWorkloads(), 'fanoutqa-parallel');
 * ```
 */
export function findWorkloadTask(
  workloads: readonly Workload[],
  workloadId: string,
  taskId?: string,
): FoundTask {
  const workload = workloads.find((candidate) => candidate.id === workloadId);
  const task =
    taskId === undefined
      ? workload?.tasks[0]
      : workload?.tasks.find((candidate) => candidate.id === taskId);
  if (workload === undefined || task === undefined)
    throw new Error(`no task ${taskId ?? '(first)'} in a workload ${workloadId}`);
  return { workload, task };
}
