/**
 * The q-quantile of some samples (0 to 1), interpolating linearly between the
 * two nearest ranks: `quantile(samples, 0.5)` is the median.
 *
 * @example
 * ```ts
 * quantile([1, 2, 3, 4], 0.5); // 2.5
 * ```
 */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new RangeError('quantile of no samples');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be between 0 and 1, got ${String(q)}`);
  const sorted = [...samples].sort((left, right) => left - right);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const low = sorted[lower] ?? Number.NaN;
  const high = sorted[Math.min(lower + 1, sorted.length - 1)] ?? Number.NaN;
  return low + (high - low) * (position - lower);
}
