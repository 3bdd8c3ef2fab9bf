import type Anthropic from '@anthropic-ai/sdk';
import { APIError, BadRequestError, NotFoundError } from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeSimulators, startSimulator } from './support/start-simulator';

afterEach(closeSimulators);

const model = 'claude-sonnet-4-6';
const ephemeral = { type: 'ephemeral' } as const;
const hello: Anthropic.MessageParam[] = [{ role: 'user', content: 'Hello' }];

// A stack trace line as V8 prints it: "    at fn (file.ts:12:5)".
const stackLine = /^\s*at .+:\d+:\d+\)?$/m;

/** Checks the API's error body and that it agrees with the request-id header. */
function expectErrorBody(body: unknown, requestId: string | null, type: string): void {
  expect(body).toEqual({
    type: 'error',
    error: { type, message: expect.any(String) as unknown },
    request_id: expect.stringMatching(/^req_/) as unknown,
  });
  expect((body as { request_id: string }).request_id).toBe(requestId);
  expect(JSON.stringify(body)).not.toMatch(stackLine);
}

/** Runs a call that must fail and returns the SDK's error. */
async function sdkError(call: () => Promise<unknown>): Promise<APIError> {
  try {
    await call();
  } catch (error) {
    if (error instanceof APIError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

describe('errors through the SDK', () => {
  const cases: {
    name: string;
    params: Record<string, unknown>;
    status: number;
    errorClass: typeof BadRequestError | typeof NotFoundError;
    type: string;
    message?: RegExp;
  }[] = [
    {
      name: 'a missing max_tokens',
      params: { model, messages: hello },
      status: 400,
      errorClass: BadRequestError,
      type: 'invalid_request_error',
      message: /max_tokens/,
    },
    {
      name: 'a wrongly typed field',
      params: { model, max_tokens: 'ten', messages: hello },
      status: 400,
      errorClass: BadRequestError,
      type: 'invalid_request_error',
      message: /max_tokens/,
    },
    {
      name: 'five cache breakpoints',
      params: {
        model,
        max_tokens: 16,
        system: [1, 2, 3, 4].map((index) => ({
          type: 'text',
          text: `Part ${index}`,
          cache_control: ephemeral,
        })),
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: ephemeral }] },
        ],
      },
      status: 400,
      errorClass: BadRequestError,
      type: 'invalid_request_error',
      message: /cache_control/,
    },
    {
      name: 'a 1h breakpoint after a 5m one',
      params: {
        model,
        max_tokens: 16,
        system: [{ type: 'text', text: 'Rules', cache_control: { type: 'ephemeral', ttl: '5m' } }],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Hi', cache_control: { type: 'ephemeral', ttl: '1h' } },
            ],
          },
        ],
      },
      status: 400,
      errorClass: BadRequestError,
      type: 'invalid_request_error',
      message: /1h/,
    },
    {
      name: "max_tokens above the model's limit",
      // claude-sonnet-4-6 writes at most 128,000 tokens.
      params: { model, max_tokens: 128_001, messages: hello, stream: true },
      status: 400,
      errorClass: BadRequestError,
      type: 'invalid_request_error',
      message: /max_tokens/,
    },
    {
      name: 'an unknown model',
      params: { model: 'claude-unknown-9', max_tokens: 16, messages: hello },
      status: 404,
      errorClass: NotFoundError,
      type: 'not_found_error',
    },
    {
      name: 'a cloud-only model',
      params: { model: 'claude-opus-4-1', max_tokens: 16, messages: hello },
      status: 404,
      errorClass: NotFoundError,
      type: 'not_found_error',
    },
  ];

  it.each(cases)('$name: $status $type', async ({ params, status, errorClass, type, message }) => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    const error = await sdkError(() =>
      client.messages.create(params as unknown as Anthropic.MessageCreateParamsNonStreaming),
    );
    expect(error).toBeInstanceOf(errorClass);
    expect(error.status).toBe(status);
    expect(error.type).toBe(type);
    expect(error.requestID).toMatch(/^req_/);
    expectErrorBody(error.error, error.requestID ?? null, type);
    if (message !== undefined) expect(error.apiMessage).toMatch(message);
    // An error bills nothing.
    expect(simulator.invoice().lines).toEqual([]);
  });
});

describe('errors over raw HTTP', () => {
  async function post(url: string, body: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': 'test-key',
        'anthropic-version': '2023-06-01',
        ...headers,
      },
      body,
    });
    const text = await response.text();
    expect(text).not.toMatch(stackLine);
    return { response, body: JSON.parse(text) as unknown };
  }

  it('401 authentication_error without an API key', async () => {
    const { url } = await startSimulator();
    const response = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model, max_tokens: 16, messages: hello }),
    });
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(text).not.toMatch(stackLine);
    expectErrorBody(JSON.parse(text), response.headers.get('request-id'), 'authentication_error');
  });

  it('400 invalid_request_error for malformed JSON', async () => {
    const { url } = await startSimulator();
    const { response, body } = await post(url, '{"model": "claude-sonnet-4-6", "max_tokens": ');
    expect(response.status).toBe(400);
    expectErrorBody(body, response.headers.get('request-id'), 'invalid_request_error');
  });

  it('413 request_too_large for a body over 32 MB', async () => {
    const { url, simulator } = await startSimulator();
    const big = JSON.stringify({
      model,
      max_tokens: 16,
      messages: [{ role: 'user', content: 'x'.repeat(32 * 1024 * 1024) }],
    });
    expect(big.length).toBeGreaterThan(32 * 1024 * 1024);
    const { response, body } = await post(url, big);
    expect(response.status).toBe(413);
    expectErrorBody(body, response.headers.get('request-id'), 'request_too_large');
    expect(simulator.invoice().lines).toEqual([]);
  });

  it('answers an unexpected internal failure with the error body and no stack trace', async () => {
    const { url } = await startSimulator();
    // A null body makes the admin clock route throw a TypeError inside the
    // simulator (see faults.test.ts); the simulator logs it, the client must not see it.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await fetch(`${url}/_sim/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'null',
    });
    const text = await response.text();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(text).not.toMatch(stackLine);
    expect(text).not.toContain('TypeError');
    expectErrorBody(
      JSON.parse(text),
      response.headers.get('request-id'),
      response.status === 500 ? 'api_error' : 'invalid_request_error',
    );
    logged.mockRestore();
  });

  it('404 not_found_error for an unknown route', async () => {
    const { url } = await startSimulator();
    const response = await fetch(`${url}/v1/nothing-here`, {
      headers: { 'x-api-key': 'test-key' },
    });
    expect(response.status).toBe(404);
    expectErrorBody(await response.json(), response.headers.get('request-id'), 'not_found_error');
  });
});
