import { createAnthropicClient } from '@bursar/anthropic';
import { runTask, type Nanodollars, type TaskReport, formatUsd } from '@bursar/core';
import { createSimulator, type LatencyOptions, type Workload } from '@bursar/simulator';
import { findWorkloadTask, workloadAgentTools } from '@bursar-examples/support';

/** One run of the task under one budget. */
export interface LadderRun {
  /** The budget as a percentage of the unconstrained run's cost (undefined for that run). */
  readonly percent: number | undefined;
  /** The hard limit, nano-dollars. */
  readonly limit: Nanodollars;
  readonly status: string;
  readonly output: string;
  readonly report: TaskReport;
  /** The share of the task's required facts the answer states, 0 to 1. */
  readonly grade: number;
  /** What the simulator billed for this run: the invoice the ledger must equal. */
  readonly billed: Nanodollars;
}

/** What {@link runBudgetLadder} returns. */
export interface BudgetLadder {
  readonly workloadId: string;
  readonly taskId: string;
  /** The run under a budget too large to bind: its cost sets the others' limits. */
  readonly unconstrained: LadderRun;
  /** One run a percentage, in the order given. */
  readonly runs: readonly LadderRun[];
}

/** Options of {@link runBudgetLadder}. */
export interface BudgetLadderOptions {
  readonly workloads: readonly Workload[];
  /** @default 'fanoutqa-parallel' */
  readonly workloadId?: string;
  /** @default the workload's first task */
  readonly taskId?: string;
  /** Budgets as whole percentages of the unconstrained cost. @default [100, 60, 40, 25, 10] */
  readonly percents?: readonly number[];
  /** The budget of the unconstrained run, dollars. @default '5' */
  readonly unconstrainedUsd?: string;
  /** @default { mode: 'realistic' } (on the simulator's virtual clock) */
  readonly latency?: LatencyOptions;
  /** Called as each run ends, for progress. */
  readonly onRun?: (run: LadderRun) => void;
}

/** The budgets the example walks down, as percentages of the unconstrained cost. */
export const defaultPercents: readonly number[] = [100, 60, 40, 25, 10];

/**
 * Runs one task on the simulator, first under a budget too large to bind,
 * then under each percentage of what that run cost, on a cold cache each
 * time, and returns every run with its report, grade and invoice.
 *
 * @example
 * ```ts
 * const ladder = await runBudgetLadder({ workloads: loadShippedWorkloads() });
 * ladder.runs.map((run) => [run.percent, run.status, run.report.cost]);
 * ```
 */
export async function runBudgetLadder(options: BudgetLadderOptions): Promise<BudgetLadder> {
  const workloadId = options.workloadId ?? 'fanoutqa-parallel';
  const { workload, task } = findWorkloadTask(options.workloads, workloadId, options.taskId);
  const percents = options.percents ?? defaultPercents;
  for (const percent of percents) {
    if (!Number.isInteger(percent) || percent < 1)
      throw new RangeError(
        `a budget percentage must be a whole number of at least 1, got ${String(percent)}`,
      );
  }
  const simulator = createSimulator({
    workloads: [workload],
    latency: options.latency ?? { mode: 'realistic' },
  });
  const client = createAnthropicClient({ apiKey: 'sk-simulator', fetch: simulator.fetch });
  const tools = workloadAgentTools(workload);

  const runUnder = async (usd: string, percent: number | undefined): Promise<LadderRun> => {
    simulator.reset();
    const result = await runTask({
      task: task.prompt,
      client,
      budget: { usd },
      tools,
      system: [workload.systemPrompt],
      store: false,
      now: () => simulator.clock.now(),
    });
    const run: LadderRun = {
      percent,
      limit: result.report.budget.limit ?? 0,
      status: result.status,
      output: result.output,
      report: result.report,
      grade: simulator.grade(task.id, result.output).score,
      billed: simulator.invoice().total,
    };
    options.onRun?.(run);
    return run;
  };

  const unconstrained = await runUnder(options.unconstrainedUsd ?? '5', undefined);
  const runs: LadderRun[] = [];
  for (const percent of percents) {
    // Integer nano-dollars, rounded down: the limit never exceeds the percentage.
    const limit = Math.floor((unconstrained.report.cost * percent) / 100);
    runs.push(await runUnder(formatUsd(limit).slice(1), percent));
  }
  return { workloadId, taskId: task.id, unconstrained, runs };
}
