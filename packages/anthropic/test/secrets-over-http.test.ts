import { Writable } from 'node:stream';
import { Console } from 'node:console';
import { inspect } from 'node:util';
import Anthropic from '@anthropic-ai/sdk';
import { ProviderApiError, RetryError, type ModelRequest } from '@bursar/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicClient } from '../src/index';
import {
  sentKey,
  startCaptureServer,
  writeApiError,
  type Answer,
  type CaptureServer,
} from './echo-server.test-helper';

// A key that must never show up anywhere an error can be printed.
const apiKey = 'sk-test-ECHOED-over-http-0123456789';

const request: ModelRequest = {
  model: 'claude-sonnet-4-6',
  tools: [],
  system: [],
  reference: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
  maxTokens: 64,
};

const servers: CaptureServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(answer: Answer): Promise<CaptureServer> {
  const server = await startCaptureServer(answer);
  servers.push(server);
  return server;
}

/** A server that echoes the key it received in response headers and in the body. */
function echoing(status: number, type: string): Answer {
  return (captured, response) => {
    const key = sentKey(captured);
    writeApiError(
      response,
      status,
      { type, message: `rejected key ${key}`, details: { received: key, nested: [{ key }] } },
      {
        'x-echo-key': key,
        'x-echo-authorization': `Bearer ${key}`,
        'www-authenticate': `Bearer realm="api", key="${key}"`,
      },
    );
  };
}

/** Everything a user could print of an error: inspect at any depth, String, JSON, console.error. */
function printed(error: unknown): string[] {
  let consoleText = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      consoleText += chunk.toString('utf8');
      done();
    },
  });
  const console = new Console({ stdout: sink, stderr: sink });
  console.error(error);
  console.error('failed:', error);
  console.log({ error });
  console.dir(error, { depth: null });
  return [
    inspect(error, { depth: Infinity }),
    inspect(error, { depth: Infinity, showHidden: true }),
    String(error),
    JSON.stringify({ error }),
    JSON.stringify({ cause: (error as Error).cause }),
    consoleText,
  ];
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('the API key, echoed by a server over HTTP, never reaches what an error prints', () => {
  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [500, 'api_error'],
    [529, 'overloaded_error'],
  ] as const)(
    'a %i whose headers and body hold the key: complete and countTokens',
    async (status, type) => {
      const server = await serve(echoing(status, type));
      const client = createAnthropicClient({ apiKey, baseURL: server.url });
      for (const call of [client.complete(request), client.countTokens(request)]) {
        const error = await failure(call);
        expect(ProviderApiError.isInstance(error)).toBe(true);
        // The server did echo it: the redaction is what keeps it out.
        expect(server.requests.map(sentKey)).toContain(apiKey);
        const cause = (error as Error).cause as { headers?: Headers };
        expect(cause.headers?.get('x-echo-key')).toBe('[redacted]');
        expect(cause.headers?.get('x-echo-authorization')).toBe('Bearer [redacted]');
        expect((error as ProviderApiError).statusCode).toBe(status);
        for (const text of printed(error)) expect(text).not.toContain(apiKey);
      }
    },
  );

  it('a streamed call refused with the key in a header', async () => {
    const server = await serve(echoing(429, 'rate_limit_error'));
    const client = createAnthropicClient({ apiKey, baseURL: server.url });
    const error = await failure(
      client.complete({ ...request, providerOptions: { anthropic: { stream: true } } }),
    );
    expect(ProviderApiError.isInstance(error)).toBe(true);
    for (const text of printed(error)) expect(text).not.toContain(apiKey);
  });

  it('a batch call refused with the key in a header', async () => {
    const server = await serve(echoing(403, 'permission_error'));
    const client = createAnthropicClient({ apiKey, baseURL: server.url });
    const error = await failure(client.batches.retrieve('msgbatch_1'));
    expect(ProviderApiError.isInstance(error)).toBe(true);
    for (const text of printed(error)) expect(text).not.toContain(apiKey);
  });

  it('a RetryError over the attempts, and an AggregateError holding them', async () => {
    const server = await serve(echoing(500, 'api_error'));
    const client = createAnthropicClient({ apiKey, baseURL: server.url });
    const errors = [
      await failure(client.complete(request)),
      await failure(client.complete(request)),
      await failure(client.countTokens(request)),
    ];
    const retry = new RetryError({
      message: 'Call failed after 3 attempts',
      reason: 'maxRetriesExceeded',
      errors,
    });
    expect(retry.message).toContain('Anthropic API error 500 api_error: rejected key [redacted]');
    for (const text of printed(retry)) expect(text).not.toContain(apiKey);
    for (const text of printed(new AggregateError([retry, ...errors], 'all failed')))
      expect(text).not.toContain(apiKey);
  });

  it('a client you built, whose key the adapter reads from it', async () => {
    const server = await serve(echoing(401, 'authentication_error'));
    const client = createAnthropicClient({
      client: new Anthropic({ apiKey, baseURL: server.url }),
    });
    const error = await failure(client.complete(request));
    for (const text of printed(error)) expect(text).not.toContain(apiKey);
  });
});
