import Anthropic from '@anthropic-ai/sdk';
import {
  InvalidArgumentError,
  type CallOptions,
  type ModelBatches,
  type ModelClient,
  type ModelRequest,
  type ModelResponse,
  type Usage,
} from '@bursar/core/spec';
import { agentHeaders } from './agent-headers';
import { createAnthropicBatches } from './anthropic-batches';
import {
  betasForContextEdits,
  parseAnthropicProviderOptions,
  type AnthropicProviderOptions,
} from './anthropic-provider-options';
import { asSdk, type AnthropicSdkClient } from './anthropic-sdk-client';
import { boundAnthropicInputTokens } from './bound-input-tokens';
import {
  betasForProviderBlocks,
  convertToAnthropicPrompt,
  convertToAnthropicRequest,
  type AnthropicCreateParams,
} from './convert-to-anthropic-request';
import { mapAnthropicError } from './map-anthropic-error';
import { mapAnthropicResponse, type AnthropicMessage } from './map-anthropic-response';
import { readMessageStream, type BilledSoFar } from './read-message-stream';
import { redactedPlaceholder } from './redact-secrets';

/**
 * A `fetch` the SDK can call: the global one, a proxy's, or a simulator's.
 *
 * @example
 * ```ts
 * const client = createAnthropicClient({ apiKey, fetch: simulator.fetch });
 * ```
 */
export type AnthropicFetch = (
  input: string | URL | Request,
  init?: RequestInit,
) => Promise<Response>;

/**
 * Settings of {@link createAnthropicClient} with a ready SDK client.
 *
 * @example
 * ```ts
 * const client = createAnthropicClient({ client: new Anthropic({ apiKey, defaultHeaders }) });
 * ```
 */
export interface AnthropicReadyClientSettings {
  /**
   * A client you built (`new Anthropic({ ... })`, any `@anthropic-ai/sdk`
   * version from 1.10.0 below 2). It is used as it is (its key, base URL,
   * timeout, headers), except that every call passes `maxRetries: 0`: retries
   * belong to the caller (one owner).
   */
  readonly client: AnthropicSdkClient;
  readonly apiKey?: never;
  readonly baseURL?: never;
  readonly fetch?: never;
  readonly timeout?: never;
}

/**
 * Settings of {@link createAnthropicClient} that build the SDK client (with
 * `maxRetries: 0`).
 *
 * @example
 * ```ts
 * const client = createAnthropicClient({ apiKey, baseURL: 'http://127.0.0.1:4141', timeout: 60_000 });
 * ```
 */
export interface AnthropicConnectionSettings {
  readonly client?: never;
  /**
   * The API key. It never appears in an error this package throws.
   * @default process.env.ANTHROPIC_API_KEY (the SDK's own lookup)
   */
  readonly apiKey?: string;
  /**
   * The API's base URL, e.g. a simulator's `http://127.0.0.1:4141`.
   * @default 'https://api.anthropic.com'
   */
  readonly baseURL?: string;
  /**
   * The `fetch` the SDK calls.
   * @default globalThis.fetch
   */
  readonly fetch?: AnthropicFetch;
  /**
   * Milliseconds before one request times out (a retryable `ProviderApiError`).
   * @default the SDK's: 10 minutes, longer for large non-streamed `max_tokens`
   */
  readonly timeout?: number;
}

/**
 * Settings of {@link createAnthropicClient}: a ready SDK client, or what to
 * build one with, never both.
 *
 * @example
 * ```ts
 * const settings: AnthropicClientSettings = { apiKey: process.env.ANTHROPIC_API_KEY };
 * ```
 */
export type AnthropicClientSettings = AnthropicReadyClientSettings | AnthropicConnectionSettings;

/**
 * The Anthropic `ModelClient`: `complete`, `boundInputTokens` and `countTokens`.
 *
 * @example
 * ```ts
 * const model: AnthropicModelClient = createAnthropicClient({ apiKey });
 * const ceiling = model.boundInputTokens(request);
 * const exact = await model.countTokens(request);
 * ```
 */
export interface AnthropicModelClient extends ModelClient {
  readonly provider: 'anthropic';
  /** The exact prompt tokens, from `POST /v1/messages/count_tokens` (free, rate-limited). */
  countTokens(request: ModelRequest, options?: CallOptions): Promise<number>;
  /**
   * The Message Batches API (`messages.batches`: create, retrieve, results,
   * cancel), half price: what `runBatch` and `createBatchLaneClient` of
   * `@bursar/core` use.
   */
  readonly batches: ModelBatches;
}

const connectionOptions = ['apiKey', 'baseURL', 'fetch', 'timeout'] as const;
const knownSettings: ReadonlySet<string> = new Set(['client', ...connectionOptions]);

