import { createAnthropicClient } from '@bursar/anthropic';
import { createBudget, type Budget, type ModelClient } from '@bursar/core';
import { createSimulator, type Workload } from '@bursar/simulator';

/** Options of {@link createRealApi}. */
export interface RealApiOptions {
  readonly apiKey: string;
  readonly workloads: readonly Workload[];
  /** The hard limit of the whole example, dollars; each run's budget is carved out of it. */
  readonly totalUsd: string;
  /** The name of the total budget, as reports and errors show it. */
  readonly name: string;
}

/** A run's budget on the real API, and how to give back what it left unspent. */
export interface RealApiRun {
  readonly budget: Budget;
  /** Returns what the run left unspent to the total. */
  close(): void;
}

/** The parts of an example's backend on the real API that every example shares. */
export interface RealApi {
  readonly kind: 'real';
  /** The example's hard total every run's budget is an allowance of. */
  readonly total: Budget;
  readonly client: ModelClient;
  /** Carves a run's budget of `usd` dollars out of the total. */
  beginRun(name: string, usd: string): RealApiRun;
  /** The share of a workload task's required facts the answer states, 0 to 1. */
  grade(taskId: string, answer: string): number;
}

/**
 * The real Anthropic API for an example: a client, one hard total of
 * `totalUsd` that every run's budget is an allowance of (so the example
 * cannot spend past it), and workload answers graded by the simulator's
 * grader (no call goes to the simulator). The key is handed to the client and
 * never printed. An example spreads it into its own backend and adds its
 * clock and what it cannot know on the real API (the invoice).
 *
 * @example
 * ```ts
 * const backend = {
 *   ...createRealApi({ apiKey, workloads, totalUsd: '0.50', name: 'demo' }),
 *   now: () => Date.now(),
 * };
 * const { budget, close } = backend.beginRun('run-1', '0.05');
 * ```
 */
export function createRealApi(options: RealApiOptions): RealApi {
  const total = createBudget({ usd: options.totalUsd, name: options.name });
  const grader = createSimulator({ workloads: options.workloads });
  return {
    kind: 'real',
    total,
    client: createAnthropicClient({ apiKey: options.apiKey }),
    beginRun(name, usd) {
      const budget = total.allocate({ usd, name });
      return {
        budget,
        close: () => {
          budget.close();
        },
      };
    },
    grade: (taskId, answer) => grader.grade(taskId, answer).score,
  };
}
