import { createHash } from 'node:crypto';
// Internals of the simulator, imported from its sources: this package is
// private and never built, and the simulator does not export its cache.
import type { MessageRequest } from '../../../simulator/src/api/message-request';
import { PromptCache } from '../../../simulator/src/cache/prompt-cache';
import { linearizePrompt, type LinearPrompt } from '../../../simulator/src/prompt/linearize-prompt';
import { createTokenCounter } from '../../../simulator/src/tokens/token-counter';
import { median } from '../measure/median';
import { benchMaxTokens, benchModel, createSystemPrompt } from './bench-prompt';

/** Options of {@link measureCacheLookup}. */
export interface CacheLookupOptions {
  /** Entry counts to compare, smallest first. */
  readonly sizes: readonly number[];
  /** Lookups timed per sample. */
  readonly lookupsPerSample: number;
  /** Samples per size (interleaved across sizes); the median is reported. */
  readonly rounds: number;
  /** The shared system prompt of the measured conversations. */
  readonly systemPrompt: string;
}

/** Lookup times at one cache size. */
export interface CacheLookupAtSize {
  readonly entries: number;
  /** Median over rounds of the mean microseconds of a lookup that reads a cached prefix. */
  readonly hitMicroseconds: number;
  /** The same for a lookup that finds nothing and walks the whole lookback window. */
  readonly missMicroseconds: number;
}

/** What {@link measureCacheLookup} found. */
export interface CacheLookupResult {
  readonly lookupsPerSample: number;
  readonly rounds: number;
  readonly promptBlocks: number;
  readonly promptTokens: number;
  readonly sizes: readonly CacheLookupAtSize[];
  /** Hit time at the largest size over hit time at the smallest. */
  readonly hitRatioLargeToSmall: number;
  /** Miss time at the largest size over miss time at the smallest. */
  readonly missRatioLargeToSmall: number;
}

const namespace = 'bench-namespace';
const minCacheableTokens = 1024;
const fillTime = 0;
const lookupTime = 1_000;

/** A hand-made one-block prompt with its own prefix hash: fills the cache fast. */
function fillerPrompt(index: number): LinearPrompt {
  // Same shape as a real prefix hash (base64 SHA-1), so Map keys cost the same.
  const prefixHash = createHash('sha1').update(`filler:${index}`).digest('base64');
  return {
    blocks: [
      {
        section: 'system',
        tokens: 2_048,
        cumulativeTokens: 2_048,
        position: 0,
        prefixHash,
        breakpoint: '5m',
      },
    ],
    totalTokens: 2_048,
    breakpoints: [0],
    sectionHashes: { tools: '', system: prefixHash, messages: '' },
    parametersHash: prefixHash,
  };
}

/** Writes `prompt`'s breakpoints into the cache, as a request whose response began at once. */
function commitPrompt(cache: PromptCache, prompt: LinearPrompt): void {
  const arrivalSequence = cache.stampArrival();
  cache
    .lookup({ namespace, prompt, minCacheableTokens, now: fillTime, arrivalSequence })
    .commit(fillTime);
}

/**
 * An agent conversation: the system prompt (breakpoint), then `turns` text
 * messages alternating user and assistant, the last one with a breakpoint.
 */
function conversation(systemPrompt: string, turns: number): MessageRequest {
  return {
    model: benchModel,
    max_tokens: benchMaxTokens,
    system: [{ type: 'text', text: systemPrompt, cache_control: { type: 'ephemeral' } }],
    messages: Array.from({ length: turns }, (_unused, index) => ({
      role: index % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: [
        {
          type: 'text' as const,
          text: `Turn ${index}: the ledger balance moved by ${index * 37} units after review.`,
          ...(index === turns - 1 ? { cache_control: { type: 'ephemeral' as const } } : {}),
        },
      ],
    })),
  };
}

