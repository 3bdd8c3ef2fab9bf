import type { Reservation } from '../budget/reservation';
import { ProviderApiError } from '../errors/provider-api-error';
import { RetryError } from '../errors/retry-error';
import type { ModelRequest } from '../model/model-request';
import type { ModelResponse } from '../model/model-response';
import type { AgentEvent } from './agent-events';
import type { RunAgentOptions } from './run-agent';
import { isAborted } from './wait';

/**
 * One model call with its retries: retryable provider errors wait for
 * retry-after (or back off) and try again under the same reservation; a spend
 * limit, a non-retryable error or a budget that cannot cover another attempt
 * ends it with a RetryError saying why. A failed attempt the provider billed
 * anyway (a stream cut after it reported usage: `ProviderApiError.billedUsage`)
 * is charged to the reservation first, retried or not, so the ledger matches
 * the provider's invoice.
 */
export async function attempt(
  options: RunAgentOptions,
  request: ModelRequest,
  reservation: Reservation,
  context: {
    maxRetries: number;
    sleep: NonNullable<RunAgentOptions['sleep']>;
    emit: (event: AgentEvent) => void;
    name: string;
    turn: number;
  },
): Promise<ModelResponse> {
  const errors: unknown[] = [];
  for (let attemptNumber = 0; ; attemptNumber += 1) {
    try {
      return await options.client.complete(
        request,
        options.signal === undefined ? {} : { signal: options.signal },
      );
    } catch (error) {
      errors.push(error);
      // Billed is billed: book it before deciding anything else.
      if (ProviderApiError.isInstance(error) && error.billedUsage !== undefined)
        reservation.charge(error.billedUsage);
      if (isAborted(options.signal)) throw error;
      const retryable = ProviderApiError.isInstance(error) && error.isRetryable;
      if (!retryable)
        throw new RetryError({
          message: `Call failed and is not retryable: ${String(error)}`,
          reason: 'notRetryable',
          errors,
        });
      if (attemptNumber >= context.maxRetries) {
        throw new RetryError({
          message: `Call failed after ${String(attemptNumber + 1)} attempts`,
          reason: 'maxRetriesExceeded',
          errors,
        });
      }
      // One reservation spans the retries: top the hold back up to the call's
      // worst case (only needed when the failed attempt was billed a part).
      if (!reservation.renew())
        throw new RetryError({
          message: 'The budget cannot cover another attempt',
          reason: 'budget',
          errors,
        });
      const delayMs =
        (ProviderApiError.isInstance(error) ? error.retryAfterMs : undefined) ??
        500 * 2 ** attemptNumber;
      context.emit({
        type: 'agent.retry',
        agent: context.name,
        turn: context.turn,
        attempt: attemptNumber + 1,
        delayMs,
        error: String(error),
      });
      await context.sleep(delayMs, options.signal);
    }
  }
}
