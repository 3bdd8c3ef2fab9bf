import type { Reservation } from '../budget/reservation';
import type { ModelRequest } from '../model/model-request';
import type { RunAgentOptions } from './run-agent';

/**
 * Holds a call's worst case in the budget: the client's strict prompt bound,
 * or, when that does not fit, an exact count (if the client can count).
 * Undefined when neither fits: the budget is exhausted for this call.
 */
export async function reserve(
  options: RunAgentOptions,
  request: ModelRequest,
  cacheWrites: 'none' | '5m' | '1h',
  label: string,
): Promise<Reservation | undefined> {
  const envelope = {
    model: request.model,
    maxTokens: request.maxTokens,
    // The batch lane writes every cached prefix for an hour (the dearer write).
    cacheWrites: options.client.lane === 'batch' && cacheWrites !== 'none' ? '1h' : cacheWrites,
    label,
    // A batch-lane client's calls are billed at the batch price: hold and charge at it.
    ...(options.client.lane === undefined ? {} : { lane: options.client.lane }),
    ...(request.speed === undefined ? {} : { speed: request.speed }),
    ...(request.inferenceGeo === undefined ? {} : { inferenceGeo: request.inferenceGeo }),
  };
  const strict = options.budget.tryReserve({
    ...envelope,
    inputTokensBound: options.client.boundInputTokens(request),
  });
  if (strict.ok) return strict.reservation;
  if (options.client.countTokens === undefined) return undefined;
  // Close to the limit the byte bound is too loose: an exact count may still fit.
  const exact = await options.client.countTokens(
    request,
    options.signal === undefined ? {} : { signal: options.signal },
  );
  const counted = options.budget.tryReserve({ ...envelope, inputTokensBound: exact });
  return counted.ok ? counted.reservation : undefined;
}
