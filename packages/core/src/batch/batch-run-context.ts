import { describeError } from './describe-error';
import type { ModelBatchLimits } from '../model/model-batches';
import type { BatchItem } from './batch-item';
import type { BatchItemResult, BatchOutcome } from './batch-item-result';
import { completeInteractively, type InteractiveContext } from './complete-interactively';
import type { ResolvedPollOptions } from './poll-options';

/** Everything one run of `runBatch` shares between its parts. @internal */
export interface BatchRunContext extends InteractiveContext {
  readonly items: readonly BatchItem[];
  readonly ids: readonly string[];
  /** Filled in as items finish, at their index. */
  readonly results: (BatchItemResult | undefined)[];
  readonly limits: ModelBatchLimits;
  readonly poll: ResolvedPollOptions;
  readonly retryInteractively: boolean;
  /** How long a batch is expected to take (for the deadline's room for another round). */
  readonly expectedBatchMs: number;
  /** Runs interactive calls at most `interactiveConcurrency` at a time. */
  readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
}

/**
 * Runs item `index` in the interactive lane and records its result: from the
 * start (`batchOutcome` undefined) or after the batch lane did not answer it.
 * @internal
 */
export async function runItemInteractively(
  context: BatchRunContext,
  index: number,
  batch: { outcome: Exclude<BatchOutcome, 'succeeded'>; id: string | undefined } | undefined,
): Promise<void> {
  const id = context.ids[index] ?? '';
  const item = context.items[index];
  if (item === undefined) return;
  const outcome = await context.limit(() =>
    completeInteractively(id, item.request, batch?.outcome, context),
  );
  if (outcome.ok) {
    if (batch !== undefined) context.tally.retried += 1;
    context.results[index] = {
      id,
      status: 'succeeded',
      lane: 'interactive',
      response: outcome.response,
      cost: outcome.cost,
      batchOutcome: batch?.outcome,
      batchId: batch?.id,
    };
    return;
  }
  context.emit({
    type: 'batch.item.fail',
    item: id,
    reason: outcome.reason,
    error: describeError(outcome.error),
  });
  context.results[index] = {
    id,
    status: 'failed',
    reason: outcome.reason,
    error: outcome.error,
    cost: outcome.cost,
    batchOutcome: batch?.outcome,
    batchId: batch?.id,
  };
}
