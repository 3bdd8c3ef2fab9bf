/**
 * The simulator's time, in milliseconds since it started. TTLs, latency and
 * batch processing all read it.
 *
 * - `virtual` (default): time moves only when told (`advanceBy`, `advanceTo`,
 *   POST /_sim/clock) and, with `autoAdvance`, to the end of each response as it
 *   completes, so a sequential agent run takes simulated seconds in real
 *   microseconds. Nothing ever waits for real.
 * - `real`: time is the wall clock (plus any `advanceBy`), and latency is
 *   really waited.
 */
export interface SimulatorClock {
  readonly mode: 'virtual' | 'real';
  now(): number;
  advanceBy(milliseconds: number): void;
  /** Moves time forward to `time`; never backward. */
  advanceTo(time: number): void;
  /** Resolves when `now() >= time`: at once in virtual mode. */
  waitUntil(time: number, signal?: AbortSignal): Promise<void>;
}

/**
 * A clock that moves only when told.
 *
 * @example
 * ```ts
 * const clock = createVirtualClock();
 * clock.advanceBy(6 * 60_000); // a 5-minute cache entry has now expired
 * ```
 */
export function createVirtualClock(start = 0): SimulatorClock {
  let time = start;
  return {
    mode: 'virtual',
    now: () => time,
    advanceBy(milliseconds) {
      time += Math.max(0, milliseconds);
    },
    advanceTo(target) {
      time = Math.max(time, target);
    },
    waitUntil: () => Promise.resolve(),
  };
}

/**
 * The wall clock, with an offset that `advanceBy` can push forward (so TTL
 * expiry can be tested without waiting five minutes).
 *
 * @example
 * ```ts
 * const clock = createRealClock();
 * await clock.waitUntil(clock.now() + 50);
 * ```
 */
export function createRealClock(): SimulatorClock {
  const origin = performance.now();
  let offset = 0;
  const now = (): number => performance.now() - origin + offset;
  return {
    mode: 'real',
    now,
    advanceBy(milliseconds) {
      offset += Math.max(0, milliseconds);
    },
    advanceTo(target) {
      offset += Math.max(0, target - now());
    },
    waitUntil(target, signal) {
      const delay = target - now();
      if (delay <= 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, delay);
        signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(signal.reason as Error);
          },
          { once: true },
        );
      });
    },
  };
}
