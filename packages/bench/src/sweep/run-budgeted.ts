import { createBudget, runTask, type Budget, type ModelClient, type TaskEvent } from '@bursar/core';
import type { Simulator, Workload } from '@bursar/simulator';
import { bursarTools, usdString } from '../peers/workload-setup';

/** One runTask run under a limit, checked against the simulator's invoice. */
export interface BudgetedRun {
  readonly limit: number;
  readonly status: string;
  readonly threw: string | undefined;
  readonly shape: string | undefined;
  /** What the simulator invoiced, nano-dollars. */
  readonly invoiced: number;
  /** The run's ledger, nano-dollars. */
  readonly ledger: number;
  /** Spend past the limit, by the invoice: must be zero. */
  readonly overshoot: number;
  readonly grade: number;
  readonly calls: number;
  /** Ladder steps the governor took (`downgrade`, `stop` ...). */
  readonly decisions: readonly string[];
}

/** What {@link runBudgeted} needs. */
export interface BudgetedRunInput {
  readonly simulator: Simulator;
  readonly client: ModelClient;
  readonly workload: Workload;
  readonly task: Workload['tasks'][number];
  /** The hard limit, nano-dollars. */
  readonly limit: number;
  readonly maxTurns: number;
  readonly maxTokens: number;
  /** Makes the run's event listener, given its budget (a listener may read its snapshots). */
  readonly listen?: (budget: Budget) => (event: TaskEvent) => void;
}

/**
 * Runs a task with `runTask` auto under a hard limit on a freshly reset
 * simulator, and reads what it was invoiced. A throw is caught and reported:
 * runTask promises to end with a status, never a throw.
 */
export async function runBudgeted(input: BudgetedRunInput): Promise<BudgetedRun> {
  const { simulator, task, workload } = input;
  simulator.reset();
  const now = (): number => simulator.clock.now();
  const budget = createBudget({ usd: usdString(input.limit), now, name: 'task' });
  const onEvent = input.listen?.(budget);
  try {
    const result = await runTask({
      task: task.prompt,
      client: input.client,
      budget,
      shape: 'auto',
      tools: bursarTools(workload),
      system: [workload.systemPrompt],
      maxTurns: input.maxTurns,
      maxTokens: input.maxTokens,
      store: false,
      now,
      ...(onEvent === undefined ? {} : { onEvent }),
    });
    const invoiced = simulator.invoice().total;
    return {
      limit: input.limit,
      status: result.status,
      threw: undefined,
      shape: result.report.shape,
      invoiced,
      ledger: result.report.cost,
      overshoot: Math.max(0, invoiced - input.limit),
      grade: simulator.grade(task.id, result.output).score,
      calls: result.report.timeline.length,
      decisions: result.report.decisions
        .map((decision) => decision.kind)
        .filter((kind) => kind !== 'shape'),
    };
  } catch (error) {
    const invoiced = simulator.invoice().total;
    return {
      limit: input.limit,
      status: 'threw',
      threw: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      shape: undefined,
      invoiced,
      ledger: Number.NaN,
      overshoot: Math.max(0, invoiced - input.limit),
      grade: 0,
      calls: 0,
      decisions: [],
    };
  }
}
