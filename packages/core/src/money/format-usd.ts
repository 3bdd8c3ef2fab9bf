import { assertNanodollars, type Nanodollars } from './nanodollars';
import { InvalidArgumentError } from '../errors/invalid-argument-error';

/** Options of {@link formatUsd}. */
export interface FormatUsdOptions {
  /**
   * Decimals always shown.
   * @default 2
   */
  readonly minDecimals?: number;
  /**
   * Decimals at most; the amount is rounded half away from zero to fit.
   * @default 9
   */
  readonly maxDecimals?: number;
}

/**
 * Formats nano-dollars as dollars with no floating-point step: trailing zeros
 * past `minDecimals` are dropped, so an exact amount prints exactly.
 *
 * @example
 * ```ts
 * formatUsd(19_545_000); // '$0.019545'
 * formatUsd(1_500_000_000); // '$1.50'
 * formatUsd(1_234_567, { maxDecimals: 4 }); // '$0.0012'
 * ```
 */
export function formatUsd(nanodollars: Nanodollars, options: FormatUsdOptions = {}): string {
  assertNanodollars(nanodollars, 'nanodollars');
  const minDecimals = checkDecimals(options.minDecimals ?? 2, 'minDecimals');
  const maxDecimals = checkDecimals(options.maxDecimals ?? 9, 'maxDecimals');
  if (minDecimals > maxDecimals) {
    throw new InvalidArgumentError({
      argument: 'minDecimals',
      value: minDecimals,
      message: `must not exceed maxDecimals (${String(maxDecimals)})`,
    });
  }
  const negative = nanodollars < 0;
  let magnitude = BigInt(Math.abs(nanodollars));
  const step = 10n ** BigInt(9 - maxDecimals);
  magnitude = ((magnitude + step / 2n) / step) * step;
  const whole = magnitude / 1_000_000_000n;
  let fraction = (magnitude % 1_000_000_000n).toString().padStart(9, '0').slice(0, maxDecimals);
  while (fraction.length > minDecimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  const sign = negative && magnitude !== 0n ? '-' : '';
  return `${sign}$${whole.toString()}${fraction.length > 0 ? `.${fraction}` : ''}`;
}

function checkDecimals(value: number, argument: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 9) {
    throw new InvalidArgumentError({ argument, value, message: 'expected a whole number 0 to 9' });
  }
  return value;
}
