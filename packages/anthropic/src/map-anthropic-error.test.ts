import { readFileSync } from 'node:fs';
import {
  AnthropicError,
  APIConnectionError,
  APIConnectionTimeoutError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import { InvalidArgumentError, ProviderApiError, type ModelRequest } from '@bursar/core/spec';
import { describe, expect, it } from 'vitest';
import { createAnthropicClient } from './anthropic-client';
import {
  createFakeFetch,
  errorResponse,
  sseResponse,
  type FakeAnswer,
} from './fake-fetch.test-helper';
import { mapAnthropicError, retryAfterMs } from './map-anthropic-error';

const apiKey = 'sk-test-DISTINCTIVE-error-key';
const baseURL = 'http://anthropic.test';
const streamOverloaded = readFileSync(
  new URL('__fixtures__/stream-overloaded.sse', import.meta.url),
  'utf8',
);

const request: ModelRequest = {
  model: 'claude-sonnet-4-6',
  tools: [],
  system: [],
  reference: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
  maxTokens: 64,
};

/** The error `complete` rejects with, and how many requests went out. */
async function failureOf(
  answer: FakeAnswer,
  options: { stream?: boolean; signal?: AbortSignal } = {},
): Promise<{ error: ProviderApiError; requests: number }> {
  const fake = createFakeFetch(answer);
  const client = createAnthropicClient({ apiKey, baseURL, fetch: fake.fetch });
  const withStream: ModelRequest =
    options.stream === true
      ? { ...request, providerOptions: { anthropic: { stream: true } } }
      : request;
  const error: unknown = await client
    .complete(withStream, options.signal === undefined ? {} : { signal: options.signal })
    .then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
  expect(ProviderApiError.isInstance(error)).toBe(true);
  return { error: error as ProviderApiError, requests: fake.requests.length };
}

/** Every place the key could leak from an error we throw. */
function expectNoKey(error: unknown): void {
  const cause = (error as Error).cause as Error | undefined;
  const exposed = [
    JSON.stringify(error),
    (error as Error).message,
    String((error as Error).stack),
    String(error),
    cause?.message ?? '',
    String(cause?.stack),
    JSON.stringify(cause),
    JSON.stringify((cause as { cause?: unknown } | undefined)?.cause ?? null),
    String((cause as { cause?: Error } | undefined)?.cause?.message),
  ];
  for (const text of exposed) expect(text).not.toContain(apiKey);
}

describe('errors of complete', () => {
  it('maps a 429 with retry-after: retryable after that many seconds, one request only', async () => {
    const { error, requests } = await failureOf(
      errorResponse(
        429,
        { type: 'rate_limit_error', message: 'Slow down.' },
        { 'retry-after': '3' },
      ),
    );
    expect(requests).toBe(1);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error).toMatchObject({
      name: 'ProviderApiError',
      provider: 'anthropic',
      statusCode: 429,
      errorType: 'rate_limit_error',
      isRetryable: true,
      isSpendLimit: false,
      retryAfterMs: 3000,
      requestId: 'req_error_1',
    });
    expect(error.cause).toBeInstanceOf(RateLimitError);
    expect(error.message).toBe(
      'Anthropic API error 429 rate_limit_error: Slow down. (request req_error_1)',
    );
    expectNoKey(error);
  });

  it('prefers retry-after-ms to retry-after', async () => {
    const { error } = await failureOf(
      errorResponse(
        429,
        { type: 'rate_limit_error', message: 'Slow down.' },
        { 'retry-after-ms': '1500.5', 'retry-after': '9' },
      ),
    );
    expect(error.retryAfterMs).toBe(1501);
  });

  it.each(['enforced_spend_limit_reached', 'contract_spend_limit_reached'])(
    'maps a 429 %s to a spend limit that is never retryable',
    async (code) => {
      const { error, requests } = await failureOf(
        errorResponse(429, {
          type: 'rate_limit_error',
          message: 'Your organization has reached its spend limit.',
          details: { error_code: code },
        }),
      );
      expect(requests).toBe(1);
      expect(error).toMatchObject({
        statusCode: 429,
        isSpendLimit: true,
        isRetryable: false,
        retryAfterMs: undefined,
      });
      expect(error.message).toContain(`${code}: a spend limit, not retryable`);
    },
  );

  it.each([
    [529, 'overloaded_error', true],
    [500, 'api_error', true],
    [504, 'timeout_error', true],
    [408, 'request_timeout', true],
    [409, 'conflict', true],
    [400, 'invalid_request_error', false],
    [401, 'authentication_error', false],
    [402, 'billing_error', false],
    [403, 'permission_error', false],
    [404, 'not_found_error', false],
    [413, 'request_too_large', false],
  ])('maps %i %s (retryable: %s), with one request only', async (status, type, retryable) => {
    const { error, requests } = await failureOf(errorResponse(status, { type, message: 'No.' }));
    expect(requests).toBe(1);
    expect(error).toMatchObject({
      statusCode: status,
      errorType: type,
      isRetryable: retryable,
      isSpendLimit: false,
      requestId: 'req_error_1',
    });
  });

  it('lets x-should-retry override the status', async () => {
    const { error } = await failureOf(
      errorResponse(500, { type: 'api_error', message: 'No.' }, { 'x-should-retry': 'false' }),
    );
    expect(error.isRetryable).toBe(false);
  });

  it('maps a fetch that throws to a retryable connection failure with no status', async () => {
    const { error, requests } = await failureOf(() => {
      throw new TypeError('fetch failed');
    });
    expect(requests).toBe(1);
    expect(error).toMatchObject({
      provider: 'anthropic',
      statusCode: undefined,
      errorType: undefined,
      isRetryable: true,
      retryAfterMs: undefined,
      requestId: undefined,
    });
    expect(error.cause).toBeInstanceOf(APIConnectionError);
    expect(error.message).toContain('connection failed');
    expect(error.message).toContain('fetch failed');
  });

  it('maps an error event in the middle of a stream by its type', async () => {
    const { error } = await failureOf(sseResponse(streamOverloaded), { stream: true });
    expect(error).toMatchObject({
      statusCode: undefined,
      errorType: 'overloaded_error',
      isRetryable: true,
      // The response's request-id header; the event body's own id is the fallback.
      requestId: 'req_stream_1',
    });
  });

  it('never lets the API key out, even when the server or fetch echoes it', async () => {
    const echoed = await failureOf(
      errorResponse(401, {
        type: 'authentication_error',
        message: `invalid x-api-key: ${apiKey}`,
        details: { received: apiKey },
      }),
    );
    expect(echoed.error.message).toContain('invalid x-api-key: [redacted]');
    expectNoKey(echoed.error);

    const thrown = await failureOf(() => {
      throw new TypeError(`could not send Authorization: Bearer ${apiKey}`);
    });
    expectNoKey(thrown.error);
  });

  it('rejects with the signal’s reason when aborted in flight, and sends nothing when aborted before', async () => {
    const controller = new AbortController();
    const reason = new Error('the user left');
    const fake = createFakeFetch(
      (_request, signal) =>
        new Promise<Response>((_resolve, reject) => {
          signal?.addEventListener('abort', () => {
            reject(signal.reason as Error);
          });
          controller.abort(reason);
        }),
    );
    const client = createAnthropicClient({ apiKey, baseURL, fetch: fake.fetch });
    await expect(client.complete(request, { signal: controller.signal })).rejects.toBe(reason);
    expect(fake.requests).toHaveLength(1);

    await expect(client.complete(request, { signal: controller.signal })).rejects.toBe(reason);
    await expect(client.countTokens(request, { signal: controller.signal })).rejects.toBe(reason);
    expect(fake.requests).toHaveLength(1);
  });

  it('rejects a streamed call with the signal’s reason', async () => {
    const controller = new AbortController();
    const reason = new DOMException('stop', 'AbortError');
    const fake = createFakeFetch((_request, signal) => {
      const body = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(
            new TextEncoder().encode(`${streamOverloaded.split('\n\n')[0] ?? ''}\n\n`),
          );
          signal?.addEventListener('abort', () => {
            stream.error(signal.reason);
          });
          queueMicrotask(() => {
            controller.abort(reason);
          });
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    });
    const client = createAnthropicClient({ apiKey, baseURL, fetch: fake.fetch });
    await expect(
      client.complete(
        { ...request, providerOptions: { anthropic: { stream: true } } },
        { signal: controller.signal },
      ),
    ).rejects.toBe(reason);
  });
});

