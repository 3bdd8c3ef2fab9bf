import { isAborted } from './is-aborted';
import type { Budget } from '../budget/budget';
import { ProviderApiError } from '../errors/provider-api-error';
import type { Nanodollars } from '../money/nanodollars';
import type { ModelClient } from '../model/model-client';
import type { ModelRequest } from '../model/model-request';
import type { ModelResponse } from '../model/model-response';
import type { BatchClock } from './batch-clock';
import type { BatchEventInput } from './batch-events';
import type { BatchTally } from './batch-totals';
import type { InteractiveLatency } from './interactive-latency';
import { reserveLaneCall } from './reserve-lane-call';

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
 * One item in the interactive lane, with its retries: before each attempt it
 * checks that the expected latency still fits before the deadline and holds
 * the attempt's worst case at the interactive price; a retryable failure
 * waits (retry-after, or backoff from 500 ms) and tries again, up to
 * `maxRetries` times. What a failed attempt billed is charged.
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
  let cost = 0;
  let lastError: unknown;
  for (let attempt = 0; ; attempt += 1) {
    if (isAborted(signal)) return { ok: false, reason: 'aborted', error: signal?.reason, cost };
    if (deadline !== undefined && clock.now() + latency.estimate() > deadline) {
      return { ok: false, reason: 'deadline', error: lastError, cost };
    }
    if (after !== undefined || attempt > 0) {
      context.emit({
        type: 'batch.item.retry',
        item: itemId,
        after: attempt === 0 && after !== undefined ? after : 'errored',
        lane: 'interactive',
        attempt: attempt + 1,
      });
    }
    const reservation = await reserveLaneCall(
      context.budget,
      context.client,
      request,
      'interactive',
      `${context.name} ${itemId}`,
      signal,
    );
    if (reservation === undefined) return { ok: false, reason: 'budget', error: lastError, cost };
    const startedAt = clock.now();
    try {
      const response = await context.client.complete(
        request,
        signal === undefined ? {} : { signal },
      );
      const charged = reservation.charge(response.usage).usd;
      reservation.release();
      latency.observe(clock.now() - startedAt);
      context.tally.add('interactive', response.usage, charged);
      return { ok: true, response, cost: cost + charged };
    } catch (error) {
      lastError = error;
      if (ProviderApiError.isInstance(error) && error.billedUsage !== undefined) {
        const charged = reservation.charge(error.billedUsage).usd;
        context.tally.add('interactive', error.billedUsage, charged);
        cost += charged;
      }
      reservation.release();
      if (isAborted(signal)) return { ok: false, reason: 'aborted', error, cost };
      const retryable = ProviderApiError.isInstance(error) && error.isRetryable;
      if (!retryable || attempt >= context.maxRetries) {
        return { ok: false, reason: 'interactive-error', error, cost };
      }
      const delayMs =
        (ProviderApiError.isInstance(error) ? error.retryAfterMs : undefined) ?? 500 * 2 ** attempt;
      try {
        await clock.sleep(delayMs, signal);
      } catch (sleepError) {
        if (isAborted(signal)) return { ok: false, reason: 'aborted', error: sleepError, cost };
        throw sleepError;
      }
    }
  }
}
