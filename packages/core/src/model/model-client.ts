import type { Lane } from '../pricing/price-call';
import type { ModelBatches } from './model-batches';
import type { ModelRequest } from './model-request';
import type { ModelResponse } from './model-response';

/** Options of one call. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/**
 * The provider spec: everything core needs of a model provider. Core never
 * imports a provider SDK; `@bursar/anthropic` implements this over the
 * official SDK. Retries are the caller's (one owner): `complete` makes one
 * attempt and reports failures as `ProviderApiError` with `isRetryable` and
 * `retryAfterMs`.
 *
 * @example
 * ```ts
 * const response = await client.complete(request, { signal });
 * ```
 */
export interface ModelClient {
  readonly specificationVersion: 'v1';
  /** The provider's name (`anthropic`). */
  readonly provider: string;
  /**
   * The lane its responses are billed in, when it is not the interactive one
   * (a batch-lane client): calls are reserved and charged at that lane's price.
   * @default 'interactive'
   */
  readonly lane?: Lane;
  /** One attempt at a response. */
  complete(request: ModelRequest, options?: CallOptions): Promise<ModelResponse>;
  /**
   * A strict upper bound of the request's prompt tokens, with no network call
   * (the governor reserves on it): the provider's framing plus the UTF-8 bytes
   * of what it sends.
   */
  boundInputTokens(request: ModelRequest): number;
  /** The exact prompt tokens, when the provider can count them (free, but a network call). */
  countTokens?(request: ModelRequest, options?: CallOptions): Promise<number>;
  /**
   * The provider's batch lane (Message Batches), when it has one: requests
   * submitted together and answered within hours at a discount. `runBatch`
   * and `createBatchLaneClient` need it.
   */
  readonly batches?: ModelBatches;
}
