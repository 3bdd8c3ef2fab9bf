import type { Nanodollars } from '../money/nanodollars';
import type { ModelBatchRequestCounts, ModelBatchStatus } from '../model/model-batches';
import type { Lane } from '../pricing/price-call';
import type { Usage } from '../usage/usage';
import type { BatchFailureReason, BatchUnsubmittedReason } from './batch-item-result';
import type { BatchRunStatus } from './batch-run-result';
import type { BatchTotals } from './batch-totals';
import type { BatchCancelReason } from './wait-for-batch';

interface EventBase {
  /** The run's (or lane client's) name. */
  readonly run: string;
  /** The batch clock's time, in ms. */
  readonly at: number;
}

/**
 * Events of the batch lane; dotted, so `batch.*` matches. `batch.progress`
 * carries the provider's `request_counts` of one batch and their sum over the
 * run's batches.
 *
 * @example
 * ```ts
 * const onEvent = (event: BatchEvent) => {
 *   if (event.type === 'batch.progress') console.log(event.total.succeeded, 'of', event.requests);
 * };
 * ```
 */
export type BatchEvent =
  | (EventBase & {
      readonly type: 'batch.lane';
      readonly lane: Lane;
      readonly reason: string;
      readonly items: number;
    })
  | (EventBase & {
      readonly type: 'batch.item.unsubmitted';
      readonly item: string;
      readonly reason: BatchUnsubmittedReason;
    })
  | (EventBase & {
      readonly type: 'batch.submit';
      readonly batch: string;
      readonly requests: number;
      readonly bytes: number;
      /** The worst case held on the budget for its requests, at the batch price (0 from a lane client: its callers hold). */
      readonly held: Nanodollars;
    })
  | (EventBase & {
      readonly type: 'batch.progress';
      readonly batch: string;
      readonly status: ModelBatchStatus;
      readonly counts: ModelBatchRequestCounts;
      /** Counts summed over every batch of the run, each at its latest look. */
      readonly total: ModelBatchRequestCounts;
      /** Requests submitted in the run so far. */
      readonly requests: number;
    })
  | (EventBase & {
      readonly type: 'batch.cancel';
      readonly batch: string;
      readonly reason: BatchCancelReason;
    })
  | (EventBase & {
      readonly type: 'batch.poll.error';
      readonly batch: string;
      readonly error: string;
    })
  | (EventBase & {
      readonly type: 'batch.end';
      readonly batch: string;
      readonly counts: ModelBatchRequestCounts;
      /** What its succeeded requests cost (undefined from a lane client, which prices nothing). */
      readonly cost: Nanodollars | undefined;
    })
  | (EventBase & {
      readonly type: 'batch.item.retry';
      readonly item: string;
      /** What happened to it in the batch lane (or, for a later attempt, `errored`). */
      readonly after: 'errored' | 'expired' | 'canceled';
      readonly lane: 'interactive';
      readonly attempt: number;
    })
  | (EventBase & {
      readonly type: 'batch.item.fail';
      readonly item: string;
      readonly reason: BatchFailureReason;
      readonly error: string;
    })
  | (EventBase & {
      /** A lane client's result that nobody waited for any more (its caller aborted): billed all the same. */
      readonly type: 'batch.result.unclaimed';
      readonly batch: string;
      readonly customId: string;
      readonly usage: Usage | undefined;
    })
  | (EventBase & {
      readonly type: 'batch.finish';
      readonly status: BatchRunStatus;
      readonly totals: BatchTotals;
    });

/** A listener of {@link BatchEvent}s. */
export type BatchEventListener = (event: BatchEvent) => void;

/** Distributes an event without its base fields to what makes each event. @internal */
export type BatchEventInput = BatchEvent extends infer TEvent
  ? TEvent extends BatchEvent
    ? Omit<TEvent, 'run' | 'at'>
    : never
  : never;
