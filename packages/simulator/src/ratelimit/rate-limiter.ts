/** Per-minute limits; any left out is unlimited. */
export interface RateLimitOptions {
  readonly requestsPerMinute?: number;
  readonly inputTokensPerMinute?: number;
  readonly outputTokensPerMinute?: number;
}

type Dimension = 'requests' | 'input-tokens' | 'output-tokens';

interface Bucket {
  readonly capacity: number;
  level: number;
  updatedAt: number;
}

const unlimited = 1_000_000_000;

/**
 * Token buckets per API key, refilled continuously over a minute, as the API's
 * limits behave. `check` admits or refuses a request before it runs;
 * `record` charges output once it is known.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter({ requestsPerMinute: 50 });
 * const verdict = limiter.check('key', 1200, clock.now());
 * if (!verdict.allowed) console.log(verdict.retryAfterSeconds);
 * ```
 */
export class RateLimiter {
  private readonly limits: Record<Dimension, number>;
  private readonly buckets = new Map<string, Record<Dimension, Bucket>>();

  /** Whether any limit is set (without one, callers can skip estimating). */
  readonly limited: boolean;

  constructor(options: RateLimitOptions = {}) {
    this.limited =
      options.requestsPerMinute !== undefined ||
      options.inputTokensPerMinute !== undefined ||
      options.outputTokensPerMinute !== undefined;
    this.limits = {
      requests: options.requestsPerMinute ?? unlimited,
      'input-tokens': options.inputTokensPerMinute ?? unlimited,
      'output-tokens': options.outputTokensPerMinute ?? unlimited,
    };
  }

  check(
    key: string,
    inputTokens: number,
    now: number,
  ): { allowed: true } | { allowed: false; retryAfterSeconds: number; dimension: Dimension } {
    const buckets = this.bucketsOf(key, now);
    const needs: [Dimension, number][] = [
      ['requests', 1],
      ['input-tokens', inputTokens],
      ['output-tokens', 0],
    ];
    for (const [dimension, amount] of needs) {
      const bucket = buckets[dimension];
      // A request larger than the whole bucket could never pass: admit it when full.
      const needed = Math.min(amount, bucket.capacity);
      if (bucket.level < needed || (dimension === 'output-tokens' && bucket.level <= 0)) {
        const missing = Math.max(needed - bucket.level, 1);
        return {
          allowed: false,
          dimension,
          retryAfterSeconds: Math.max(1, Math.ceil((missing / bucket.capacity) * 60)),
        };
      }
    }
    buckets.requests.level -= 1;
    buckets['input-tokens'].level -= inputTokens;
    return { allowed: true };
  }

  record(key: string, outputTokens: number, now: number): void {
    this.bucketsOf(key, now)['output-tokens'].level -= outputTokens;
  }

  /** The `anthropic-ratelimit-*` headers for a key at `now`; `wallClockStart` anchors reset times. */
  headers(key: string, now: number, wallClockStart: number): Record<string, string> {
    const buckets = this.bucketsOf(key, now);
    const headers: Record<string, string> = {};
    let tokensLimit = 0;
    let tokensRemaining = 0;
    let tokensReset = now;
    for (const dimension of ['requests', 'input-tokens', 'output-tokens'] as const) {
      const bucket = buckets[dimension];
      const remaining = Math.max(0, Math.floor(bucket.level));
      const reset =
        now + ((bucket.capacity - Math.max(0, bucket.level)) / bucket.capacity) * 60_000;
      headers[`anthropic-ratelimit-${dimension}-limit`] = String(bucket.capacity);
      headers[`anthropic-ratelimit-${dimension}-remaining`] = String(remaining);
      headers[`anthropic-ratelimit-${dimension}-reset`] = new Date(
        wallClockStart + reset,
      ).toISOString();
      if (dimension !== 'requests') {
        tokensLimit += bucket.capacity;
        tokensRemaining += remaining;
        tokensReset = Math.max(tokensReset, reset);
      }
    }
    headers['anthropic-ratelimit-tokens-limit'] = String(tokensLimit);
    headers['anthropic-ratelimit-tokens-remaining'] = String(tokensRemaining);
    headers['anthropic-ratelimit-tokens-reset'] = new Date(
      wallClockStart + tokensReset,
    ).toISOString();
    return headers;
  }

  reset(): void {
    this.buckets.clear();
  }

  private bucketsOf(key: string, now: number): Record<Dimension, Bucket> {
    let buckets = this.buckets.get(key);
    if (buckets === undefined) {
      buckets = {
        requests: { capacity: this.limits.requests, level: this.limits.requests, updatedAt: now },
        'input-tokens': {
          capacity: this.limits['input-tokens'],
          level: this.limits['input-tokens'],
          updatedAt: now,
        },
        'output-tokens': {
          capacity: this.limits['output-tokens'],
          level: this.limits['output-tokens'],
          updatedAt: now,
        },
      };
      this.buckets.set(key, buckets);
    }
    for (const bucket of Object.values(buckets)) {
      const elapsed = Math.max(0, now - bucket.updatedAt);
      bucket.level = Math.min(bucket.capacity, bucket.level + (bucket.capacity * elapsed) / 60_000);
      // A request may start earlier than the last one (x-bursar-sim-time): it refills nothing.
      bucket.updatedAt = Math.max(bucket.updatedAt, now);
    }
    return buckets;
  }
}