describe('mapAnthropicError', () => {
  it('maps a timeout as a retryable connection failure', () => {
    const error = mapAnthropicError(new APIConnectionTimeoutError());
    expect(error).toMatchObject({
      name: 'ProviderApiError',
      isRetryable: true,
      statusCode: undefined,
    });
    expect((error as Error).message).toContain('Request timed out.');
  });

  it('maps a stream broken mid-way (an SDK error with a cause) as retryable, and one without a cause as not', () => {
    const broken = new AnthropicError('terminated');
    (broken as { cause?: unknown }).cause = new TypeError('terminated');
    expect(mapAnthropicError(broken)).toMatchObject({ isRetryable: true, statusCode: undefined });
    const refused = new AnthropicError(
      'Streaming is required for operations that may take longer than 10 minutes.',
    );
    expect(mapAnthropicError(refused)).toMatchObject({ isRetryable: false });
  });

  it('maps an API error from another copy of the SDK by its fields', () => {
    const foreign = Object.assign(new Error('529 Overloaded'), {
      name: 'OverloadedError',
      status: 529,
      headers: new Headers({ 'retry-after': '4', 'request-id': 'req_foreign' }),
      error: {
        type: 'error',
        error: { type: 'overloaded_error', message: 'Overloaded' },
        request_id: 'req_foreign',
      },
    });
    expect(mapAnthropicError(foreign)).toMatchObject({
      statusCode: 529,
      errorType: 'overloaded_error',
      requestId: 'req_foreign',
      isRetryable: true,
      retryAfterMs: 4000,
    });
  });

  it('maps SDK error classes built directly', () => {
    const badRequest = new BadRequestError(
      400,
      {
        type: 'error',
        error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
      },
      undefined,
      new Headers({ 'request-id': 'req_1' }),
    );
    expect(mapAnthropicError(badRequest)).toMatchObject({
      statusCode: 400,
      errorType: 'invalid_request_error',
      isRetryable: false,
      requestId: 'req_1',
      message:
        'Anthropic API error 400 invalid_request_error: max_tokens: Field required (request req_1)',
    });
    const overloaded = new InternalServerError(529, undefined, undefined, new Headers());
    expect(mapAnthropicError(overloaded)).toMatchObject({ statusCode: 529, isRetryable: true });
  });

  it('names every cause of a connection failure, an aggregate’s errors and the system code', () => {
    // What undici gives for `localhost` when both ::1 and 127.0.0.1 refuse.
    const refused = Object.assign(
      new AggregateError(
        [
          new Error('connect ECONNREFUSED ::1:4141'),
          new Error('connect ECONNREFUSED 127.0.0.1:4141'),
        ],
        '',
      ),
      { code: 'ECONNREFUSED' },
    );
    const connection = new APIConnectionError({
      cause: new TypeError('fetch failed', { cause: refused }),
    });
    expect((mapAnthropicError(connection) as Error).message).toBe(
      'Anthropic API connection failed (Connection error.: fetch failed: connect ECONNREFUSED ::1:4141; connect ECONNREFUSED 127.0.0.1:4141)',
    );
    // A code no message names is added in brackets.
    const reset = new APIConnectionError({
      cause: new TypeError('fetch failed', {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      }),
    });
    expect((mapAnthropicError(reset) as Error).message).toBe(
      'Anthropic API connection failed (Connection error.: fetch failed: other side closed [UND_ERR_SOCKET])',
    );
  });

  it('says the key was refused on a 401, without the key', () => {
    const refused = new AuthenticationError(
      401,
      { type: 'error', error: { type: 'authentication_error', message: `invalid ${apiKey}` } },
      undefined,
      new Headers({ 'x-echo': apiKey }),
    );
    const error = mapAnthropicError(refused, { secrets: [apiKey] }) as ProviderApiError;
    expect(error.message).toBe(
      'Anthropic API error 401 authentication_error: invalid [redacted] [the API key was refused: it is missing, invalid or revoked; check ANTHROPIC_API_KEY or the apiKey option]',
    );
    expectNoKey(error);
  });

  it('maps a missing credential (SDK 1.10: a plain Error; 1.17: CredentialsError) to InvalidArgumentError on apiKey', () => {
    const message =
      'Could not resolve authentication method. Expected one of apiKey, authToken, credentials, config, or profile to be set.';
    const plain = new Error(message);
    const credentials = Object.assign(new AnthropicError(message), { name: 'CredentialsError' });
    for (const missing of [plain, credentials]) {
      const error = mapAnthropicError(missing);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ argument: 'apiKey', value: undefined, cause: missing });
      expect((error as Error).message).toContain('no API key, so nothing was sent');
    }
  });

  it('returns errors that are not the SDK’s unchanged', () => {
    const invalid = new InvalidArgumentError({ argument: 'x', value: 1, message: 'bad' });
    expect(mapAnthropicError(invalid)).toBe(invalid);
    const bug = new TypeError('undefined is not a function');
    expect(mapAnthropicError(bug)).toBe(bug);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');

  it.each([
    [{ 'retry-after': '2' }, 2000],
    [{ 'retry-after': '0.25' }, 250],
    [{ 'retry-after-ms': '750' }, 750],
    [{ 'retry-after': 'Wed, 25 Nov 2026 10:00:05 GMT' }, 5000],
    [{ 'retry-after': 'Wed, 25 Nov 2026 09:59:00 GMT' }, 0],
    [{ 'retry-after': 'soon' }, undefined],
    [{ 'retry-after': '-1' }, undefined],
    [{ 'retry-after-ms': 'x', 'retry-after': '1' }, 1000],
    [{}, undefined],
  ])('reads %j as %s ms', (headers, expected) => {
    expect(retryAfterMs(new Headers(headers), now)).toBe(expected);
  });

  it('is undefined without headers', () => {
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});
