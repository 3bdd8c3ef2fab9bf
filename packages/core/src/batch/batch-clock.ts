/**
 * Time as the batch lane sees it: `now()` in milliseconds and a `sleep` that an
 * abort ends early (rejecting with `signal.reason`). Inject a virtual one in
 * tests and benchmarks, so a day of batch polling takes no real time.
 *
 * @example
 * ```ts
 * let time = 0;
 * const clock: BatchClock = {
 *   now: () => time,
 *   sleep: (milliseconds) => {
 *     time += milliseconds;
 *     return Promise.resolve();
 *   },
 * };
 * ```
 */
export interface BatchClock {
  now(): number;
  sleep(milliseconds: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The wall clock: `Date.now()` and real timers.
 *
 * @example
 * ```ts
 * await realBatchClock.sleep(1_000, controller.signal);
 * ```
 */
export const realBatchClock: BatchClock = {
  now: () => Date.now(),
  sleep(milliseconds, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(signal.reason as Error);
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason as Error);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, milliseconds);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
