import type { Workload } from '@bursar/simulator';
import type { BatchFaultRates, LaneBackend } from './backend';
import { formatBulkComparison } from './format-bulk-comparison';
import { formatTaskLanes } from './format-task-lanes';
import { laneChecks, type LaneCheck } from './lane-checks';
import type { Progress } from './progress';
import { runBulkComparison, type BulkComparison } from './run-bulk-comparison';
import { runTaskLanes, type TaskLanes } from './run-task-lanes';

/** Which parts of the example to run. */
export type ExamplePart = 'bulk' | 'task';

/** Options of {@link runBatchLaneExample}. */
export interface BatchLaneExampleOptions {
  readonly backend: LaneBackend;
  readonly workloads: readonly Workload[];
  /** @default ['bulk', 'task'] */
  readonly parts?: readonly ExamplePart[];
  /** Tickets in the bulk job. @default 500 */
  readonly items?: number;
  /** Shares of the bulk job's batch requests made to error and expire (simulator only). @default 2% each */
  readonly faults?: BatchFaultRates;
  /** Each bulk run's hard budget, dollars. @default '1' */
  readonly bulkBudgetUsd?: string;
  /** The budget of the task's interactive and batch runs, dollars. @default '2' */
  readonly taskBudgetUsd?: string;
  /** The tight budget of the task's auto runs, dollars. @default '0.04' */
  readonly tightUsd?: string;
  readonly progress?: Progress;
}

/** What {@link runBatchLaneExample} returns. */
export interface BatchLaneExample {
  readonly bulk: BulkComparison | undefined;
  readonly tasks: TaskLanes | undefined;
  /** The printout: one titled section per part, then the checks. */
  readonly text: string;
  readonly checks: readonly LaneCheck[];
}

/**
 * The whole example: part 1, a bulk job with `runBatch` in the batch lane
 * against the interactive lane; part 2, `runTask` with `lane: 'batch'`
 * against interactive, and `lane: 'auto'` with the deadline a day and a
 * minute away. Returns the results, the printout and the checks of every
 * claim.
 *
 * @example
 * ```ts
 * const example = await runBatchLaneExample({ backend, workloads, items: 200 });
 * console.log(example.text);
 * if (example.checks.some((check) => !check.passed)) process.exitCode = 1;
 * ```
 */
export async function runBatchLaneExample(
  options: BatchLaneExampleOptions,
): Promise<BatchLaneExample> {
  const { backend, progress } = options;
  const parts = options.parts ?? ['bulk', 'task'];
  const sections: string[] = [];
  let bulk: BulkComparison | undefined;
  let tasks: TaskLanes | undefined;
  try {
    if (parts.includes('bulk')) {
      bulk = await runBulkComparison({
        backend,
        ...(options.items === undefined ? {} : { items: options.items }),
        ...(options.faults === undefined ? {} : { faults: options.faults }),
        ...(options.bulkBudgetUsd === undefined ? {} : { budgetUsd: options.bulkBudgetUsd }),
        ...(progress === undefined ? {} : { onEvent: progress.bulk }),
      });
      sections.push(
        '## Part 1: a bulk job with runBatch, batch lane against interactive',
        '',
        formatBulkComparison(bulk),
      );
    }
    if (parts.includes('task')) {
      tasks = await runTaskLanes({
        backend,
        workloads: options.workloads,
        ...(options.taskBudgetUsd === undefined ? {} : { budgetUsd: options.taskBudgetUsd }),
        ...(options.tightUsd === undefined ? {} : { tightUsd: options.tightUsd }),
        ...(progress === undefined
          ? {}
          : { onTaskEvent: progress.task, onBatchEvent: progress.taskBatch }),
      });
      if (sections.length > 0) sections.push('');
      sections.push(
        "## Part 2: runTask with lane 'batch' and lane 'auto'",
        '',
        formatTaskLanes(tasks),
      );
    }
  } finally {
    progress?.stop();
  }
  const checks = laneChecks({ bulk, tasks });
  const failed = checks.filter((check) => !check.passed);
  sections.push(
    '',
    failed.length === 0
      ? `All ${String(checks.length)} checks passed:`
      : `${String(failed.length)} of ${String(checks.length)} checks FAILED:`,
    ...checks.map((check) => `  ${check.passed ? 'ok  ' : 'FAIL'}  ${check.claim}`),
  );
  return { bulk, tasks, text: sections.join('\n'), checks };
}
