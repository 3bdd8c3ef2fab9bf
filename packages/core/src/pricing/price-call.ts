import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { Nanodollars } from '../money/nanodollars';
import {
  assertValidUsage,
  promptTokens,
  tokenClasses,
  type TokenClass,
  type Usage,
} from '../usage/usage';
import type { Ratio } from './decimal';
import type { ClassRates } from './model-spec';
import { defaultPriceTable, type PriceTable } from './price-table';

/** Where a call runs: the synchronous API or the Message Batches API (discounted). */
export type Lane = 'interactive' | 'batch';
/** `speed` of the request: fast mode bills at the model's fast prices. */
export type Speed = 'standard' | 'fast';
/** `inference_geo` of the request: `us` carries a surcharge on models that have one. */
export type InferenceGeo = 'global' | 'us';

/** Options of {@link cost} and {@link priceCall}. */
export interface CostOptions {
  /** @default 'interactive' */
  readonly lane?: Lane;
  /** @default 'global' */
  readonly inferenceGeo?: InferenceGeo;
  /** @default 'standard' */
  readonly speed?: Speed;
  /** @default defaultPriceTable */
  readonly priceTable?: PriceTable;
}

/** The full arithmetic of one call's price, from {@link priceCall}. */
export interface CallPrice {
  /** The canonical model id the price was taken from. */
  readonly model: string;
  /** Which price tier applied: `longContext` when the prompt passed the model's tier threshold. */
  readonly tier: 'standard' | 'longContext' | 'fast';
  readonly lane: Lane;
  readonly speed: Speed;
  readonly inferenceGeo: InferenceGeo;
  /** Femtodollars (1e-15 USD) per token of each class before multipliers. */
  readonly rates: ClassRates;
  /** Lane and geo multipliers combined, as an exact ratio. */
  readonly multiplier: Ratio;
  /**
   * The exact cost before rounding: `exactScaled / (multiplier.denominator * 1e6)`
   * nano-dollars. Sums of these add up calls without any rounding.
   */
  readonly exactScaled: bigint;
  /** Cost per class in nano-dollars; the classes add up to `total` exactly. */
  readonly byClass: Readonly<Record<TokenClass, Nanodollars>>;
  /** The call's cost in nano-dollars, rounded up once. */
  readonly total: Nanodollars;
}

const lanes: readonly Lane[] = ['interactive', 'batch'];
const speeds: readonly Speed[] = ['standard', 'fast'];
const geos: readonly InferenceGeo[] = ['global', 'us'];
const femtodollarsPerNanodollar = 1_000_000n;

/**
 * Prices one call exactly and shows the arithmetic.
 *
 * The rule: each class's tokens times its rate in femtodollars per token (an
 * exact integer for every table price), summed, times the lane and geo
 * multipliers as exact fractions, then rounded **up** once to a whole
 * nano-dollar. Rounding happens once per call, never per class or per token,
 * and never down, so a ledger of calls never shows less than was spent and is
 * off from the exact total by under one nano-dollar per call.
 *
 * @example
 * ```ts
 * const price = priceCall(createUsage({ input: 5730, output: 157 }), 'claude-sonnet-4-5');
 * price.total; // 19_545_000 ($0.019545)
 * price.byClass.output; // 2_355_000
 * ```
 */
export function priceCall(usage: Usage, model: string, options: CostOptions = {}): CallPrice {
  assertValidUsage(usage, 'usage');
  const lane = oneOf(options.lane ?? 'interactive', lanes, 'lane');
  const speed = oneOf(options.speed ?? 'standard', speeds, 'speed');
  const inferenceGeo = oneOf(options.inferenceGeo ?? 'global', geos, 'inferenceGeo');
  const table = options.priceTable ?? defaultPriceTable;
  const pricing = table.resolve(model);

  let tier: CallPrice['tier'] = 'standard';
  let rates = pricing.rates.standard;
  if (speed === 'fast') {
    if (pricing.rates.fast === undefined) {
      throw new InvalidArgumentError({
        argument: 'speed',
        value: speed,
        message: `fast mode has no price for ${pricing.id}`,
      });
    }
    if (lane === 'batch') {
      throw new InvalidArgumentError({
        argument: 'speed',
        value: speed,
        message: 'fast mode is not available in the batch lane',
      });
    }
    tier = 'fast';
    rates = pricing.rates.fast;
  } else if (
    pricing.longContext !== undefined &&
    pricing.rates.longContext !== undefined &&
    promptTokens(usage) > pricing.longContext.abovePromptTokens
  ) {
    tier = 'longContext';
    rates = pricing.rates.longContext;
  }

  let numerator = 1n;
  let denominator = 1n;
  if (lane === 'batch') {
    numerator *= table.multipliers.batch.ratio.numerator;
    denominator *= table.multipliers.batch.ratio.denominator;
  }
  if (inferenceGeo === 'us' && pricing.geoSurcharge) {
    numerator *= table.multipliers.inferenceGeoUs.ratio.numerator;
    denominator *= table.multipliers.inferenceGeoUs.ratio.denominator;
  }

  // Each class's exact cost, in units of 1 / (denominator * 1e6) nano-dollars.
  const divisor = denominator * femtodollarsPerNanodollar;
  const scaled = tokenClasses.map(
    (tokenClass) => BigInt(usage[tokenClass]) * rates[tokenClass] * numerator,
  );
  const exactScaled = scaled.reduce((sum, part) => sum + part, 0n);
  const total = (exactScaled + divisor - 1n) / divisor;

  // Split the total over classes: floor each, then hand the rounding residue
  // to the classes with the largest remainders so the parts add up exactly.
  const floors = scaled.map((part) => part / divisor);
  let residue = total - floors.reduce((sum, part) => sum + part, 0n);
  const order = scaled
    .map((part, index) => ({ index, remainder: part % divisor }))
    .filter((entry) => entry.remainder > 0n)
    .sort((a, b) =>
      a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
    );
  for (const { index } of order) {
    if (residue === 0n) break;
    floors[index] = (floors[index] ?? 0n) + 1n;
    residue -= 1n;
  }
  const byClass = {} as Record<TokenClass, Nanodollars>;
  tokenClasses.forEach((tokenClass, index) => {
    byClass[tokenClass] = toSafeNumber(floors[index] ?? 0n, `cost of ${tokenClass}`);
  });

  return {
    model: pricing.id,
    tier,
    lane,
    speed,
    inferenceGeo,
    rates,
    multiplier: { numerator, denominator },
    exactScaled,
    byClass,
    total: toSafeNumber(total, 'cost'),
  };
}

/**
 * What one call costs, in integer nano-dollars (rounded up once; see
 * {@link priceCall} for the rule and the breakdown).
 *
 * @example
 * ```ts
 * cost(createUsage({ input: 5730, output: 157 }), 'claude-sonnet-4-5'); // 19_545_000
 * cost(usage, 'claude-haiku-4-5', { lane: 'batch' }); // half the interactive price
 * ```
 */
export function cost(usage: Usage, model: string, options: CostOptions = {}): Nanodollars {
  return priceCall(usage, model, options).total;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], argument: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: `expected one of ${allowed.map((item) => `'${item}'`).join(', ')}`,
    });
  }
  return value as T;
}

const maxSafeBigInt = BigInt(Number.MAX_SAFE_INTEGER);

function toSafeNumber(value: bigint, what: string): number {
  if (value > maxSafeBigInt) {
    throw new InvalidArgumentError({
      argument: 'usage',
      value: value.toString(),
      message: `${what} exceeds what nano-dollars can hold`,
    });
  }
  return Number(value);
}