/**
 * Creates the `ModelClient` of `@bursar/core` over the official Anthropic SDK.
 *
 * - `complete` sends one `messages.create` (or `messages.stream` with
 *   `providerOptions.anthropic.stream`, or `beta.messages` with
 *   `contextManagement` or when the conversation carries a server-side
 *   `compaction` block) and normalizes the response: content parts (a
 *   `compaction` block is kept verbatim as a `provider-block` part and sent
 *   back as it came), unified finish reason, usage by token class, billing
 *   facts, cache-miss diagnosis and request id.
 * - A stream that fails after `message_start` rejects with a
 *   `ProviderApiError` whose `billedUsage` is what the API had billed.
 * - It makes exactly one attempt: the SDK never retries (`maxRetries: 0`).
 *   Failures reject with `ProviderApiError` carrying `isRetryable`,
 *   `retryAfterMs` and `isSpendLimit`; an abort rejects with `signal.reason`.
 * - `boundInputTokens` is a strict upper bound of the prompt with no network
 *   call; `countTokens` asks the API.
 *
 * Throws {@link InvalidArgumentError} naming the option when `client` comes with
 * a connection option, or an option has the wrong type.
 *
 * @example
 * ```ts
 * import { createAnthropicClient } from '@bursar/anthropic';
 *
 * const model = createAnthropicClient(); // the key from ANTHROPIC_API_KEY
 * const response = await model.complete({
 *   model: 'claude-sonnet-4-6',
 *   tools: [],
 *   system: ['You are terse.'],
 *   reference: [],
 *   messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
 *   maxTokens: 256,
 *   cache: { system: '1h' },
 * });
 * response.usage; // { input, cacheWrite5m, cacheWrite1h, cacheRead, output }
 * ```
 */
export function createAnthropicClient(
  settings: AnthropicClientSettings = {},
): AnthropicModelClient {
  const { sdk, apiKey } = buildSdkClient(settings);
  // Read at failure time: a ready client may resolve its key lazily.
  const secrets = (): string[] =>
    [apiKey, sdk.apiKey, sdk.authToken].filter(
      (value): value is string => typeof value === 'string',
    );

  const fail = (error: unknown, signal: AbortSignal | undefined, billedUsage?: Usage): never => {
    // An abort rejects with the caller's reason, not the SDK's APIUserAbortError.
    if (signal?.aborted === true) throw signal.reason;
    throw mapAnthropicError(error, { secrets: secrets(), billedUsage });
  };

  return {
    specificationVersion: 'v1',
    batches: createAnthropicBatches(sdk, { secrets }),
    provider: 'anthropic',

    async complete(request: ModelRequest, options: CallOptions = {}): Promise<ModelResponse> {
      const { signal } = options;
      signal?.throwIfAborted();
      const { options: anthropic, warnings } = parseAnthropicProviderOptions(
        request.providerOptions,
      );
      const params = convertToAnthropicRequest(request, {
        previousMessageId: anthropic.previousMessageId,
      });
      const requestOptions = {
        maxRetries: 0,
        headers: agentHeaders(request.agent),
        ...(signal === undefined ? {} : { signal }),
      };
      const billed: BilledSoFar = {};
      const betas = betasForProviderBlocks(request.messages);
      try {
        const { message, requestId } = await send(
          sdk,
          params,
          { ...anthropic, betas, billed },
          requestOptions,
        );
        return mapAnthropicResponse(message, { requestId, warnings });
      } catch (error) {
        return fail(error, signal, billed.usage);
      }
    },

    boundInputTokens: boundAnthropicInputTokens,

    async countTokens(request: ModelRequest, options: CallOptions = {}): Promise<number> {
      const { signal } = options;
      signal?.throwIfAborted();
      const prompt = convertToAnthropicPrompt(request);
      const betas = betasForProviderBlocks(request.messages);
      const countOptions = {
        maxRetries: 0,
        headers: agentHeaders(request.agent),
        ...(signal === undefined ? {} : { signal }),
      };
      try {
        const counted =
          betas.length > 0
            ? await sdk.beta.messages.countTokens({ ...prompt, betas }, countOptions)
            : await sdk.messages.countTokens({ ...prompt }, countOptions);
        return counted.input_tokens;
      } catch (error) {
        return fail(error, signal);
      }
    },
  };
}

interface SentMessage {
  readonly message: AnthropicMessage;
  readonly requestId: string | null | undefined;
}

type RequestOptions = {
  maxRetries: number;
  headers: Record<string, string>;
  signal?: AbortSignal;
};

