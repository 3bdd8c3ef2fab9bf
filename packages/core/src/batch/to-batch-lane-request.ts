import type { CachePlan } from '../model/model-request';
import type { ModelRequest } from '../model/model-request';

/**
 * The request as the batch lane sends it: every cache breakpoint with a 1-hour
 * TTL. A batch's requests run minutes to hours apart, within the provider's
 * processing window, so a 5-minute entry would mostly expire before a sibling
 * could read it; the 1-hour write costs more (2x input against 1.25x) but is
 * read at 0.1x by every later request within the hour. A request without a
 * cache plan is returned as it is.
 *
 * @example
 * ```ts
 * toBatchLaneRequest({ ...request, cache: { system: '5m' } }).cache; // { system: '1h' }
 * ```
 */
export function toBatchLaneRequest(request: ModelRequest): ModelRequest {
  const cache = request.cache;
  if (cache === undefined) return request;
  const hourly: { -readonly [K in keyof CachePlan]: CachePlan[K] } = {};
  for (const segment of ['tools', 'system', 'reference', 'conversation'] as const) {
    if (cache[segment] !== undefined) hourly[segment] = '1h';
  }
  return { ...request, cache: hourly };
}

// The cache-write rule lives once, in call/; batch/index re-exports it from here.
export { cacheWritesOf } from '../call/cache-writes';
