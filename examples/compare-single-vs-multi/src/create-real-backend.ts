import { createAnthropicClient } from '@bursar/anthropic';
import { createBudget, type Budget, type Nanodollars } from '@bursar/core';
import { createSimulator, type Workload } from '@bursar/simulator';
import type { Backend } from './backend';

/** Options of {@link createRealBackend}. */
export interface RealBackendOptions {
  readonly apiKey: string;
  readonly workloads: readonly Workload[];
  /** The hard limit of the whole demo, dollars; each run's budget is carved out of it. */
  readonly totalUsd: string;
}

/** A backend on the real API, with the demo's total budget it draws every run from. */
export interface RealBackend extends Backend {
  readonly total: Budget;
}

/**
 * The demo on the real Anthropic API. Every run's budget is an allowance of
 * one hard total, so the whole demo cannot spend past `totalUsd`. The tools
 * still answer from the workload's data and answers are graded by the
 * simulator's grader (no call goes to the simulator). The key is handed to
 * the client and never printed.
 *
 * @example
 * ```ts
 * const backend = createRealBackend({ apiKey, workloads, totalUsd: '0.50' });
 * ```
 */
export function createRealBackend(options: RealBackendOptions): RealBackend {
  const total = createBudget({ usd: options.totalUsd, name: 'demo' });
  const grader = createSimulator({ workloads: options.workloads });
  return {
    kind: 'real',
    total,
    client: createAnthropicClient({ apiKey: options.apiKey }),
    now: () => Date.now(),
    beginRun(name, usd) {
      const budget = total.allocate({ usd, name });
      return {
        budget,
        close: () => {
          budget.close();
        },
      };
    },
    billed: (): Nanodollars | undefined => undefined,
    grade: (taskId, answer) => grader.grade(taskId, answer).score,
  };
}
