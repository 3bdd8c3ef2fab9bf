import { realBatchClock, type BatchClock, type Budget } from '@bursar/core';
import { createRealApi, type RealApiOptions } from '@bursar-examples/support';
import type { LaneBackend } from './backend';

/** Options of {@link createRealBackend}: the key, the workloads to grade and the hard total, in dollars. */
export interface RealBackendOptions extends Omit<RealApiOptions, 'name'> {
  /**
   * The clock of batch polling and deadlines (a test passes a simulator's).
   * @default realBatchClock (the wall clock; polling really waits)
   */
  readonly clock?: BatchClock;
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
  const { clock = realBatchClock, ...api } = options;
  return {
    ...createRealApi({ ...api, name: 'batch-lane-example' }),
    clock,
    injectBatchFaults: () => false,
    invoice: () => undefined,
  };
}
