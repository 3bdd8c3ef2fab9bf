import type { AgentIdentity } from '../model/model-request';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { Nanodollars } from '../money/nanodollars';
import { cost, type InferenceGeo, type Lane, type Speed } from '../pricing/price-call';
import type { PriceTable } from '../pricing/price-table';
import { assertTokenCount, emptyUsage, type TokenClass } from '../usage/usage';

/**
 * What a model call could cost at most, as the caller knows it before the call.
 *
 * @example
 * ```ts
 * const call: CallEnvelope = { model: 'claude-sonnet-4-6', inputTokensBound: 12_000, maxTokens: 1024 };
 * ```
 */
export interface CallEnvelope {
  readonly model: string;
  /**
   * An upper bound of the prompt's tokens: an exact count (count_tokens), or a
   * strict bound such as the prompt's UTF-8 bytes plus the provider's framing.
   */
  readonly inputTokensBound: number;
  /** The call's `max_tokens`: output can never pass it. */
  readonly maxTokens: number;
  /** @default 'interactive' */
  readonly lane?: Lane;
  /** @default 'standard' */
  readonly speed?: Speed;
  /** @default 'global' */
  readonly inferenceGeo?: InferenceGeo;
  /**
   * The dearest cache write the request can cause: `none` (no breakpoints),
   * `5m` or `1h`. The prompt is priced at the dearest class it may incur.
   * @default '1h'
   */
  readonly cacheWrites?: 'none' | '5m' | '1h';
  /**
   * An upper bound of the prompt tokens a 1-hour cache write can cover: those
   * up to the request's last 1-hour breakpoint (tools and system, typically).
   * Only they are held at the 1-hour write price; the rest of the prompt is
   * held at the dearest other class. A 1-hour entry ends at a 1-hour
   * breakpoint, and the API puts 1-hour breakpoints before 5-minute ones, so
   * no token past the last one is written at the 1-hour price.
   * @default inputTokensBound (the whole prompt may be written for an hour)
   */
  readonly cacheWrite1hTokensBound?: number;
  /** Who is calling (agent, step), for events and reports. */
  readonly label?: string;
  /** The agent making the call, as data: its charge events carry it. */
  readonly agent?: AgentIdentity;
}

const writeClasses: Readonly<
  Record<NonNullable<CallEnvelope['cacheWrites']>, readonly TokenClass[]>
> = {
  none: ['input'],
  '5m': ['input', 'cacheWrite5m'],
  '1h': ['input', 'cacheWrite5m', 'cacheWrite1h'],
};

/**
 * The worst-case cost of a call: its prompt bound at the dearest class it can
 * incur (the part a 1-hour write can cover at the dearest of all, the rest at
 * the dearest class but the 1-hour write), plus `maxTokens` at the output
 * price, with the call's lane, speed, geo and tier. Cost is linear in each
 * class at one tier, so no mix of classes over the same prompt can cost more.
 *
 * @example
 * ```ts
 * worstCaseCost({ model: 'claude-sonnet-4-6', inputTokensBound: 10_000, maxTokens: 1000 }, table); // 75_000_000 ($0.075: 10k at the 1h write price $6 + 1k at $15)
 * ```
 */
export function worstCaseCost(call: CallEnvelope, priceTable: PriceTable): Nanodollars {
  assertTokenCount(call.inputTokensBound, 'call.inputTokensBound');
  assertTokenCount(call.maxTokens, 'call.maxTokens');
  if (call.cacheWrite1hTokensBound !== undefined)
    assertTokenCount(call.cacheWrite1hTokensBound, 'call.cacheWrite1hTokensBound');
  const classes = writeClasses[call.cacheWrites ?? '1h'] as readonly TokenClass[] | undefined;
  if (classes === undefined) {
    throw new InvalidArgumentError({
      argument: 'call.cacheWrites',
      value: call.cacheWrites,
      message: "expected 'none', '5m' or '1h'",
    });
  }
  const options = {
    priceTable,
    ...(call.lane === undefined ? {} : { lane: call.lane }),
    ...(call.speed === undefined ? {} : { speed: call.speed }),
    ...(call.inferenceGeo === undefined ? {} : { inferenceGeo: call.inferenceGeo }),
  };
  // One tier applies to the whole bound (its prompt size, its speed), and the
  // lane and geo multiply every class alike: the dearest class is the one with
  // the highest rate in that tier, so one pricing is enough.
  const pricing = priceTable.resolve(call.model, 'call.model');
  const rates =
    call.speed === 'fast' && pricing.rates.fast !== undefined
      ? pricing.rates.fast
      : pricing.longContext !== undefined &&
          pricing.rates.longContext !== undefined &&
          call.inputTokensBound > pricing.longContext.abovePromptTokens
        ? pricing.rates.longContext
        : pricing.rates.standard;
  let dearest: TokenClass = 'input';
  for (const tokenClass of classes) if (rates[tokenClass] > rates[dearest]) dearest = tokenClass;
  const oneHour = call.cacheWrite1hTokensBound ?? call.inputTokensBound;
  if (dearest !== 'cacheWrite1h' || oneHour >= call.inputTokensBound) {
    return cost(
      { ...emptyUsage, [dearest]: call.inputTokensBound, output: call.maxTokens },
      call.model,
      options,
    );
  }
  // The prompt past the last 1-hour breakpoint can be written for 5 minutes at most.
  let rest: TokenClass = 'input';
  for (const tokenClass of classes)
    if (tokenClass !== 'cacheWrite1h' && rates[tokenClass] > rates[rest]) rest = tokenClass;
  return cost(
    {
      ...emptyUsage,
      cacheWrite1h: oneHour,
      [rest]: call.inputTokensBound - oneHour,
      output: call.maxTokens,
    },
    call.model,
    options,
  );
}
