import type { ModelBatchLimits } from '../model/model-batches';

/** What {@link splitIntoBatches} returns. */
export interface BatchSplit<TEntry> {
  /** The batches, in order, each within both limits. */
  readonly batches: readonly (readonly TEntry[])[];
  /** Entries larger than `maxBytes` on their own: no batch can take them. */
  readonly tooLarge: readonly TEntry[];
}

/**
 * Splits entries into batches in order: a new batch starts when the current
 * one holds `maxRequests` entries or the next entry's bytes would take it past
 * `maxBytes`. `bytesOf` must be an upper bound of what an entry adds to a
 * batch's body (the spec's `requestBytes`), so no batch is refused for size.
 *
 * @example
 * ```ts
 * const { batches } = splitIntoBatches(entries, (entry) => entry.bytes, { maxRequests: 100_000, maxBytes: 256_000_000 });
 * ```
 */
export function splitIntoBatches<TEntry>(
  entries: readonly TEntry[],
  bytesOf: (entry: TEntry) => number,
  limits: ModelBatchLimits,
): BatchSplit<TEntry> {
  const batches: TEntry[][] = [];
  const tooLarge: TEntry[] = [];
  let current: TEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = bytesOf(entry);
    if (size > limits.maxBytes) {
      tooLarge.push(entry);
      continue;
    }
    if (current.length >= limits.maxRequests || bytes + size > limits.maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return { batches, tooLarge };
}
