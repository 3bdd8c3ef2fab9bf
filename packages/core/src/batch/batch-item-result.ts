import type { Nanodollars } from '../money/nanodollars';
import type { ModelResponse } from '../model/model-response';
import type { Lane } from '../pricing/price-call';

/** What happened to a request in the batch lane. */
export type BatchOutcome = 'succeeded' | 'errored' | 'expired' | 'canceled';

/**
 * Why an item was never sent: its worst case did not fit the budget
 * (`budget`), it is larger than a batch may be (`too-large`), or the run was
 * aborted first (`aborted`).
 */
export type BatchUnsubmittedReason = 'budget' | 'too-large' | 'aborted';

/**
 * Why a sent item has no answer:
 *
 * - `errored`, `expired`, `canceled`: what the batch lane said, with no
 *   interactive retry (retries off, or the error cannot be helped by one);
 * - `deadline`: the batch lane did not answer and no interactive call could
 *   finish before the deadline;
 * - `budget`: the budget could not hold an interactive retry's worst case;
 * - `interactive-error`: the interactive retries failed too;
 * - `aborted`: the run was aborted first;
 * - `unknown-outcome`: the batch could not be read back, so whether it was
 *   billed is unknown; its worst case stays held on the budget.
 */
export type BatchFailureReason =
  | 'errored'
  | 'expired'
  | 'canceled'
  | 'deadline'
  | 'budget'
  | 'interactive-error'
  | 'aborted'
  | 'unknown-outcome';

/**
 * The result of one item of {@link runBatch}, under its id.
 *
 * @example
 * ```ts
 * for (const item of result.items) {
 *   if (item.status === 'succeeded') save(item.id, item.response);
 *   else console.warn(item.id, item.status, item.reason);
 * }
 * ```
 */
export type BatchItemResult =
  | {
      readonly id: string;
      readonly status: 'succeeded';
      /** The lane that answered. */
      readonly lane: Lane;
      readonly response: ModelResponse;
      /** What was charged for it, in every lane it went through. */
      readonly cost: Nanodollars;
      /** What the batch lane said first; undefined when it ran interactively from the start. */
      readonly batchOutcome: BatchOutcome | undefined;
      readonly batchId: string | undefined;
    }
  | {
      readonly id: string;
      readonly status: 'failed';
      readonly reason: BatchFailureReason;
      /** The last error seen, if any. */
      readonly error: unknown;
      readonly cost: Nanodollars;
      readonly batchOutcome: BatchOutcome | undefined;
      readonly batchId: string | undefined;
    }
  | {
      readonly id: string;
      readonly status: 'unsubmitted';
      readonly reason: BatchUnsubmittedReason;
      readonly cost: 0;
    };