function timeLookups(cache: PromptCache, prompt: LinearPrompt, lookups: number): number {
  const arrivalSequence = cache.stampArrival();
  let checksum = 0;
  const start = performance.now();
  for (let index = 0; index < lookups; index += 1) {
    const outcome = cache.lookup({
      namespace,
      prompt,
      minCacheableTokens,
      now: lookupTime,
      arrivalSequence,
    });
    checksum += outcome.cacheRead;
  }
  const elapsedMs = performance.now() - start;
  // Use the result, so the lookups cannot be optimised away.
  if (checksum < 0) throw new Error('impossible checksum');
  return (elapsedMs * 1_000) / lookups;
}

/**
 * Measures how long one `PromptCache.lookup` takes when the cache holds each
 * of `sizes` entries, for a hit (the next turn of a conversation whose
 * previous turn is cached: it reads the system prompt and walks back a few
 * positions to the previous turn's breakpoint) and for a miss (a conversation
 * never seen: every probe of the 20-position lookback window misses). Each
 * size gets its own cache; samples rotate through the sizes so drift (GC,
 * frequency scaling) falls on all of them alike.
 *
 * @example
 * ```ts
 * const result = measureCacheLookup({ sizes: [1_000, 100_000], lookupsPerSample: 20_000, rounds: 5, systemPrompt });
 * result.hitRatioLargeToSmall; // ≈ 1
 * ```
 */
export function measureCacheLookup(options: CacheLookupOptions): CacheLookupResult {
  const { sizes, lookupsPerSample, rounds, systemPrompt } = options;
  const countTokens = createTokenCounter();
  const turns = 9;
  const previousTurn = linearizePrompt(conversation(systemPrompt, turns - 2), countTokens);
  const hitPrompt = linearizePrompt(conversation(systemPrompt, turns), countTokens);
  const missPrompt = linearizePrompt(
    conversation(createSystemPrompt(4_960, 2), turns),
    countTokens,
  );

  let fillerIndex = 0;
  const caches = sizes.map((size) => {
    const cache = new PromptCache();
    commitPrompt(cache, previousTurn);
    while (cache.size < size) {
      commitPrompt(cache, fillerPrompt(fillerIndex));
      fillerIndex += 1;
    }
    return cache;
  });

  // Check the two cases do what they claim before timing them.
  for (const cache of caches) {
    const arrivalSequence = cache.stampArrival();
    const lookup = (prompt: LinearPrompt) =>
      cache.lookup({ namespace, prompt, minCacheableTokens, now: lookupTime, arrivalSequence });
    if (lookup(hitPrompt).cacheRead === 0) throw new Error('the hit prompt missed the cache');
    if (lookup(missPrompt).cacheRead !== 0) throw new Error('the miss prompt hit the cache');
  }

  // Warm-up: let the JIT settle on every cache before any sample counts.
  for (let pass = 0; pass < 3; pass += 1) {
    for (const cache of caches) {
      timeLookups(cache, hitPrompt, lookupsPerSample);
      timeLookups(cache, missPrompt, lookupsPerSample);
    }
  }

  const hitSamples = sizes.map((): number[] => []);
  const missSamples = sizes.map((): number[] => []);
  for (let round = 0; round < rounds; round += 1) {
    for (let step = 0; step < caches.length; step += 1) {
      const which = (step + round) % caches.length;
      const cache = caches[which];
      if (cache === undefined) continue;
      hitSamples[which]?.push(timeLookups(cache, hitPrompt, lookupsPerSample));
      missSamples[which]?.push(timeLookups(cache, missPrompt, lookupsPerSample));
    }
  }

  const results = sizes.map((size, which) => ({
    entries: caches[which]?.size ?? size,
    hitMicroseconds: median(hitSamples[which] ?? []),
    missMicroseconds: median(missSamples[which] ?? []),
  }));
  const smallest = results[0];
  const largest = results[results.length - 1];
  if (smallest === undefined || largest === undefined) throw new RangeError('no cache sizes');
  return {
    lookupsPerSample,
    rounds,
    promptBlocks: hitPrompt.blocks.length,
    promptTokens: hitPrompt.totalTokens,
    sizes: results,
    hitRatioLargeToSmall: largest.hitMicroseconds / smallest.hitMicroseconds,
    missRatioLargeToSmall: largest.missMicroseconds / smallest.missMicroseconds,
  };
}
