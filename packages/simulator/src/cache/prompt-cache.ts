import type { CacheTtl, LinearPrompt } from '../prompt/linearize-prompt';

/** How long an entry lives after the request that wrote or last read it starts. */
export const ttlMilliseconds: Readonly<Record<CacheTtl, number>> = {
  '5m': 5 * 60_000,
  '1h': 60 * 60_000,
};

const sweepInterval = 4096;

/** The API looks back at most this many positions from a breakpoint for an earlier entry. */
export const lookbackPositions = 20;

interface CacheEntry {
  ttl: CacheTtl;
  expiresAt: number;
  /** When the writing response began: before that, no other request can read it. */
  readableAt: number;
  /** Order of the write among arrivals: a request that arrived before it cannot read it. */
  committedSequence: number;
}

/** What the cache did for one request, and how to commit its writes. */
export interface CacheOutcome {
  readonly input: number;
  readonly cacheRead: number;
  readonly cacheWrite5m: number;
  readonly cacheWrite1h: number;
  /** Tokens of the prefix the request leaves cached (read or written). */
  readonly cachedPrefixTokens: number;
  /** Store the writes; call when the response begins (`beganAt`). */
  commit(beganAt: number): void;
}

/**
 * The prompt cache of the simulated API, per namespace (an API key):
 * entries keyed by the exact prefix up to a breakpoint; reads at the longest
 * live entry found from any breakpoint within the lookback window; writes for
 * each breakpoint past that hit, billed only for the tokens past it, each
 * segment at the TTL of the breakpoint that ends it.
 *
 * @example
 * ```ts
 * const arrivalSequence = cache.stampArrival();
 * const outcome = cache.lookup({ namespace, prompt, minCacheableTokens: 1024, now, arrivalSequence });
 * outcome.commit(now + timeToFirstToken);
 * ```
 */
export class PromptCache {
  private readonly entries = new Map<string, CacheEntry>();
  private sequence = 0;
  private lookupsSinceSweep = 0;

  /**
   * Stamps a request's arrival. Requests in flight together (arrived before a
   * write committed) all miss and all write, even at the same simulated instant.
   */
  stampArrival(): number {
    this.sequence += 1;
    return this.sequence;
  }

  /** Entries held, live or expired-but-not-yet-swept. */
  get size(): number {
    return this.entries.size;
  }

  lookup(request: {
    namespace: string;
    prompt: LinearPrompt;
    minCacheableTokens: number;
    now: number;
    arrivalSequence: number;
  }): CacheOutcome {
    const { namespace, prompt, minCacheableTokens, now, arrivalSequence } = request;
    // Expired entries are never read; dropping them now and then bounds memory.
    this.lookupsSinceSweep += 1;
    if (this.lookupsSinceSweep >= sweepInterval) {
      this.lookupsSinceSweep = 0;
      this.sweep(now);
    }
    const eligible = prompt.breakpoints.filter(
      (index) => (prompt.blocks[index]?.cumulativeTokens ?? 0) >= minCacheableTokens,
    );

    let hitIndex = -1;
    for (const breakpoint of eligible) {
      const found = this.findLive(namespace, prompt, breakpoint, now, arrivalSequence);
      if (found === undefined) continue;
      const [index, entry] = found;
      // A hit refreshes the entry's TTL from this request's start, free.
      entry.expiresAt = Math.max(entry.expiresAt, now + ttlMilliseconds[entry.ttl]);
      hitIndex = Math.max(hitIndex, index);
    }
    const cacheRead = hitIndex < 0 ? 0 : (prompt.blocks[hitIndex]?.cumulativeTokens ?? 0);

    const writes: { index: number; ttl: CacheTtl }[] = [];
    const written: Record<CacheTtl, number> = { '5m': 0, '1h': 0 };
    let covered = cacheRead;
    for (const index of eligible) {
      const block = prompt.blocks[index];
      if (
        block === undefined ||
        block.breakpoint === undefined ||
        block.cumulativeTokens <= covered
      )
        continue;
      written[block.breakpoint] += block.cumulativeTokens - covered;
      covered = block.cumulativeTokens;
      writes.push({ index, ttl: block.breakpoint });
    }

    const cacheWrite5m = written['5m'];
    const cacheWrite1h = written['1h'];
    return {
      input: prompt.totalTokens - cacheRead - cacheWrite5m - cacheWrite1h,
      cacheRead,
      cacheWrite5m,
      cacheWrite1h,
      cachedPrefixTokens: covered,
      commit: (beganAt: number) => {
        this.sequence += 1;
        const committedSequence = this.sequence;
        for (const { index, ttl } of writes) {
          const hash = prompt.blocks[index]?.prefixHash;
          if (hash === undefined) continue;
          const key = `${namespace}\n${hash}`;
          const expiresAt = now + ttlMilliseconds[ttl];
          const existing = this.entries.get(key);
          if (existing !== undefined && existing.expiresAt > beganAt) {
            // Concurrent writers of one prefix: the first to begin makes it readable.
            existing.readableAt = Math.min(existing.readableAt, beganAt);
            existing.committedSequence = Math.min(existing.committedSequence, committedSequence);
            existing.expiresAt = Math.max(existing.expiresAt, expiresAt);
            if (ttl === '1h') existing.ttl = '1h';
          } else {
            this.entries.set(key, { ttl, expiresAt, readableAt: beganAt, committedSequence });
          }
        }
      },
    };
  }

  /** Drops expired entries; lookups ignore them anyway, this bounds memory. */
  sweep(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private findLive(
    namespace: string,
    prompt: LinearPrompt,
    breakpoint: number,
    now: number,
    arrivalSequence: number,
  ): [number, CacheEntry] | undefined {
    const start = prompt.blocks[breakpoint];
    if (start === undefined) return undefined;
    for (let index = breakpoint; index >= 0; index -= 1) {
      const block = prompt.blocks[index];
      if (block === undefined || start.position - block.position >= lookbackPositions) break;
      const entry = this.entries.get(`${namespace}\n${block.prefixHash}`);
      if (
        entry !== undefined &&
        entry.readableAt <= now &&
        entry.committedSequence < arrivalSequence &&
        entry.expiresAt > now
      ) {
        return [index, entry];
      }
    }
    return undefined;
  }
}
