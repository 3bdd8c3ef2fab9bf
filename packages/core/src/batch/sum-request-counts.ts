import type { ModelBatchRequestCounts } from '../model/model-batches';

/**
 * Adds request counts of several batches, state by state. @internal
 *
 * @example
 * ```ts
 * sumRequestCounts([first.requestCounts, second.requestCounts]).succeeded;
 * ```
 */
export function sumRequestCounts(all: Iterable<ModelBatchRequestCounts>): ModelBatchRequestCounts {
  const total = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
  for (const counts of all) {
    total.processing += counts.processing;
    total.succeeded += counts.succeeded;
    total.errored += counts.errored;
    total.canceled += counts.canceled;
    total.expired += counts.expired;
  }
  return total;
}
