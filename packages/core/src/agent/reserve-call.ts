import type { CallEnvelope } from '../budget/call-bound';
import { fitOutputCap } from '../budget/fit-output-cap';
import type { Reservation } from '../budget/reservation';
import type { ModelClient } from '../model/model-client';
import type { ModelRequest } from '../model/model-request';
import type { RunAgentOptions } from './run-agent';

/** A held call: its reservation, and the output cap the hold was made for. */
export interface HeldCall {
  readonly reservation: Reservation;
  /** The request's `maxTokens`, or a smaller cap that fitted what was left. */
  readonly maxTokens: number;
}

/** How {@link reserve} may hold a call. */
export interface ReserveCallOptions {
  /** The dearest cache write the request can cause. */
  readonly cacheWrites: 'none' | '5m' | '1h';
  readonly label: string;
  /**
   * When the request's `maxTokens` does not fit, hold the largest output cap
   * that does, down to this. Undefined: the request's cap or nothing.
   */
  readonly minOutputTokens?: number;
}

const segmentOrder = ['tools', 'system', 'reference', 'conversation'] as const;

/**
 * A strict bound of the prompt tokens a 1-hour cache write can cover: the
 * request cut after its last segment cached for an hour (0 when none is).
 */
function oneHourPrefixBound(client: ModelClient, request: ModelRequest, whole: number): number {
  let last = -1;
  segmentOrder.forEach((segment, index) => {
    if (request.cache?.[segment] === '1h') last = index;
  });
  if (last === -1) return 0;
  if (last === segmentOrder.length - 1) return whole;
  return Math.min(
    whole,
    client.boundInputTokens({
      ...request,
      tools: last >= 0 ? request.tools : [],
      system: last >= 1 ? request.system : [],
      reference: last >= 2 ? request.reference : [],
      messages: [],
    }),
  );
}

/**
 * Holds a call's worst case in the budget: the client's strict prompt bound,
 * or, when that does not fit, an exact count (if the client can count); then,
 * with `minOutputTokens`, the largest output cap that fits.
 * Undefined when nothing fits: the budget is exhausted for this call.
 */
export async function reserve(
  options: RunAgentOptions,
  request: ModelRequest,
  how: ReserveCallOptions,
): Promise<HeldCall | undefined> {
  const { budget, client } = options;
  const batchLane = client.lane === 'batch';
  const strictBound = client.boundInputTokens(request);
  // Bounded once: the exact-count retry below reuses it.
  const oneHour =
    how.cacheWrites === '1h' && !batchLane
      ? { cacheWrite1hTokensBound: oneHourPrefixBound(client, request, strictBound) }
      : {};
  const envelope = (inputTokensBound: number): CallEnvelope => ({
    model: request.model,
    maxTokens: request.maxTokens,
    inputTokensBound,
    // The batch lane writes every cached prefix for an hour (the dearer write).
    cacheWrites: batchLane && how.cacheWrites !== 'none' ? '1h' : how.cacheWrites,
    ...oneHour,
    label: how.label,
    // A batch-lane client's calls are billed at the batch price: hold and charge at it.
    ...(client.lane === undefined ? {} : { lane: client.lane }),
    ...(request.speed === undefined ? {} : { speed: request.speed }),
    ...(request.inferenceGeo === undefined ? {} : { inferenceGeo: request.inferenceGeo }),
  });
  const strict = envelope(strictBound);
  const held = budget.tryReserve(strict);
  if (held.ok) return { reservation: held.reservation, maxTokens: request.maxTokens };
  let call = strict;
  if (client.countTokens !== undefined) {
    // Close to the limit the byte bound is too loose: an exact count may still fit.
    const exact = await client.countTokens(
      request,
      options.signal === undefined ? {} : { signal: options.signal },
    );
    call = envelope(exact);
    const counted = budget.tryReserve(call);
    if (counted.ok) return { reservation: counted.reservation, maxTokens: request.maxTokens };
  }
  if (how.minOutputTokens === undefined) return undefined;
  const fitted = fitOutputCap(budget, call, how.minOutputTokens);
  if (fitted === undefined) return undefined;
  const capped = budget.tryReserve({ ...call, maxTokens: fitted });
  return capped.ok ? { reservation: capped.reservation, maxTokens: fitted } : undefined;
}
