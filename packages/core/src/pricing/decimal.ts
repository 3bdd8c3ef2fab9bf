import { InvalidArgumentError } from '../errors/invalid-argument-error';

/** An exact non-negative rational number. */
export interface Ratio {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const decimalPattern = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a non-negative decimal (string, or number via its 9-decimal rendering)
 * into an exact ratio over a power of ten.
 * @internal
 */
export function parseDecimal(value: unknown, argument: string): Ratio {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number' && Number.isFinite(value)) text = value.toFixed(9);
  else text = '';
  const match = decimalPattern.exec(text);
  if (match === null) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: 'expected a non-negative decimal such as "3" or "0.125"',
    });
  }
  const [, whole = '0', fraction = ''] = match;
  return {
    numerator: BigInt(whole + fraction),
    denominator: 10n ** BigInt(fraction.length),
  };
}

/** Divides and rounds up; both operands non-negative. @internal */
export function ceilDivide(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}

/** Femtodollars per token for 1 USD per million tokens. */
const femtodollarsPerTokenPerUsdPerMillion = 1_000_000_000n;

/**
 * USD per million tokens -> femtodollars (1e-15 USD) per token, rounded up.
 * Any price with up to 9 decimals converts exactly.
 * @internal
 */
export function toFemtodollarsPerToken(price: Ratio): bigint {
  return ceilDivide(price.numerator * femtodollarsPerTokenPerUsdPerMillion, price.denominator);
}

/**
 * Femtodollars per token -> the shortest decimal string in USD per million tokens.
 * @internal
 */
export function formatPricePerMillion(femtodollarsPerToken: bigint): string {
  const whole = femtodollarsPerToken / femtodollarsPerTokenPerUsdPerMillion;
  const fraction = (femtodollarsPerToken % femtodollarsPerTokenPerUsdPerMillion)
    .toString()
    .padStart(9, '0')
    .replace(/0+$/, '');
  return fraction.length > 0 ? `${whole.toString()}.${fraction}` : whole.toString();
}
