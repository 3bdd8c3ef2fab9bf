import {
  governedCall,
  type GovernedCallOptions,
  type GovernedCallOutcome,
} from '../call/governed-call';
import type { ModelRequest } from '../model/model-request';

/**
 * Sends a pre-warm request (`maxTokens: 0`: no output, only the cache write
 * and read) as a governed call with no retry: it only saves money, so when the
 * budget cannot hold it or it fails, the turn goes on without it. What a
 * failed attempt billed is still charged.
 *
 * @example
 * ```ts
 * const warmed = await prewarm(call, decision.prewarm);
 * if (warmed.status === 'completed') spent += warmed.cost;
 * ```
 */
export function prewarm(
  call: Omit<GovernedCallOptions, 'request' | 'minOutputTokens'>,
  request: ModelRequest,
): Promise<GovernedCallOutcome> {
  return governedCall({ ...call, request, retry: { ...call.retry, maxRetries: 0 } });
}
