/**
 * Runs `task(0) … task(count - 1)` with at most `concurrency` in flight, each
 * worker taking the next index as soon as its previous task settles. With a
 * concurrency of 1 the tasks run one after another.
 *
 * @example
 * ```ts
 * await runPool(2_000, 16, (index) => client.messages.create(requestFor(index)));
 * ```
 */
export async function runPool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
