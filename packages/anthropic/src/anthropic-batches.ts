import type Anthropic from '@anthropic-ai/sdk';
import {
  InvalidArgumentError,
  ProviderApiError,
  utf8ByteLength,
  type CallOptions,
  type ModelBatch,
  type ModelBatchLimits,
  type ModelBatchRequest,
  type ModelBatchResult,
  type ModelBatches,
} from '@bursar/core/spec';
import { parseAnthropicProviderOptions } from './anthropic-provider-options';
import {
  betasForProviderBlocks,
  convertToAnthropicRequest,
  type AnthropicCreateParams,
} from './convert-to-anthropic-request';
import { mapAnthropicError } from './map-anthropic-error';
import { mapAnthropicResponse } from './map-anthropic-response';

/**
 * The Message Batches API's limits: 100,000 requests, and 256 MB of body read
 * as 256,000,000 bytes (the smaller reading) less room for the body's own
 * `{"requests":[…]}` framing.
 *
 * @example
 * ```ts
 * anthropicBatchLimits.maxRequests; // 100_000
 * ```
 * @internal
 */
export const anthropicBatchLimits: ModelBatchLimits = Object.freeze({
  maxRequests: 100_000,
  maxBytes: 256_000_000 - 1_024,
});

// Error types of an errored batch result that another attempt can get past.
const retryableErrorTypes: ReadonlySet<string> = new Set([
  'api_error',
  'overloaded_error',
  'rate_limit_error',
  'timeout_error',
]);

type AnthropicBatchRequest = Anthropic.Messages.Batches.BatchCreateParams.Request;

/**
 * The batch lane of `@bursar/core`'s spec over the SDK's `messages.batches`:
 * `create`, `retrieve`, `results` (JSONL, streamed) and `cancel`, each one
 * attempt (`maxRetries: 0`). Requests are converted exactly as `complete`
 * converts them; `requestBytes` is the UTF-8 length of the JSON the SDK sends
 * for the entry, plus its separator. Succeeded results map to a
 * `ModelResponse` billed in the batch lane; an errored result carries a
 * `ProviderApiError` (retryable for `api_error`, `overloaded_error`,
 * `rate_limit_error` and `timeout_error`). A request with server-side context
 * management or a compaction block (which need the beta API) is refused with
 * `InvalidArgumentError`; `stream` is ignored (a batch does not stream).
 *
 * @example
 * ```ts
 * const batches = createAnthropicBatches(sdk, { secrets: () => [apiKey] });
 * const batch = await batches.create([{ customId: 'a', request }]);
 * ```
 * @internal
 */
export function createAnthropicBatches(
  sdk: Anthropic,
  options: { readonly secrets: () => readonly string[] },
): ModelBatches {
  const fail = (error: unknown, signal: AbortSignal | undefined): never => {
    // An abort rejects with the caller's reason, not the SDK's APIUserAbortError.
    if (signal?.aborted === true) throw signal.reason;
    throw mapAnthropicError(error, { secrets: options.secrets() });
  };
  const requestOptions = (callOptions: CallOptions) => ({
    maxRetries: 0,
    ...(callOptions.signal === undefined ? {} : { signal: callOptions.signal }),
  });

  return {
    limits: anthropicBatchLimits,

    requestBytes(entry) {
      return utf8ByteLength(JSON.stringify(toWire(entry))) + 1;
    },

    async create(requests, callOptions = {}) {
      const { signal } = callOptions;
      signal?.throwIfAborted();
      const wire = requests.map(toWire);
      try {
        return mapBatch(
          await sdk.messages.batches.create({ requests: wire }, requestOptions(callOptions)),
        );
      } catch (error) {
        return fail(error, signal);
      }
    },

    async retrieve(batchId, callOptions = {}) {
      callOptions.signal?.throwIfAborted();
      try {
        return mapBatch(
          await sdk.messages.batches.retrieve(batchId, null, requestOptions(callOptions)),
        );
      } catch (error) {
        return fail(error, callOptions.signal);
      }
    },

    async *results(batchId, callOptions = {}) {
      callOptions.signal?.throwIfAborted();
      let lines: AsyncIterable<Anthropic.Messages.Batches.MessageBatchIndividualResponse>;
      try {
        lines = await sdk.messages.batches.results(batchId, {}, requestOptions(callOptions));
      } catch (error) {
        return fail(error, callOptions.signal);
      }
      const iterator = lines[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<Anthropic.Messages.Batches.MessageBatchIndividualResponse>;
        try {
          next = await iterator.next();
        } catch (error) {
          return fail(error, callOptions.signal);
        }
        if (next.done === true) return;
        yield mapResult(next.value);
      }
    },

    async cancel(batchId, callOptions = {}) {
      callOptions.signal?.throwIfAborted();
      try {
        return mapBatch(
          await sdk.messages.batches.cancel(batchId, null, requestOptions(callOptions)),
        );
      } catch (error) {
        return fail(error, callOptions.signal);
      }
    },
  };
}

function toWire(entry: ModelBatchRequest): AnthropicBatchRequest {
  const { request, customId } = entry;
  const { options: anthropic } = parseAnthropicProviderOptions(request.providerOptions);
  if (anthropic.contextManagement !== undefined) {
    throw new InvalidArgumentError({
      argument: 'providerOptions.anthropic.contextManagement',
      value: anthropic.contextManagement,
      message:
        'server-side context management needs the beta API, which the batch lane does not use',
    });
  }
  if (betasForProviderBlocks(request.messages).length > 0) {
    throw new InvalidArgumentError({
      argument: 'request.messages',
      value: customId,
      message: 'a compaction block needs the beta API, which the batch lane does not use',
    });
  }
  const params: AnthropicCreateParams = convertToAnthropicRequest(request, {
    previousMessageId: anthropic.previousMessageId,
  });
  return { custom_id: customId, params };
}

function mapBatch(batch: Anthropic.Messages.Batches.MessageBatch): ModelBatch {
  const time = (value: string | null): number | undefined =>
    value === null ? undefined : Date.parse(value);
  return {
    id: batch.id,
    status: batch.processing_status === 'in_progress' ? 'in-progress' : batch.processing_status,
    requestCounts: { ...batch.request_counts },
    createdAt: time(batch.created_at),
    expiresAt: time(batch.expires_at),
    endedAt: time(batch.ended_at),
  };
}

function mapResult(
  line: Anthropic.Messages.Batches.MessageBatchIndividualResponse,
): ModelBatchResult {
  const customId = line.custom_id;
  const result = line.result;
  switch (result.type) {
    case 'succeeded':
      return { customId, type: 'succeeded', response: mapAnthropicResponse(result.message) };
    case 'errored': {
      const { error: body, request_id: requestId } = result.error;
      return {
        customId,
        type: 'errored',
        error: new ProviderApiError({
          message: `Anthropic batch request ${customId} errored: ${body.type}: ${body.message}${requestId === null ? '' : ` (request ${requestId})`}`,
          provider: 'anthropic',
          errorType: body.type,
          isRetryable: retryableErrorTypes.has(body.type),
          requestId: requestId ?? undefined,
        }),
      };
    }
    case 'canceled':
    case 'expired':
      return { customId, type: result.type };
  }
}
