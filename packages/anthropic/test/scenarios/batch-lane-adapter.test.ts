import {
  InvalidArgumentError,
  ProviderApiError,
  utf8ByteLength,
  type ModelBatchResult,
  type ModelRequest,
} from '@bursar/core';
import { describe, expect, it } from 'vitest';
import { createAnthropicClient } from '../../src/index';
import {
  createFakeFetch,
  errorResponse,
  jsonResponse,
  type FakeAnswer,
} from '../../src/fake-fetch.test-helper';

// The Message Batches half of @bursar/anthropic on a fake fetch: what goes on
// the wire and how each answer is mapped (no network).
const apiKey = 'sk-test-BATCHES';
const request: ModelRequest = {
  model: 'claude-sonnet-4-6',
  tools: [],
  system: ['Classify the ticket. Réponds en français si besoin.'],
  reference: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Order 42 arrived late 📦' }] }],
  maxTokens: 64,
  cache: { system: '1h' },
};

const batchBody = (overrides: Record<string, unknown> = {}) => ({
  id: 'msgbatch_01abc',
  type: 'message_batch',
  processing_status: 'in_progress',
  request_counts: { processing: 2, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
  created_at: '2026-01-01T00:00:00.000Z',
  expires_at: '2026-01-02T00:00:00.000Z',
  ended_at: null,
  cancel_initiated_at: null,
  archived_at: null,
  results_url: null,
  ...overrides,
});

const message = {
  id: 'msg_01',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-6',
  content: [{ type: 'text', text: 'shipping' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: {
    input_tokens: 30,
    output_tokens: 2,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    service_tier: 'batch',
  },
};

function jsonl(lines: readonly unknown[]): FakeAnswer {
  return () =>
    new Response(lines.map((line) => JSON.stringify(line)).join('\n') + '\n', {
      headers: { 'content-type': 'application/binary' },
    });
}

describe('the Anthropic batch lane adapter', () => {
  it('sends messages.batches.create with the converted requests, and measures their bytes exactly', async () => {
    const fake = createFakeFetch(jsonResponse(batchBody()));
    const client = createAnthropicClient({ apiKey, fetch: fake.fetch });
    const entries = [
      { customId: 'a', request },
      { customId: 'b', request: { ...request, maxTokens: 10 } },
    ];
    const batch = await client.batches.create(entries);
    expect(fake.requests[0]?.url.pathname).toBe('/v1/messages/batches');
    const body = fake.lastBody() as { requests: { custom_id: string; params: unknown }[] };
    expect(body.requests.map((entry) => entry.custom_id)).toEqual(['a', 'b']);
    expect(body.requests[0]?.params).toMatchObject({
      model: 'claude-sonnet-4-6',
      max_tokens: 64,
      system: [{ type: 'text', cache_control: { type: 'ephemeral', ttl: '1h' } }],
    });
    // The body is the entries, each with its separator, inside {"requests":[…]}.
    const sent = utf8ByteLength(JSON.stringify(body));
    const measured = entries.reduce((sum, entry) => sum + client.batches.requestBytes(entry), 0);
    expect(measured).toBe(sent - '{"requests":[]}'.length + 1);
    expect(batch).toEqual({
      id: 'msgbatch_01abc',
      status: 'in-progress',
      requestCounts: { processing: 2, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      createdAt: Date.UTC(2026, 0, 1),
      expiresAt: Date.UTC(2026, 0, 2),
      endedAt: undefined,
    });
    expect(client.batches.limits.maxRequests).toBe(100_000);
    expect(client.batches.limits.maxBytes).toBeLessThanOrEqual(256_000_000);
  });

  it('reads results by custom id: succeeded in the batch lane, errored with a retryable flag', async () => {
    const ended = batchBody({
      processing_status: 'ended',
      results_url: 'https://api.anthropic.com/v1/messages/batches/msgbatch_01abc/results',
    });
    const fake = createFakeFetch(
      jsonResponse(ended),
      jsonl([
        { custom_id: 'ok', result: { type: 'succeeded', message } },
        {
          custom_id: 'flaky',
          result: {
            type: 'errored',
            error: {
              type: 'error',
              error: { type: 'overloaded_error', message: 'Overloaded' },
              request_id: 'req_9',
            },
          },
        },
        {
          custom_id: 'bad',
          result: {
            type: 'errored',
            error: {
              type: 'error',
              error: { type: 'invalid_request_error', message: 'max_tokens: too big' },
              request_id: null,
            },
          },
        },
        { custom_id: 'late', result: { type: 'expired' } },
        { custom_id: 'stopped', result: { type: 'canceled' } },
      ]),
    );
    const client = createAnthropicClient({ apiKey, fetch: fake.fetch });
    const results: ModelBatchResult[] = [];
    for await (const result of client.batches.results('msgbatch_01abc')) results.push(result);
    expect(results.map((result) => [result.customId, result.type])).toEqual([
      ['ok', 'succeeded'],
      ['flaky', 'errored'],
      ['bad', 'errored'],
      ['late', 'expired'],
      ['stopped', 'canceled'],
    ]);
    const [ok, flaky, bad] = results;
    if (ok?.type !== 'succeeded' || flaky?.type !== 'errored' || bad?.type !== 'errored')
      throw new Error('unexpected result types');
    expect(ok.response.billing.lane).toBe('batch');
    expect(ok.response.usage).toEqual({
      input: 30,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 2,
    });
    expect(flaky.error).toMatchObject({
      errorType: 'overloaded_error',
      isRetryable: true,
      requestId: 'req_9',
    });
    expect(bad.error).toMatchObject({ errorType: 'invalid_request_error', isRetryable: false });
    expect(ProviderApiError.isInstance(bad.error)).toBe(true);
  });

  it('maps a failed call to ProviderApiError, without the key, and an abort to its reason', async () => {
    const fake = createFakeFetch(
      errorResponse(404, { type: 'not_found_error', message: `no batch for ${apiKey}` }),
    );
    const client = createAnthropicClient({ apiKey, fetch: fake.fetch });
    const error: unknown = await client.batches
      .retrieve('msgbatch_missing')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ProviderApiError', statusCode: 404, isRetryable: false });
    expect((error as Error).message).not.toContain(apiKey);

    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      client.batches.cancel('msgbatch_01abc', { signal: controller.signal }),
    ).rejects.toThrow('stop');
  });

  it('refuses what the batch lane cannot send, naming the option', () => {
    const client = createAnthropicClient({ apiKey, fetch: createFakeFetch().fetch });
    const managed: ModelRequest = {
      ...request,
      providerOptions: {
        anthropic: { contextManagement: { edits: [{ type: 'clear_tool_uses_20250919' }] } },
      },
    };
    expect(() => client.batches.requestBytes({ customId: 'a', request: managed })).toThrow(
      InvalidArgumentError,
    );
    expect(() => client.batches.requestBytes({ customId: 'a', request: managed })).toThrow(
      expect.objectContaining({ argument: 'providerOptions.anthropic.contextManagement' }),
    );
  });
});
