import type { Budget } from '../budget/budget';
import type { CallEnvelope } from '../budget/call-bound';
import { fitOutputCap } from '../budget/fit-output-cap';
import type { Reservation } from '../budget/reservation';
import type { ModelClient } from '../model/model-client';
import type { AgentIdentity, ModelRequest } from '../model/model-request';
import type { Lane } from '../pricing/price-call';
import { cacheWritesOf } from './cache-writes';
import { incrementalPromptBound, type BilledPrompt } from './incremental-prompt-bound';
import { isAborted } from './is-aborted';
import { isRetryable, retryDelayMs, type RetryPolicy } from './retry-policy';

/** One retry of a call or of its token count, as it is about to wait. */
export interface CallRetry {
  /** `count`: the exact-count request before the call; `call`: the call itself. */
  readonly stage: 'count' | 'call';
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

/** Options of {@link holdCall}. */
export interface HoldCallOptions {
  readonly budget: Budget;
  readonly client: ModelClient;
  readonly request: ModelRequest;
  /** Names the call in budget events (`single turn 3`). */
  readonly label: string;
  /** The agent making the call; carried on the reservation and its charges. @default request.agent */
  readonly agent?: AgentIdentity;
  /** The lane the call is billed in. @default the client's lane, else 'interactive' */
  readonly lane?: Lane;
  /**
   * When the request's `maxTokens` does not fit, hold the largest output cap
   * that does, down to this. Undefined: the request's cap or nothing.
   */
  readonly minOutputTokens?: number;
  /**
   * Shared by many calls (a batch's items): once an exact count has not
   * fitted, the budget is all but full, so later calls stop asking for counts.
   */
  readonly counting?: { allowed: boolean };
  readonly retry: RetryPolicy;
  readonly signal?: AbortSignal | undefined;
  readonly onRetry?: (retry: CallRetry) => void;
  /**
   * The last request this conversation sent and the prompt it was billed for:
   * when `request` extends it unchanged, the hold starts from that count plus
   * a strict bound of what was appended ({@link incrementalPromptBound}).
   */
  readonly lastBilled?: BilledPrompt;
}

/** A call's worst case, held: the reservation and the output cap it was made for. */
export interface HeldCall {
  readonly reservation: Reservation;
  /** The request's `maxTokens`, or a smaller cap that fitted what was left. */
  readonly maxTokens: number;
  /** The prompt bound the hold was made with (an exact count when one was needed). */
  readonly inputTokensBound: number;
}

/** How {@link holdCall} ended. */
export type HoldResult =
  | ({ readonly status: 'held' } & HeldCall)
  | {
      readonly status: 'refused';
      readonly reason: string;
      /** The count request's last error, when counting failed (the call was judged on its byte bound). */
      readonly countError?: unknown;
    }
  | { readonly status: 'aborted'; readonly error: unknown };

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
      tools: request.tools,
      system: last >= 1 ? request.system : [],
      reference: last >= 2 ? request.reference : [],
      messages: [],
    }),
  );
}

/**
 * Holds a call's worst case in the budget, the one way every call is held:
 * the client's strict prompt bound; when that does not fit, an exact count
 * (when the client can count, retried like a call); then, with
 * `minOutputTokens`, the largest output cap that fits. A count that keeps
 * failing is not the task's end: the call is judged on its byte bound.
 *
 * @example
 * ```ts
 * const held = await holdCall({ budget, client, request, label: 'single turn 1', retry });
 * if (held.status === 'held') held.reservation.release();
 * ```
 */
