import type { Budget } from '../budget/budget';
import type { Reservation } from '../budget/reservation';
import { holdCall } from '../call/hold-call';
import type { RetryPolicy } from '../call/retry-policy';
import type { ModelClient } from '../model/model-client';
import type { ModelRequest } from '../model/model-request';
import type { Lane } from '../pricing/price-call';

/**
 * Holds the worst case of one batch-lane request (the batch price is half),
 * the one way every call is held ({@link holdCall}): the strict prompt bound,
 * or an exact count when that does not fit. Undefined when neither fits: the
 * request must not be sent. Pass one `counting` object to many calls: once an
 * exact count has not fitted, it stops asking for more.
 *
 * @example
 * ```ts
 * const reservation = await reserveLaneCall(budget, client, request, 'batch', 'bulk item-7', retry);
 * ```
 * @internal
 */
export async function reserveLaneCall(
  budget: Budget,
  client: ModelClient,
  request: ModelRequest,
  lane: Lane,
  label: string,
  retry: RetryPolicy,
  signal?: AbortSignal,
  counting: { allowed: boolean } = { allowed: true },
): Promise<Reservation | undefined> {
  const held = await holdCall({ budget, client, request, lane, label, retry, signal, counting });
  if (held.status === 'aborted') throw held.error;
  return held.status === 'held' ? held.reservation : undefined;
}
