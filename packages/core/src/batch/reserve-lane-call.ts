import type { Budget } from '../budget/budget';
import type { Reservation } from '../budget/reservation';
import type { ModelClient } from '../model/model-client';
import type { ModelRequest } from '../model/model-request';
import type { Lane } from '../pricing/price-call';
import { cacheWritesOf } from './to-batch-lane-request';

/**
 * Holds the worst case of one request in `lane` (the batch lane's price is
 * half): the client's strict prompt bound, or, when that does not fit and the
 * client can count, the exact prompt count. Undefined when neither fits: the
 * request must not be sent. Pass one `counting` object to many calls: once an
 * exact count has not fitted, it stops asking for more.
 *
 * @example
 * ```ts
 * const reservation = await reserveLaneCall(budget, client, request, 'batch', 'bulk item-7');
 * ```
 * @internal
 */
export async function reserveLaneCall(
  budget: Budget,
  client: ModelClient,
  request: ModelRequest,
  lane: Lane,
  label: string,
  signal?: AbortSignal,
  counting: { allowed: boolean } = { allowed: true },
): Promise<Reservation | undefined> {
  const envelope = {
    model: request.model,
    maxTokens: request.maxTokens,
    lane,
    cacheWrites: cacheWritesOf(request.cache),
    label,
    ...(request.speed === undefined ? {} : { speed: request.speed }),
    ...(request.inferenceGeo === undefined ? {} : { inferenceGeo: request.inferenceGeo }),
  };
  const strict = budget.tryReserve({
    ...envelope,
    inputTokensBound: client.boundInputTokens(request),
  });
  if (strict.ok) return strict.reservation;
  if (client.countTokens === undefined || !counting.allowed) return undefined;
  // Not even an empty prompt fits: no count can help, so do not ask for one.
  const floor = budget.bound({ ...envelope, inputTokensBound: 0 });
  const { available } = budget.snapshot();
  if (
    budget.enforcement === 'hard' &&
    ((available.usd !== undefined && floor.usd > available.usd) ||
      (available.tokens !== undefined && floor.tokens > available.tokens))
  ) {
    return undefined;
  }
  // Close to the limit the byte bound is loose: an exact count may still fit.
  let exact: number;
  try {
    exact = await client.countTokens(request, signal === undefined ? {} : { signal });
  } catch (error) {
    if (signal?.aborted === true) throw error;
    // No count, no proof that it fits: the request is refused like any other.
    return undefined;
  }
  const counted = budget.tryReserve({ ...envelope, inputTokensBound: exact });
  if (counted.ok) return counted.reservation;
  // Even the exact count did not fit: the budget is all but full, so the
  // caller may stop asking for counts (each is a network call).
  counting.allowed = false;
  return undefined;
}
