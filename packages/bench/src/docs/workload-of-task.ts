// The shipped workloads' task ids begin with a prefix of their own.
const prefixes: readonly (readonly [string, string])[] = [
  ['fanoutqa-', 'fanoutqa-parallel'],
  ['parallelqa-', 'parallelqa'],
  ['chain-', 'sequential-chains'],
  ['loop-', 'tool-loops'],
  ['cc-', 'claude-code-traces'],
];

/**
 * The shipped workload a task belongs to, by its id's prefix, for results
 * files that record only the task id; `other` when no prefix matches.
 *
 * @example
 * ```ts
 * workloadOfTask('chain-01'); // 'sequential-chains'
 * ```
 */
export function workloadOfTask(taskId: string): string {
  return prefixes.find(([prefix]) => taskId.startsWith(prefix))?.[1] ?? 'other';
}
