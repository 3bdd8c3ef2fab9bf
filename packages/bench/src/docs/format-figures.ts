import { formatUsd } from '@bursar/core/pricing';
import { formatNumber } from '../report/format-table';

// How the sections print their figures, so the same kind of figure reads the
// same everywhere on the page.

/**
 * Nano-dollars as dollars, rounded to `maxDecimals` (4 by default), at least
 * two decimals shown.
 *
 * @example
 * ```ts
 * usd(7_811_382_750); // '$7.8114'
 * ```
 */
export function usd(nanodollars: number, maxDecimals = 4): string {
  return formatUsd(Math.round(nanodollars), { maxDecimals });
}

/**
 * A count or measure with thousands separators and a fixed number of decimals.
 *
 * @example
 * ```ts
 * count(10_000); // '10,000'
 * count(797.669, 1); // '797.7'
 * ```
 */
export function count(value: number, decimals = 0): string {
  return formatNumber(value, decimals);
}

/**
 * A ratio as `N.NNx`.
 *
 * @example
 * ```ts
 * ratio(3.015); // '3.02x'
 * ```
 */
export function ratio(value: number, decimals = 2): string {
  return `${value.toFixed(decimals)}x`;
}

/**
 * A fraction as a percentage.
 *
 * @example
 * ```ts
 * percent(0.0837); // '8.4%'
 * ```
 */
export function percent(fraction: number, decimals = 1): string {
  return `${(fraction * 100).toFixed(decimals)}%`;
}

/**
 * A fraction as a signed percentage, `+` on the positive side.
 *
 * @example
 * ```ts
 * signedPercent(-0.075); // '-7.5%'
 * ```
 */
export function signedPercent(fraction: number, decimals = 1): string {
  const text = percent(fraction, decimals);
  return fraction >= 0 ? `+${text}` : text;
}

/**
 * "k of n".
 *
 * @example
 * ```ts
 * ofTotal(196, 212); // '196 of 212'
 * ```
 */
export function ofTotal(part: number, total: number): string {
  return `${count(part)} of ${count(total)}`;
}

/**
 * Words joined as English prose: `a`, `a and b`, `a, b and c`.
 *
 * @example
 * ```ts
 * joinWords(['chain-01', 'chain-02', 'parallelqa-1']); // 'chain-01, chain-02 and parallelqa-1'
 * ```
 */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

/**
 * How many times, in words for one and two.
 *
 * @example
 * ```ts
 * times(2); // 'twice'
 * ```
 */
export function times(value: number): string {
  if (value === 1) return 'once';
  if (value === 2) return 'twice';
  return `${count(value)} times`;
}

/**
 * A noun with its count, plural past one.
 *
 * @example
 * ```ts
 * counted(6, 'task'); // '6 tasks'
 * counted(1, 'run'); // '1 run'
 * ```
 */
export function counted(value: number, noun: string, plural = `${noun}s`): string {
  return `${count(value)} ${value === 1 ? noun : plural}`;
}

/**
 * The day of an ISO date-time.
 *
 * @example
 * ```ts
 * dayOf('2026-11-25T06:21:39.598Z'); // '2026-11-25'
 * ```
 */
export function dayOf(isoDate: string): string {
  return isoDate.slice(0, 10);
}

/**
 * A range of figures as `low to high`, or one figure when both ends print alike.
 *
 * @example
 * ```ts
 * range([1.161, 1.279], ratio); // '1.16x to 1.28x'
 * ```
 */
export function range(values: readonly number[], format: (value: number) => string): string {
  if (values.length === 0) return '-';
  const low = format(Math.min(...values));
  const high = format(Math.max(...values));
  return low === high ? low : `${low} to ${high}`;
}
