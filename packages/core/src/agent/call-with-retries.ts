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
 * ends it with a RetryError saying why.
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
      // One reservation spans the retries; a failed attempt billed nothing, so
      // this only tops up if the provider billed a part.
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
