import type { ProviderApiError } from './provider-api-error';
import type { CallOptions } from './model-client';
import type { ModelRequest } from './model-request';
import type { ModelResponse } from './model-response';

/**
 * One request of a batch, under the id its result comes back with.
 *
 * @example
 * ```ts
 * const entry: ModelBatchRequest = { customId: 'ticket-0042', request };
 * ```
 */
export interface ModelBatchRequest {
  /** 1 to 64 letters, digits, `_` or `-`; unique within its batch. */
  readonly customId: string;
  readonly request: ModelRequest;
}

/**
 * How many requests of a batch are in each state (the API's `request_counts`).
 * While a batch is in progress most requests are `processing`; once it has
 * ended, every request is in exactly one of the other four.
 *
 * @example
 * ```ts
 * const done = counts.succeeded + counts.errored + counts.canceled + counts.expired;
 * ```
 */
export interface ModelBatchRequestCounts {
  readonly processing: number;
  readonly succeeded: number;
  readonly errored: number;
  readonly canceled: number;
  readonly expired: number;
}

/**
 * Where a batch is: still `in-progress`, `canceling` after a cancel, or `ended`
 * (results readable).
 *
 * @example
 * ```ts
 * if (batch.status === 'ended') for await (const result of batches.results(batch.id)) handle(result);
 * ```
 */
export type ModelBatchStatus = 'in-progress' | 'canceling' | 'ended';

/**
 * A batch as the provider reports it. Times are milliseconds since the epoch,
 * undefined when the provider has not set them.
 *
 * @example
 * ```ts
 * const batch: ModelBatch = await batches.retrieve('msgbatch_01…');
 * batch.requestCounts.succeeded;
 * ```
 */
export interface ModelBatch {
  readonly id: string;
  readonly status: ModelBatchStatus;
  readonly requestCounts: ModelBatchRequestCounts;
  readonly createdAt: number | undefined;
  /** When unprocessed requests expire (the API: 24 hours after creation). */
  readonly expiresAt: number | undefined;
  readonly endedAt: number | undefined;
}

/**
 * The outcome of one request of an ended batch, by its `customId`:
 *
 * - `succeeded`: a response, billed in the batch lane (`response.billing.lane`
 *   is `'batch'`);
 * - `errored`: the provider's error, as a {@link ProviderApiError} whose
 *   `isRetryable` says whether sending it again can help; not billed;
 * - `canceled`: the batch was canceled before the request ran; not billed;
 * - `expired`: the batch did not reach it in time; not billed.
 *
 * @example
 * ```ts
 * if (result.type === 'succeeded') reservation.settle(result.response.usage);
 * ```
 */
export type ModelBatchResult =
  | {
      readonly customId: string;
      readonly type: 'succeeded';
      readonly response: ModelResponse;
    }
  | { readonly customId: string; readonly type: 'errored'; readonly error: ProviderApiError }
  | { readonly customId: string; readonly type: 'canceled' }
  | { readonly customId: string; readonly type: 'expired' };

/**
 * What one batch may hold: at most `maxRequests` requests whose
 * {@link ModelBatches.requestBytes} add up to at most `maxBytes`.
 *
 * @example
 * ```ts
 * const limits: ModelBatchLimits = { maxRequests: 100_000, maxBytes: 256_000_000 };
 * ```
 */
export interface ModelBatchLimits {
  readonly maxRequests: number;
  readonly maxBytes: number;
}

/**
 * The provider's asynchronous batch lane (the Message Batches API on
 * Anthropic): requests are submitted together, processed within the
 * provider's window at a discount, and read back by custom id. Part of the
 * provider spec: core's `runBatch` and batch lane client use it, and
 * `@bursar/anthropic` implements it over the official SDK. Each method makes
 * one attempt and fails with a `ProviderApiError` (the caller owns retries).
 *
 * @example
 * ```ts
 * const created = await client.batches.create([{ customId: 'a', request }]);
 * let batch = await client.batches.retrieve(created.id);
 * // ... wait until batch.status === 'ended' ...
 * for await (const result of client.batches.results(batch.id)) console.log(result.customId, result.type);
 * ```
 */
export interface ModelBatches {
  /** The provider's limits of one batch. */
  readonly limits: ModelBatchLimits;
  /**
   * A guaranteed upper bound of the bytes `entry` adds to the body of a batch
   * (its separator included), with no network call: a batch whose entries add
   * up to at most `limits.maxBytes` is never refused for its size. Throws
   * `InvalidArgumentError` for a request the batch lane cannot take.
   */
  requestBytes(entry: ModelBatchRequest): number;
  /** Submits one batch. */
  create(requests: readonly ModelBatchRequest[], options?: CallOptions): Promise<ModelBatch>;
  /** The batch's status and request counts now. */
  retrieve(batchId: string, options?: CallOptions): Promise<ModelBatch>;
  /** The results of an ended batch, one per request, in no particular order. */
  results(batchId: string, options?: CallOptions): AsyncIterable<ModelBatchResult>;
  /** Asks the provider to cancel: requests not yet processed end `canceled`. */
  cancel(batchId: string, options?: CallOptions): Promise<ModelBatch>;
}
