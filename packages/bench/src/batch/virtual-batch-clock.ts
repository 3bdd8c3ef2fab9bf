import type { BatchClock } from '@bursar/core';
import type { SimulatorClock } from '@bursar/simulator';

/**
 * A `BatchClock` on the simulator's virtual clock that many concurrent waits
 * can share: a `sleep` registers a wake-up time, and once the event loop has
 * nothing else to do (a `setImmediate` after the pending promise jobs) time
 * jumps to the earliest wake-up and wakes everyone due by then. Adding each
 * sleep to the clock instead would move time once per poller, so four batches
 * polled side by side would age four times too fast. Everything the
 * in-process simulator does settles in promise jobs, so nothing is still
 * running when time moves.
 *
 * @example
 * ```ts
 * const clock = createVirtualBatchClock(simulator.clock);
 * await runBatch(items, { client, budget, clock });
 * ```
 */
export function createVirtualBatchClock(simulatorClock: SimulatorClock): BatchClock {
  const sleepers: { readonly at: number; readonly wake: () => void }[] = [];
  let scheduled = false;
  const tick = (): void => {
    scheduled = false;
    sleepers.sort((first, second) => first.at - second.at);
    const next = sleepers[0];
    if (next === undefined) return;
    simulatorClock.advanceTo(next.at);
    while (sleepers[0] !== undefined && sleepers[0].at <= simulatorClock.now()) {
      sleepers.shift()?.wake();
    }
  };
  return {
    now: () => simulatorClock.now(),
    sleep(milliseconds, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted === true) {
          reject(signal.reason as Error);
          return;
        }
        const sleeper = { at: simulatorClock.now() + milliseconds, wake: resolve };
        sleepers.push(sleeper);
        signal?.addEventListener(
          'abort',
          () => {
            const index = sleepers.indexOf(sleeper);
            if (index === -1) return;
            sleepers.splice(index, 1);
            reject(signal.reason as Error);
          },
          { once: true },
        );
        if (!scheduled) {
          scheduled = true;
          setImmediate(tick);
        }
      });
    },
  };
}
