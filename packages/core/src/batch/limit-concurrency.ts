/**
 * A gate that runs at most `concurrency` tasks at once, in the order they
 * arrive. @internal
 *
 * @example
 * ```ts
 * const limit = limitConcurrency(4);
 * await Promise.all(jobs.map((job) => limit(() => job())));
 * ```
 */
export function limitConcurrency(concurrency: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= concurrency) {
      // The finishing task hands its slot over, so `running` stays counted.
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
      });
    } else {
      running += 1;
    }
    try {
      return await task();
    } finally {
      const handOver = waiting.shift();
      if (handOver === undefined) running -= 1;
      else handOver();
    }
  };
}
