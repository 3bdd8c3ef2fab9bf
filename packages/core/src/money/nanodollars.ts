import { InvalidArgumentError } from '../errors/invalid-argument-error';

/**
 * An amount of money as an integer count of nano-dollars (1e-9 USD). Every
 * ledger, budget and invoice in Bursar uses it; no float ever holds money.
 * A safe integer holds up to about nine million dollars.
 *
 * @example
 * ```ts
 * const limit: Nanodollars = usdToNanodollars('0.50'); // 500_000_000
 * ```
 */
export type Nanodollars = number;

/** Nano-dollars in one US dollar. */
export const NANODOLLARS_PER_USD = 1_000_000_000;

const decimalPattern = /^(-)?\$?(\d+)(?:\.(\d+))?$/;

/**
 * Throws unless `value` is a safe integer, i.e. a valid nano-dollar amount.
 *
 * @example
 * ```ts
 * assertNanodollars(19_545_000, 'budget.limit');
 * ```
 */
export function assertNanodollars(value: unknown, argument: string): asserts value is Nanodollars {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: 'expected a whole number of nano-dollars (a safe integer)',
    });
  }
}

/**
 * Parses a decimal dollar string (`"0.019545"`, `"$1.50"`, `"-2"`) into
 * nano-dollars with no floating-point step. More than nine decimals are
 * accepted only when the extra digits are zeros, since they could not be held.
 *
 * @example
 * ```ts
 * parseUsd('$0.019545'); // 19_545_000
 * ```
 */
export function parseUsd(text: string, argument = 'amount'): Nanodollars {
  const match = decimalPattern.exec(text.trim());
  if (match === null) {
    throw new InvalidArgumentError({
      argument,
      value: text,
      message: 'expected a decimal dollar amount such as "0.25" or "$1.50"',
    });
  }
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > 9 && /[^0]/.test(fraction.slice(9))) {
    throw new InvalidArgumentError({
      argument,
      value: text,
      message: 'has more precision than one nano-dollar (9 decimals)',
    });
  }
  const nanos = BigInt(whole) * 1_000_000_000n + BigInt(fraction.slice(0, 9).padEnd(9, '0'));
  const signed = sign === '-' ? -nanos : nanos;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new InvalidArgumentError({
      argument,
      value: text,
      message: 'is too large to hold as nano-dollars',
    });
  }
  return Number(signed);
}

/**
 * Converts a dollar amount, given as a decimal string (exact) or a number
 * (rounded to the nearest nano-dollar), into nano-dollars.
 *
 * @example
 * ```ts
 * usdToNanodollars(0.5); // 500_000_000
 * usdToNanodollars('0.000000001'); // 1
 * ```
 */
export function usdToNanodollars(amount: number | string, argument = 'amount'): Nanodollars {
  if (typeof amount === 'string') return parseUsd(amount, argument);
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    throw new InvalidArgumentError({
      argument,
      value: amount,
      message: 'expected a finite number of dollars or a decimal string',
    });
  }
  // toFixed(9) yields the decimal nearest the float at nano precision, so 0.1
  // becomes exactly 100_000_000 rather than 100_000_000.0000000055.
  return parseUsd(amount.toFixed(9), argument);
}
