import { ProviderApiError } from '../model/provider-api-error';
import { RetryError } from '../errors/retry-error';
import type { Nanodollars } from '../money/nanodollars';
import type { ModelResponse } from '../model/model-response';
import { addUsage, emptyUsage, type Usage } from '../usage/usage';
import { holdCall, type HeldCall, type HoldCallOptions } from './hold-call';
import { isAborted } from './is-aborted';
import { isRetryable, retryDelayMs } from './retry-policy';

/** Options of {@link governedCall}. */
export interface GovernedCallOptions extends HoldCallOptions {
  /**
   * Runs once the hold is taken and before anything is sent: a write-ahead
   * record of the hold (a checkpoint), events. When it rejects, the hold is
   * released and the call is not sent (`failed`, its error).
   */
  readonly beforeSend?: (held: HeldCall) => void | Promise<void>;
}

interface Billed {
  /** Every attempt's billed usage, the last response's included. */
  readonly usage: Usage;
  /** What was charged for it, nano-dollars. */
  readonly cost: Nanodollars;
}

/** How a governed call ended. It never throws: every end is one of these. */
export type GovernedCallOutcome =
  | (Billed & {
      readonly status: 'completed';
      readonly response: ModelResponse;
      /** The output cap the call was sent with. */
      readonly maxTokens: number;
    })
  | (Billed & {
      /** The budget could not hold the call (or another attempt of it). */
      readonly status: 'refused';
      readonly reason: string;
      readonly error: unknown;
    })
  | (Billed & { readonly status: 'failed'; readonly error: unknown })
  | (Billed & { readonly status: 'aborted'; readonly error: unknown });

/**
 * One model call under a budget, the only way Bursar sends one: hold its
 * worst case ({@link holdCall}), run the write-ahead hook, send, charge what
 * every attempt billed (a stream cut after it reported usage included:
 * `ProviderApiError.billedUsage`), retry what is retryable under the same
 * hold (topped back up before each retry), settle to what was billed, and
 * release the rest. Nothing it calls can make it throw.
 *
 * @example
 * ```ts
 * const outcome = await governedCall({ budget, client, request, label: 'single turn 1', retry: { maxRetries: 2, sleep } });
 * if (outcome.status === 'completed') console.log(outcome.response.content, outcome.cost);
 * ```
 */
export async function governedCall(options: GovernedCallOptions): Promise<GovernedCallOutcome> {
  let usage = emptyUsage;
  let cost = 0;
  let held: HeldCall | undefined;
  const ended = (
    outcome:
      | { status: 'refused'; reason: string; error: unknown }
      | { status: 'failed' | 'aborted'; error: unknown },
  ): GovernedCallOutcome => {
    held?.reservation.release();
    return { ...outcome, usage, cost };
  };
  try {
    const hold = await holdCall(options);
    if (hold.status === 'aborted') return ended(hold);
    if (hold.status === 'refused')
      return ended({ status: 'refused', reason: hold.reason, error: hold.countError });
    held = hold;
    const { reservation } = hold;
    await options.beforeSend?.(hold);
    const request =
      hold.maxTokens === options.request.maxTokens
        ? options.request
        : { ...options.request, maxTokens: hold.maxTokens };
    const { client, signal, retry } = options;
    const errors: unknown[] = [];
    for (let attempt = 0; ; attempt += 1) {
      if (isAborted(signal)) return ended({ status: 'aborted', error: signal?.reason });
      try {
        const response = await client.complete(request, signal === undefined ? {} : { signal });
        cost += reservation.charge(response.usage).usd;
        usage = addUsage(usage, response.usage);
        reservation.release();
        return { status: 'completed', response, maxTokens: hold.maxTokens, usage, cost };
      } catch (error) {
        errors.push(error);
        // Billed is billed: book it before deciding anything else.
        if (ProviderApiError.isInstance(error) && error.billedUsage !== undefined) {
          cost += reservation.charge(error.billedUsage).usd;
          usage = addUsage(usage, error.billedUsage);
        }
        if (isAborted(signal)) return ended({ status: 'aborted', error });
        if (!isRetryable(error))
          return ended({
            status: 'failed',
            error: new RetryError({
              message: 'Call failed and is not retryable',
              reason: 'notRetryable',
              errors,
            }),
          });
        if (attempt >= retry.maxRetries)
          return ended({
            status: 'failed',
            error: new RetryError({
              message: `Call failed after ${String(attempt + 1)} attempts`,
              reason: 'maxRetriesExceeded',
              errors,
            }),
          });
        // One hold spans the retries: top it back up to the call's worst case.
        if (!reservation.renew()) {
          const refusal = new RetryError({
            message: 'The budget cannot cover another attempt',
            reason: 'budget',
            errors,
          });
          return ended({ status: 'refused', reason: refusal.message, error: refusal });
        }
        const delayMs = retryDelayMs(error, attempt);
        if (retry.shouldRetry?.(delayMs) === false) return ended({ status: 'failed', error });
        options.onRetry?.({ stage: 'call', attempt: attempt + 1, delayMs, error });
        try {
          await retry.sleep(delayMs, signal);
        } catch (sleepError) {
          if (isAborted(signal)) return ended({ status: 'aborted', error: sleepError });
          throw sleepError;
        }
      }
    }
  } catch (error) {
    // A hook, a client or a budget that threw where nothing should: a failed call, never a throw.
    return ended({ status: isAborted(options.signal) ? 'aborted' : 'failed', error });
  }
}
