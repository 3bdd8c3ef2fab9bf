/** An axis from 0 to `max` with round tick values. */
export interface NiceScale {
  /** The axis's top: the last tick, at least the value it was built for. */
  readonly max: number;
  /** The distance between ticks: 1, 2 or 5 times a power of ten, at least 1. */
  readonly step: number;
  /** Tick values from 0 to `max`, whole numbers. */
  readonly ticks: readonly number[];
}

/**
 * Builds an axis from 0 covering `max` with about `targetTicks` round ticks.
 * Ticks are whole numbers (nano-dollars, milliseconds), so money ticks
 * format exactly. A non-positive `max` uses `fallbackMax`.
 *
 * @example
 * ```ts
 * niceScale(430_000_000, 10_000_000).ticks; // [0, 100_000_000, ..., 500_000_000]
 * ```
 */
export function niceScale(max: number, fallbackMax: number, targetTicks = 5): NiceScale {
  const top = Number.isFinite(max) && max > 0 ? max : fallbackMax;
  const rough = top / targetTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const residual = rough / magnitude;
  const factor = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
  const step = Math.max(1, Math.round(factor * magnitude));
  const count = Math.max(1, Math.ceil(top / step - 1e-9));
  const ticks = Array.from({ length: count + 1 }, (_, index) => index * step);
  return { max: count * step, step, ticks };
}
