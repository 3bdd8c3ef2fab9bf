import { inspect } from 'node:util';
import {
  createBudget,
  InvalidArgumentError,
  ProviderApiError,
  RetryError,
  runAgent,
  type ModelRequest,
} from '@bursar/core';
import AnthropicNewest from 'anthropic-sdk-newest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAnthropicClient } from '../src/index';
import {
  closedPort,
  startCaptureServer,
  writeApiError,
  type CaptureServer,
} from './echo-server.test-helper';

const apiKey = 'sk-test-errors-name-their-cause';

const request: ModelRequest = {
  model: 'claude-sonnet-4-6',
  tools: [],
  system: [],
  reference: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
  maxTokens: 64,
};

let server: CaptureServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('an error’s message names its cause', () => {
  it('a port nothing listens on: ECONNREFUSED and the address, in the message', async () => {
    const port = await closedPort();
    const client = createAnthropicClient({ apiKey, baseURL: `http://127.0.0.1:${String(port)}` });
    const error = await failure(client.complete(request));
    expect(ProviderApiError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/^Anthropic API connection failed \(Connection error\.: /);
    expect(error.message).toContain(`ECONNREFUSED 127.0.0.1:${String(port)}`);
    expect(error).toMatchObject({ isRetryable: true, statusCode: undefined });
  });

  it('a server that drops the connection mid-response: the socket error, in the message', async () => {
    server = await startCaptureServer((_captured, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"id":');
      response.socket?.destroy();
    });
    const client = createAnthropicClient({ apiKey, baseURL: server.url });
    const error = await failure(client.complete(request));
    expect(ProviderApiError.isInstance(error)).toBe(true);
    // undici's reason (`other side closed`, code UND_ERR_SOCKET) is causes down from `terminated`.
    expect(error.message).toMatch(/other side closed|UND_ERR_SOCKET/);
  });

  it('a refused key: the message says the key was refused, never what it is', async () => {
    server = await startCaptureServer((_captured, response) => {
      writeApiError(response, 401, { type: 'authentication_error', message: 'invalid x-api-key' });
    });
    const client = createAnthropicClient({ apiKey, baseURL: server.url });
    const error = await failure(client.complete(request));
    expect(error.message).toBe(
      'Anthropic API error 401 authentication_error: invalid x-api-key [the API key was refused: it is missing, invalid or revoked; check ANTHROPIC_API_KEY or the apiKey option] (request req_echo_1)',
    );
    expect(inspect(error, { depth: Infinity })).not.toContain(apiKey);
  });

  it('no key at all: an InvalidArgumentError naming apiKey, and nothing sent (oldest and newest SDK)', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', undefined);
    vi.stubEnv('ANTHROPIC_AUTH_TOKEN', undefined);
    server = await startCaptureServer((_captured, response) => {
      writeApiError(response, 500, { type: 'api_error', message: 'should not be reached' });
    });
    const clients = [
      createAnthropicClient({ baseURL: server.url }),
      createAnthropicClient({ client: new AnthropicNewest({ baseURL: server.url }) }),
    ];
    for (const client of clients) {
      const error = await failure(client.complete(request));
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ argument: 'apiKey', value: undefined });
      expect(error.message).toContain('no API key, so nothing was sent');
      expect(error.message).toContain('ANTHROPIC_API_KEY');
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('a failed agent’s error names what failed', () => {
  it('a wrong port: "Call failed after 3 attempts: ... ECONNREFUSED ..."', async () => {
    const port = await closedPort();
    const sleeps: number[] = [];
    const result = await runAgent({
      client: createAnthropicClient({ apiKey, baseURL: `http://127.0.0.1:${String(port)}` }),
      budget: createBudget({ usd: '1' }),
      model: 'claude-sonnet-4-6',
      prompt: 'Hello',
      maxRetries: 2,
      // No real waiting between attempts.
      sleep: (milliseconds) => {
        sleeps.push(milliseconds);
        return Promise.resolve();
      },
    });
    expect(result.status).toBe('failed');
    expect(sleeps).toHaveLength(2);
    expect(RetryError.isInstance(result.error)).toBe(true);
    const error = result.error as RetryError;
    expect(error.errors).toHaveLength(3);
    expect(error.message).toMatch(
      new RegExp(
        `^Call failed after 3 attempts: Anthropic API connection failed \\(.*ECONNREFUSED 127\\.0\\.0\\.1:${String(port)}`,
      ),
    );
    expect(String(error)).toContain('ECONNREFUSED');
  });

  it('a refused key: the error says the key was refused, and the key is nowhere in it', async () => {
    server = await startCaptureServer((captured, response) => {
      const key = String(captured.headers['x-api-key'] ?? captured.headers.authorization);
      writeApiError(
        response,
        401,
        { type: 'authentication_error', message: `bad key ${key}` },
        {
          'x-echo': key,
        },
      );
    });
    const result = await runAgent({
      client: createAnthropicClient({ apiKey, baseURL: server.url }),
      budget: createBudget({ usd: '1' }),
      model: 'claude-sonnet-4-6',
      prompt: 'Hello',
      sleep: () => Promise.resolve(),
    });
    expect(result.status).toBe('failed');
    expect(String(result.error)).toMatch(/401 authentication_error.*the API key was refused/);
    expect(inspect(result, { depth: Infinity })).not.toContain(apiKey);
  });
});
