import type { Workload, WorkloadStep, WorkloadTask } from '@bursar/simulator';

/** The workloads the routing eval samples: parallel lookups, list-then-fan-out, chains. */
export const evalWorkloadIds = ['fanoutqa-parallel', 'parallelqa', 'sequential-chains'] as const;

/** One task of the eval, with the workload it comes from and its split. */
export interface EvalTask {
  readonly workload: Workload;
  readonly task: WorkloadTask;
  /** `train` tasks teach the learned thresholds; every policy is measured on `heldOut`. */
  readonly split: 'train' | 'heldOut';
}

/** FNV-1a (32 bits) of a string: a fixed, platform-independent shuffle key. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The eval's tasks: every task of each workload in `evalWorkloadIds`, half
 * of each workload for training and half held out. The halves are fixed and
 * pseudo-random: tasks ordered by a hash of their id, the first half trains.
 * (Alternating by index would put all five chains with an opus step in the
 * held-out half, so the learned policies would never see one.)
 *
 * @example
 * ```ts
 * const heldOut = evalTasks(loadShippedWorkloads()).filter((task) => task.split === 'heldOut');
 * ```
 */
export function evalTasks(workloads: readonly Workload[]): EvalTask[] {
  return evalWorkloadIds.flatMap((id) => {
    const workload = workloads.find((candidate) => candidate.id === id);
    if (workload === undefined) throw new Error(`no shipped workload ${id}`);
    const shuffled = [...workload.tasks].sort((a, b) => fnv1a(a.id) - fnv1a(b.id));
    const training = new Set(shuffled.slice(0, Math.ceil(shuffled.length / 2)));
    return workload.tasks.map((task) => ({
      workload,
      task,
      split: training.has(task) ? ('train' as const) : ('heldOut' as const),
    }));
  });
}

/** A step's facts: its own list, or its tool calls' (as the simulator grades them). */
export function stepFacts(step: WorkloadStep): readonly string[] {
  return step.facts.length > 0 ? step.facts : step.toolCalls.flatMap((call) => call.facts);
}

/** The share of a step's facts that `text` carries, 0 to 1 (1 for a step with none). */
export function stepGrade(step: WorkloadStep, text: string): number {
  const facts = stepFacts(step);
  if (facts.length === 0) return 1;
  return facts.filter((fact) => text.includes(fact)).length / facts.length;
}

/** A task's steps in dependency order (independent ones as listed). */
export function orderedSteps(task: WorkloadTask): WorkloadStep[] {
  const done = new Set<string>();
  const ordered: WorkloadStep[] = [];
  let remaining = [...task.steps];
  while (remaining.length > 0) {
    const ready = remaining.filter((step) => step.dependsOn.every((id) => done.has(id)));
    const batch = ready.length > 0 ? ready : remaining;
    for (const step of batch) {
      ordered.push(step);
      done.add(step.id);
    }
    remaining = remaining.filter((step) => !done.has(step.id));
  }
  return ordered;
}
