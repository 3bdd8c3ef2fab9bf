import type { BatchItemResult } from './batch-item-result';
import type { BatchTotals } from './batch-totals';

/**
 * How a run of {@link runBatch} ended: every item answered (`completed`), some
 * not (`partial`), some left unsent because the budget could not hold them
 * (`budget_exhausted`), or `aborted`.
 */
export type BatchRunStatus = 'completed' | 'partial' | 'budget_exhausted' | 'aborted';

/**
 * What {@link runBatch} returns, however the run ended: one result per item,
 * in the order of the items, and the totals.
 *
 * @example
 * ```ts
 * const { status, items, totals } = await runBatch(items, { client, budget });
 * ```
 */
export interface BatchRunResult {
  readonly status: BatchRunStatus;
  readonly items: readonly BatchItemResult[];
  readonly totals: BatchTotals;
  /** The ids of the batches submitted, in order. */
  readonly batchIds: readonly string[];
}
