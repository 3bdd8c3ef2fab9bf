import type { CachePlan } from '../model/model-request';
import type { Lane } from '../pricing/price-call';

/** The dearest cache write a request can cause. */
export type CacheWrites = 'none' | '5m' | '1h';

/**
 * The dearest cache write a request can cause, for its hold: `1h` when any
 * breakpoint has the 1-hour TTL, `5m` when it has only 5-minute ones, `none`
 * without a cache plan. In the batch lane every breakpoint is written for an
 * hour (the lane rewrites TTLs: see `toBatchLaneRequest`), so any plan is `1h`.
 *
 * @example
 * ```ts
 * cacheWritesOf({ system: '1h', conversation: '5m' }); // '1h'
 * cacheWritesOf({ conversation: '5m' }, 'batch'); // '1h'
 * ```
 */
export function cacheWritesOf(
  cache: CachePlan | undefined,
  lane: Lane = 'interactive',
): CacheWrites {
  const ttls = Object.values(cache ?? {}) as (string | undefined)[];
  if (ttls.includes('1h')) return '1h';
  if (!ttls.includes('5m')) return 'none';
  return lane === 'batch' ? '1h' : '5m';
}
