import type { Workload, WorkloadTask } from '@bursar/simulator';

/** The two kinds of work the demo compares. */
export type TaskSetName = 'parallel' | 'sequential';

/** One task of a set, with the workload whose tools and system prompt it uses. */
export interface TaskCase {
  readonly set: TaskSetName;
  readonly workload: Workload;
  readonly task: WorkloadTask;
}

/**
 * The demo's tasks, in the order they are taken: parallel ones whose lookups
 * can run at once (FanOutQA's list-then-lookups and ParallelQA's branches) and
 * sequential chains where each lookup needs the one before.
 */
export const taskSetIds: Readonly<Record<TaskSetName, readonly (readonly [string, string])[]>> = {
  parallel: [
    ['fanoutqa-parallel', 'fanoutqa-7dcbbbdc7f1120cd'],
    ['parallelqa', 'parallelqa-84'],
    ['fanoutqa-parallel', 'fanoutqa-8c82924e2ce017a9'],
    ['parallelqa', 'parallelqa-98'],
  ],
  sequential: [
    ['sequential-chains', 'chain-01'],
    ['sequential-chains', 'chain-03'],
    ['sequential-chains', 'chain-05'],
    ['sequential-chains', 'chain-09'],
  ],
};

/**
 * Picks the first `perSet` tasks of each set from the shipped workloads.
 * Throws when a workload or task is missing, or `perSet` is out of range.
 *
 * @example
 * ```ts
 * const cases = pickTaskSets(loadShippedWorkloads(), 2); // 2 parallel, then 2 sequential
 * ```
 */
export function pickTaskSets(workloads: readonly Workload[], perSet: number): TaskCase[] {
  const most = Math.min(taskSetIds.parallel.length, taskSetIds.sequential.length);
  if (!Number.isInteger(perSet) || perSet < 1 || perSet > most) {
    throw new RangeError(
      `tasks per set must be a whole number 1 to ${String(most)}, got ${String(perSet)}`,
    );
  }
  return (['parallel', 'sequential'] as const).flatMap((set) =>
    taskSetIds[set].slice(0, perSet).map(([workloadId, taskId]) => {
      const workload = workloads.find((candidate) => candidate.id === workloadId);
      const task = workload?.tasks.find((candidate) => candidate.id === taskId);
      if (workload === undefined || task === undefined) {
        throw new Error(`the shipped workload ${workloadId} has no task ${taskId}`);
      }
      return { set, workload, task };
    }),
  );
}
