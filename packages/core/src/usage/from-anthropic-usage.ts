import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { addUsage, assertTokenCount, emptyUsage, type Usage } from './usage';

/**
 * The Messages API's `usage` object as it arrives on the wire (SDK 1.10.0's
 * `Usage` and `BetaUsage`), typed structurally so core needs no provider SDK.
 * Absent and `null` fields count as zero.
 */
export interface AnthropicUsageLike {
  readonly input_tokens?: number | null;
  readonly output_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
  readonly cache_creation?: {
    readonly ephemeral_5m_input_tokens?: number | null;
    readonly ephemeral_1h_input_tokens?: number | null;
  } | null;
  readonly service_tier?: string | null;
  readonly speed?: string | null;
  readonly inference_geo?: string | null;
  readonly iterations?: readonly AnthropicIterationUsageLike[] | null;
}

/** One entry of `usage.iterations[]`. */
export interface AnthropicIterationUsageLike {
  readonly type: string;
  readonly input_tokens?: number | null;
  readonly output_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
  readonly cache_read_input_tokens?: number | null;
  readonly cache_creation?: AnthropicUsageLike['cache_creation'];
}

/** What {@link fromAnthropicUsage} returns. */
export interface AnthropicUsageBreakdown {
  /** Everything the request is billed for: the top-level fields plus compaction iterations. */
  readonly usage: Usage;
  /** The part of `usage` spent by server-side compaction (zero when none ran). */
  readonly compaction: Usage;
  /** Billing facts the usage reports, ready to pass to `cost()`. */
  readonly billing: {
    readonly lane: 'interactive' | 'batch';
    readonly speed: 'standard' | 'fast';
    readonly inferenceGeo: 'global' | 'us';
  };
}

/**
 * Converts the API's usage object to normalized {@link Usage}.
 *
 * - `cache_creation` splits writes into 5m and 1h; when it is `null` the writes
 *   are taken as 5m, the API's default TTL. Writes the split does not account
 *   for are also counted as 5m, so no written token is dropped.
 * - Compaction entries in `usage.iterations[]` are billed but left out of the
 *   top-level fields; they are added here and reported apart as `compaction`.
 *   Other iteration types are already in the top-level fields.
 *
 * @example
 * ```ts
 * const { usage, billing } = fromAnthropicUsage(message.usage);
 * const nanodollars = cost(usage, message.model, billing);
 * ```
 */
export function fromAnthropicUsage(
  apiUsage: AnthropicUsageLike,
  argument = 'usage',
): AnthropicUsageBreakdown {
  if (typeof apiUsage !== 'object' || (apiUsage as unknown) === null) {
    throw new InvalidArgumentError({
      argument,
      value: apiUsage,
      message: 'expected the API usage object',
    });
  }
  const topLevel = convertCounts(apiUsage, argument);
  let compaction = emptyUsage;
  const iterations = apiUsage.iterations ?? [];
  iterations.forEach((iteration, index) => {
    if (iteration.type === 'compaction') {
      compaction = addUsage(
        compaction,
        convertCounts(iteration, `${argument}.iterations[${String(index)}]`),
      );
    }
  });
  return {
    usage: addUsage(topLevel, compaction),
    compaction,
    billing: {
      lane: apiUsage.service_tier === 'batch' ? 'batch' : 'interactive',
      speed: apiUsage.speed === 'fast' ? 'fast' : 'standard',
      inferenceGeo: apiUsage.inference_geo === 'us' ? 'us' : 'global',
    },
  };
}

function convertCounts(
  counts: AnthropicIterationUsageLike | AnthropicUsageLike,
  argument: string,
): Usage {
  const input = count(counts.input_tokens, `${argument}.input_tokens`);
  const output = count(counts.output_tokens, `${argument}.output_tokens`);
  const cacheRead = count(counts.cache_read_input_tokens, `${argument}.cache_read_input_tokens`);
  const written = count(
    counts.cache_creation_input_tokens,
    `${argument}.cache_creation_input_tokens`,
  );
  const split = counts.cache_creation;
  const cacheWrite1h =
    split == null
      ? 0
      : count(
          split.ephemeral_1h_input_tokens,
          `${argument}.cache_creation.ephemeral_1h_input_tokens`,
        );
  const split5m =
    split == null
      ? 0
      : count(
          split.ephemeral_5m_input_tokens,
          `${argument}.cache_creation.ephemeral_5m_input_tokens`,
        );
  const cacheWrite5m = split == null ? written : Math.max(split5m, written - cacheWrite1h);
  return { input, cacheWrite5m, cacheWrite1h, cacheRead, output };
}

function count(value: number | null | undefined, argument: string): number {
  if (value == null) return 0;
  assertTokenCount(value, argument);
  return value;
}