// `betas`: what the conversation's own blocks need (a compaction block sent
// back); `billed`: set when a stream fails after the API began billing.
async function send(
  sdk: Anthropic,
  params: AnthropicCreateParams,
  anthropic: AnthropicProviderOptions & { betas: readonly string[]; billed: BilledSoFar },
  requestOptions: RequestOptions,
): Promise<SentMessage> {
  const contextManagement = anthropic.contextManagement;
  if (contextManagement !== undefined || anthropic.betas.length > 0) {
    const editBetas =
      contextManagement === undefined ? [] : betasForContextEdits(contextManagement.edits);
    const betaParams: Anthropic.Beta.MessageCreateParamsNonStreaming = {
      ...params,
      // Passed through as given: the API validates edits, including types newer than this SDK.
      ...(contextManagement === undefined
        ? {}
        : {
            context_management:
              contextManagement as unknown as Anthropic.Beta.BetaContextManagementConfig,
          }),
      betas: [...new Set([...editBetas, ...anthropic.betas])],
    };
    if (anthropic.stream === true) {
      const stream = sdk.beta.messages.stream(betaParams, requestOptions);
      return readMessageStream(stream, anthropic.billed, params.max_tokens);
    }
    const message = await sdk.beta.messages.create(betaParams, requestOptions);
    return { message, requestId: message._request_id };
  }
  if (anthropic.stream === true) {
    return readMessageStream(
      sdk.messages.stream(params, requestOptions),
      anthropic.billed,
      params.max_tokens,
    );
  }
  const message = await sdk.messages.create(params, requestOptions);
  return { message, requestId: message._request_id };
}

function buildSdkClient(settings: unknown): { sdk: Anthropic; apiKey: string | undefined } {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new InvalidArgumentError({
      argument: 'settings',
      value: typeof settings === 'string' ? redactedPlaceholder : settings,
      message: 'expected { client } or { apiKey, baseURL, fetch, timeout }',
    });
  }
  const record = settings as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!knownSettings.has(key)) {
      throw new InvalidArgumentError({
        argument: key,
        value: key === 'maxRetries' ? record[key] : describeKind(record[key]),
        message:
          key === 'maxRetries'
            ? 'is not an option: the caller owns retries, so the SDK never retries'
            : `is not an option of createAnthropicClient (known: ${[...knownSettings].join(', ')})`,
      });
    }
  }

  const client = record['client'];
  if (client !== undefined) {
    for (const option of connectionOptions) {
      if (record[option] !== undefined) {
        throw new InvalidArgumentError({
          argument: option,
          value: option === 'apiKey' ? redactedPlaceholder : record[option],
          message: `cannot be combined with client; configure the ready client instead`,
        });
      }
    }
    if (!isSdkClient(client)) {
      throw new InvalidArgumentError({
        argument: 'client',
        // Never the object itself: an SDK client holds its API key.
        value: describeKind(client),
        message: 'expected an Anthropic client from @anthropic-ai/sdk (new Anthropic({ ... }))',
      });
    }
    return { sdk: asSdk(client), apiKey: undefined };
  }

  const apiKey = record['apiKey'];
  if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey.length === 0)) {
    throw new InvalidArgumentError({
      argument: 'apiKey',
      value: typeof apiKey === 'string' ? apiKey : redactedPlaceholder,
      message: 'expected a non-empty string',
    });
  }
  const baseURL = record['baseURL'];
  if (baseURL !== undefined && (typeof baseURL !== 'string' || !URL.canParse(baseURL))) {
    throw new InvalidArgumentError({
      argument: 'baseURL',
      value: baseURL,
      message: "expected an absolute URL such as 'https://api.anthropic.com'",
    });
  }
  const fetch = record['fetch'];
  if (fetch !== undefined && typeof fetch !== 'function') {
    throw new InvalidArgumentError({
      argument: 'fetch',
      value: fetch,
      message: 'expected a function',
    });
  }
  const timeout = record['timeout'];
  if (
    timeout !== undefined &&
    (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0)
  ) {
    throw new InvalidArgumentError({
      argument: 'timeout',
      value: timeout,
      message: 'expected a positive number of milliseconds',
    });
  }

  const sdk = new Anthropic({
    maxRetries: 0,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(baseURL === undefined ? {} : { baseURL }),
    ...(fetch === undefined ? {} : { fetch: fetch as AnthropicFetch }),
    ...(timeout === undefined ? {} : { timeout }),
  });
  return { sdk, apiKey };
}

function isSdkClient(value: unknown): value is AnthropicSdkClient {
  if (value instanceof Anthropic) return true;
  // Another copy of the SDK: check the parts this adapter calls.
  const messages =
    typeof value === 'object' && value !== null
      ? (value as { messages?: unknown }).messages
      : undefined;
  return (
    typeof messages === 'object' &&
    messages !== null &&
    typeof (messages as { create?: unknown }).create === 'function' &&
    typeof (messages as { stream?: unknown }).stream === 'function' &&
    typeof (messages as { countTokens?: unknown }).countTokens === 'function'
  );
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value)})`;
  return typeof value;
}
