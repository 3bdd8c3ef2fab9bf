import type { Projection } from './projection';

/**
 * How close a task runs to its limit: `ok` below 80% of it (projected),
 * `caution` from 80% to 100% (quality-neutral steps only), `critical` above
 * 100% (walk the ladder until under 95%), `exhausted` once a reservation was
 * refused.
 */
export type PressureLevel = 'ok' | 'caution' | 'critical' | 'exhausted';

/** Thresholds as shares of the limit. */
export interface PressureThresholds {
  /** @default 0.8 */
  readonly caution?: number;
  /** @default 1 */
  readonly critical?: number;
  /** What the ladder aims under at `critical`. @default 0.95 */
  readonly target?: number;
}

/**
 * The pressure level of a projection.
 *
 * @example
 * ```ts
 * pressureOf(projection); // 'caution' when spent + reserved + forecast is 85% of the limit
 * ```
 */
export function pressureOf(
  projection: Projection,
  thresholds: PressureThresholds = {},
): PressureLevel {
  if (projection.limit === undefined) return 'ok';
  if (isOver(projection.total, projection.limit, thresholds.critical ?? 1, false))
    return 'critical';
  if (isOver(projection.total, projection.limit, thresholds.caution ?? 0.8, true)) return 'caution';
  return 'ok';
}

/**
 * Whether `amount` passes `share` of `limit` (or reaches it, with `inclusive`),
 * in exact integers: shares are taken to a tenth of a permille.
 * @internal
 */
export function isOver(amount: number, limit: number, share: number, inclusive: boolean): boolean {
  const scaled = BigInt(amount) * 10_000n;
  const bar = BigInt(limit) * BigInt(Math.round(share * 10_000));
  return inclusive ? scaled >= bar : scaled > bar;
}
