import type { BatchClock } from '@bursar/core';
import type { SimulatorClock } from '@bursar/simulator';

/**
 * A `BatchClock` on the simulator's virtual clock: `sleep` moves the
 * simulator's time forward at once, so its batches end when that time comes
 * and an hour of polling takes no real time. Exact while one waiter sleeps at
 * a time (one batch polled, or a lane client's queue); with several batches
 * polled side by side their sleeps add up, so simulated time runs ahead.
 *
 * @example
 * ```ts
 * const clock = simulatorBatchClock(simulator.clock);
 * await runBatch(items, { client, budget, clock });
 * ```
 */
export function simulatorBatchClock(clock: SimulatorClock): BatchClock {
  return {
    now: () => clock.now(),
    sleep(milliseconds, signal) {
      if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
      clock.advanceBy(milliseconds);
      return Promise.resolve();
    },
  };
}
