import { isAborted } from '../call/is-aborted';
import type { Budget } from '../budget/budget';
import { governedCall } from '../call/governed-call';
import { RetryError } from '../errors/retry-error';
import type { Nanodollars } from '../money/nanodollars';
import type { ModelClient } from '../model/model-client';
import type { ModelRequest } from '../model/model-request';
import type { ModelResponse } from '../model/model-response';
import type { BatchClock } from './batch-clock';
import type { BatchEventInput } from './batch-events';
import type { BatchTally } from './batch-totals';
import type { InteractiveLatency } from './interactive-latency';

/** What an interactive call needs from its run. @internal */
export interface InteractiveContext {
  readonly client: ModelClient;
  readonly budget: Budget;
  readonly clock: BatchClock;
  readonly deadline: number | undefined;
  readonly latency: InteractiveLatency;
  readonly maxRetries: number;
  readonly signal: AbortSignal | undefined;
  readonly name: string;
  readonly tally: BatchTally;
  readonly emit: (event: BatchEventInput) => void;
}

/** How an interactive call ended. @internal */
export type InteractiveOutcome =
  | { readonly ok: true; readonly response: ModelResponse; readonly cost: Nanodollars }
  | {
      readonly ok: false;
      readonly reason: 'deadline' | 'budget' | 'interactive-error' | 'aborted';
      readonly error: unknown;
      readonly cost: Nanodollars;
    };

/**
 * One item in the interactive lane, as a governed call: it holds the call's
 * worst case at the interactive price and retries what is retryable (waiting
 * for retry-after, or backing off from 500 ms) up to `maxRetries` times,
 * while the expected latency still fits before the deadline. What a failed
 * attempt billed is charged.
 *
 * @example
 * ```ts
 * const outcome = await completeInteractively('item-3', request, 'expired', context);
 * ```
 * @internal
 */
export async function completeInteractively(
  itemId: string,
  request: ModelRequest,
  after: 'errored' | 'expired' | 'canceled' | undefined,
  context: InteractiveContext,
): Promise<InteractiveOutcome> {
  const { clock, signal, latency, deadline } = context;
  const fitsDeadline = (waitMs: number): boolean =>
    deadline === undefined || clock.now() + waitMs + latency.estimate() <= deadline;
  if (isAborted(signal)) return { ok: false, reason: 'aborted', error: signal?.reason, cost: 0 };
  if (!fitsDeadline(0)) return { ok: false, reason: 'deadline', error: undefined, cost: 0 };
  if (after !== undefined)
    context.emit({
      type: 'batch.item.retry',
      item: itemId,
      after,
      lane: 'interactive',
      attempt: 1,
    });
  let startedAt = clock.now();
  const stopped = { byDeadline: false };
  const outcome = await governedCall({
    budget: context.budget,
    client: context.client,
    request,
    lane: 'interactive',
    label: `${context.name} ${itemId}`,
    signal,
    retry: {
      maxRetries: context.maxRetries,
      sleep: (milliseconds, abort) => clock.sleep(milliseconds, abort),
      shouldRetry: (delayMs) => {
        stopped.byDeadline = !fitsDeadline(delayMs);
        return !stopped.byDeadline;
      },
    },
    beforeSend: () => {
      startedAt = clock.now();
    },
    onRetry: (retry) => {
      if (retry.stage !== 'call') return;
      startedAt = clock.now() + retry.delayMs;
      context.emit({
        type: 'batch.item.retry',
        item: itemId,
        after: 'errored',
        lane: 'interactive',
        attempt: retry.attempt + 1,
      });
    },
  });
  if (outcome.cost > 0 || outcome.status === 'completed')
    context.tally.add('interactive', outcome.usage, outcome.cost);
  switch (outcome.status) {
    case 'completed':
      latency.observe(clock.now() - startedAt);
      return { ok: true, response: outcome.response, cost: outcome.cost };
    case 'refused':
      return { ok: false, reason: 'budget', error: outcome.error, cost: outcome.cost };
    case 'aborted':
      return { ok: false, reason: 'aborted', error: outcome.error, cost: outcome.cost };
    case 'failed':
      return {
        ok: false,
        reason: stopped.byDeadline ? 'deadline' : 'interactive-error',
        error: RetryError.isInstance(outcome.error) ? outcome.error.errors.at(-1) : outcome.error,
        cost: outcome.cost,
      };
  }
}
