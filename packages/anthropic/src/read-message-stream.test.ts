import { readFileSync } from 'node:fs';
import { ProviderApiError, type ModelRequest } from '@bursar/core/spec';
import { describe, expect, it } from 'vitest';
import { createAnthropicClient } from './anthropic-client';
import {
  createFakeFetch,
  errorResponse,
  sseResponse,
  type FakeAnswer,
} from './fake-fetch.test-helper';

const streamText = readFileSync(new URL('__fixtures__/stream-text.sse', import.meta.url), 'utf8');
const streamOverloaded = readFileSync(
  new URL('__fixtures__/stream-overloaded.sse', import.meta.url),
  'utf8',
);
const events = streamText.split('\n\n').filter((event) => event.trim() !== '');

const request: ModelRequest = {
  model: 'claude-sonnet-4-6',
  tools: [],
  system: [],
  reference: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Does the ledger balance?' }] }],
  maxTokens: 256,
  providerOptions: { anthropic: { stream: true } },
};

/** Sends the first `count` events of the text stream, then breaks the connection. */
function cutAfter(count: number): FakeAnswer {
  return () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const sent = events.slice(0, count).join('\n\n');
        pulls += 1;
        // Erroring discards what is still queued: break only once the events were read.
        if (pulls === 1 && sent !== '') controller.enqueue(new TextEncoder().encode(`${sent}\n\n`));
        // What undici raises when the socket closes mid-body.
        else controller.error(new TypeError('terminated'));
      },
    });
    return new Response(body, {
      headers: { 'content-type': 'text/event-stream', 'request-id': 'req_cut_1' },
    });
  };
}

async function failure(answer: FakeAnswer): Promise<ProviderApiError> {
  const fake = createFakeFetch(answer);
  const client = createAnthropicClient({
    apiKey: 'sk-test-DISTINCTIVE-cut-key',
    baseURL: 'http://anthropic.test',
    fetch: fake.fetch,
  });
  const error: unknown = await client.complete(request).then(
    () => {
      throw new Error('expected the call to fail');
    },
    (rejected: unknown) => rejected,
  );
  expect(ProviderApiError.isInstance(error)).toBe(true);
  return error as ProviderApiError;
}

describe('a stream that fails after the API began billing', () => {
  it('carries the prompt message_start reported (cache split) and, cut mid-answer, output at max_tokens', async () => {
    // message_start, then the text block's start, then the cut: the answer had
    // begun, and how much of it the API generated the stream cannot tell.
    expect(events[0]).toContain('message_start');
    const error = await failure(cutAfter(2));
    expect(error.isRetryable).toBe(true);
    expect(error.billedUsage).toEqual({
      input: 12,
      cacheWrite5m: 100,
      cacheWrite1h: 2000,
      cacheRead: 3000,
      output: 256,
    });
    expect(Object.isFrozen(error.billedUsage)).toBe(true);
  });

  it('takes the cumulative counts of a message_delta that came before the cut (overwrite, never add)', async () => {
    const delta = events.findIndex((event) => event.includes('message_delta'));
    expect(delta).toBeGreaterThan(0);
    const error = await failure(cutAfter(delta + 1));
    expect(error.billedUsage).toEqual({
      input: 12,
      cacheWrite5m: 100,
      cacheWrite1h: 2000,
      cacheRead: 3000,
      output: 6,
    });
  });

  it('carries it for an error event after message_start too', async () => {
    const error = await failure(sseResponse(streamOverloaded));
    expect(error.errorType).toBe('overloaded_error');
    // cache_creation is null there: no write, all of the prompt uncached.
    expect(error.billedUsage).toEqual({
      input: 12,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 1,
    });
  });

  it('carries nothing when the stream fails before message_start, or the call never streamed', async () => {
    expect((await failure(cutAfter(0))).billedUsage).toBeUndefined();
    const overloaded = await failure(
      errorResponse(529, { type: 'overloaded_error', message: 'Overloaded' }),
    );
    expect(overloaded.statusCode).toBe(529);
    expect(overloaded.billedUsage).toBeUndefined();
  });
});
