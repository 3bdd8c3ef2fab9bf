import { createAnthropicClient } from '@bursar/anthropic';
import { createBudget, realBatchClock, type Budget } from '@bursar/core';
import { createSimulator, type Workload } from '@bursar/simulator';
import type { LaneBackend } from './backend';

/** Options of {@link createRealBackend}. */
export interface RealBackendOptions {
  readonly apiKey: string;
  readonly workloads: readonly Workload[];
  /** The hard limit of the whole example, dollars; each run's budget is carved out of it. */
  readonly totalUsd: string;
}

/** A backend on the real API, with the example's total budget every run draws from. */
export interface RealBackend extends LaneBackend {
  readonly total: Budget;
}

/**
 * The example on the real Anthropic API, batch polling on the wall clock.
 * Every run's budget is an allowance of one hard total, so the example cannot
 * spend past `totalUsd`. Faults cannot be injected and there is no invoice to
 * compare with; workload answers are graded by the simulator's grader (no call
 * goes to it). The key is handed to the client and never printed.
 *
 * @example
 * ```ts
 * const backend = createRealBackend({ apiKey, workloads, totalUsd: '0.50' });
 * ```
 */
export function createRealBackend(options: RealBackendOptions): RealBackend {
  const total = createBudget({ usd: options.totalUsd, name: 'batch-lane-example' });
  const grader = createSimulator({ workloads: options.workloads });
  return {
    kind: 'real',
    total,
    client: createAnthropicClient({ apiKey: options.apiKey }),
    clock: realBatchClock,
    beginRun(name, usd) {
      const budget = total.allocate({ usd, name });
      return {
        budget,
        close: () => {
          budget.close();
        },
      };
    },
    injectBatchFaults: () => false,
    invoice: () => undefined,
    grade: (taskId, answer) => grader.grade(taskId, answer).score,
  };
}