export async function holdCall(options: HoldCallOptions): Promise<HoldResult> {
  const { budget, client, request } = options;
  const lane = options.lane ?? client.lane ?? 'interactive';
  const agent = options.agent ?? request.agent;
  const byteBound = client.boundInputTokens(request);
  const incremental =
    options.lastBilled === undefined
      ? undefined
      : incrementalPromptBound(client, options.lastBilled, request);
  const strictBound = Math.min(byteBound, incremental ?? byteBound);
  // A prompt shorter than the model's minimum cacheable length cannot be
  // written to the cache: it is held at the input price.
  const minCacheable = budget.priceTable.resolve(request.model).minCacheableTokens;
  const planned = cacheWritesOf(request.cache, lane);
  const oneHour =
    planned === '1h' && lane !== 'batch'
      ? { cacheWrite1hTokensBound: oneHourPrefixBound(client, request, strictBound) }
      : {};
  const envelope = (inputTokensBound: number, maxTokens = request.maxTokens): CallEnvelope => ({
    model: request.model,
    maxTokens,
    inputTokensBound,
    cacheWrites: inputTokensBound < minCacheable ? 'none' : planned,
    ...(inputTokensBound < minCacheable ? {} : oneHour),
    label: options.label,
    ...(agent === undefined ? {} : { agent }),
    ...(lane === 'interactive' ? {} : { lane }),
    ...(request.speed === undefined ? {} : { speed: request.speed }),
    ...(request.inferenceGeo === undefined ? {} : { inferenceGeo: request.inferenceGeo }),
  });
  const take = (call: CallEnvelope): HoldResult | undefined => {
    const held = budget.tryReserve(call);
    return held.ok
      ? {
          status: 'held',
          reservation: held.reservation,
          maxTokens: call.maxTokens,
          inputTokensBound: call.inputTokensBound,
        }
      : undefined;
  };

  let call = envelope(strictBound);
  const strict = take(call);
  if (strict !== undefined) return strict;

  let countError: unknown;
  const smallestCap = options.minOutputTokens ?? request.maxTokens;
  const counting = options.counting ?? { allowed: true };
  // Not even an empty prompt at the smallest cap fits: no count can help.
  const floorFits = budget.admit(budget.bound(envelope(0, smallestCap))) === undefined;
  if (client.countTokens !== undefined && counting.allowed && floorFits) {
    const counted = await countTokens(options);
    if (counted.status === 'aborted') return counted;
    if (counted.status === 'counted') {
      call = envelope(counted.tokens);
      const exact = take(call);
      if (exact !== undefined) return exact;
      if (options.minOutputTokens === undefined) counting.allowed = false;
    } else {
      countError = counted.error;
    }
  }
  if (options.minOutputTokens !== undefined) {
    const fitted = fitOutputCap(budget, call, options.minOutputTokens);
    const capped = fitted === undefined ? undefined : take({ ...call, maxTokens: fitted });
    if (capped !== undefined) return capped;
  }
  const { available } = budget.snapshot();
  return {
    status: 'refused',
    reason: `the budget cannot hold ${options.label} (${String(available.usd ?? 'unlimited')} nano-dollars available)`,
    ...(countError === undefined ? {} : { countError }),
  };
}

/** The exact prompt count, retried like a call. */
async function countTokens(
  options: HoldCallOptions,
): Promise<
  | { status: 'counted'; tokens: number }
  | { status: 'failed'; error: unknown }
  | { status: 'aborted'; error: unknown }
> {
  const { client, request, retry, signal } = options;
  if (client.countTokens === undefined) return { status: 'failed', error: undefined };
  for (let attempt = 0; ; attempt += 1) {
    if (isAborted(signal)) return { status: 'aborted', error: signal?.reason };
    try {
      const tokens = await client.countTokens(request, signal === undefined ? {} : { signal });
      return { status: 'counted', tokens };
    } catch (error) {
      if (isAborted(signal)) return { status: 'aborted', error };
      if (!isRetryable(error) || attempt >= retry.maxRetries) return { status: 'failed', error };
      const delayMs = retryDelayMs(error, attempt);
      options.onRetry?.({ stage: 'count', attempt: attempt + 1, delayMs, error });
      try {
        await retry.sleep(delayMs, signal);
      } catch (sleepError) {
        return isAborted(signal)
          ? { status: 'aborted', error: sleepError }
          : { status: 'failed', error: sleepError };
      }
    }
  }
}
