import { InvalidArgumentError } from '../errors/invalid-argument-error';

/**
 * The token classes a call is billed by, each at its own price.
 *
 * - `input`: uncached prompt tokens after the last cache breakpoint
 * - `cacheWrite5m` / `cacheWrite1h`: prompt tokens written to the cache with that TTL
 * - `cacheRead`: prompt tokens read from the cache
 * - `output`: generated tokens, thinking included
 */
export const tokenClasses = [
  'input',
  'cacheWrite5m',
  'cacheWrite1h',
  'cacheRead',
  'output',
] as const;

/** One of {@link tokenClasses}. */
export type TokenClass = (typeof tokenClasses)[number];

/**
 * Normalized token usage of one call (or a sum of calls), provider-neutral.
 * Every field is a non-negative whole number of tokens.
 *
 * @example
 * ```ts
 * const usage: Usage = { input: 5730, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 157 };
 * ```
 */
export type Usage = Readonly<Record<TokenClass, number>>;

/** Usage with every class at zero. */
export const emptyUsage: Usage = Object.freeze({
  input: 0,
  cacheWrite5m: 0,
  cacheWrite1h: 0,
  cacheRead: 0,
  output: 0,
});

/**
 * Builds a validated {@link Usage}; classes left out are zero.
 *
 * @example
 * ```ts
 * createUsage({ input: 5730, output: 157 });
 * ```
 */
export function createUsage(partial: Partial<Usage> = {}, argument = 'usage'): Usage {
  const usage = { ...emptyUsage, ...partial };
  assertValidUsage(usage, argument);
  return usage;
}

/**
 * Throws an {@link InvalidArgumentError} naming the field unless every class of
 * `usage` is a non-negative safe integer.
 *
 * @example
 * ```ts
 * assertValidUsage(usage, 'response.usage');
 * ```
 */
export function assertValidUsage(usage: unknown, argument = 'usage'): asserts usage is Usage {
  if (typeof usage !== 'object' || usage === null) {
    throw new InvalidArgumentError({
      argument,
      value: usage,
      message: `expected an object with ${tokenClasses.join(', ')}`,
    });
  }
  const record = usage as Record<string, unknown>;
  for (const tokenClass of tokenClasses) {
    assertTokenCount(record[tokenClass], `${argument}.${tokenClass}`);
  }
}

/**
 * Throws unless `value` is a non-negative safe integer count of tokens.
 * @internal
 */
export function assertTokenCount(value: unknown, argument: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: 'expected a non-negative whole number of tokens',
    });
  }
}

/**
 * Adds usages class by class.
 *
 * @example
 * ```ts
 * const total = addUsage(first, second);
 * ```
 */
export function addUsage(...usages: readonly Usage[]): Usage {
  let input = 0;
  let cacheWrite5m = 0;
  let cacheWrite1h = 0;
  let cacheRead = 0;
  let output = 0;
  for (const usage of usages) {
    input += usage.input;
    cacheWrite5m += usage.cacheWrite5m;
    cacheWrite1h += usage.cacheWrite1h;
    cacheRead += usage.cacheRead;
    output += usage.output;
  }
  return { input, cacheWrite5m, cacheWrite1h, cacheRead, output };
}

/**
 * The whole prompt of a call: uncached input plus cache writes plus cache reads.
 * Long-context price tiers are chosen on this number.
 *
 * @example
 * ```ts
 * promptTokens({ input: 10, cacheWrite5m: 2000, cacheWrite1h: 0, cacheRead: 30_000, output: 90 }); // 32_010
 * ```
 */
export function promptTokens(usage: Usage): number {
  return usage.input + usage.cacheWrite5m + usage.cacheWrite1h + usage.cacheRead;
}

/**
 * Every token of the call, prompt and output.
 *
 * @example
 * ```ts
 * totalTokens(createUsage({ input: 5730, output: 157 })); // 5887
 * ```
 */
export function totalTokens(usage: Usage): number {
  return promptTokens(usage) + usage.output;
}
