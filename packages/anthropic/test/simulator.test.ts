import {
  cost,
  promptTokens,
  ProviderApiError,
  type ModelRequest,
  type ModelResponse,
} from '@bursar/core';
import { VERSION as oldestVersion } from '@anthropic-ai/sdk/version';
import { createSimulator, type Simulator, type SimulatorOptions } from '@bursar/simulator';
import AnthropicNewest from 'anthropic-sdk-newest';
import { VERSION as newestVersion } from 'anthropic-sdk-newest/version';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicClient, type AnthropicModelClient } from '../src/index';

// A key that must never show up in anything this package throws.
const apiKey = 'sk-test-DISTINCTIVE';
const model = 'claude-sonnet-4-6';

const running: Simulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
});

/**
 * The two ends of the peer range (`>=1.10.0 <2`): the oldest is the SDK this
 * package builds its own client with; the newest comes as a ready client from
 * another copy of the SDK (the npm alias `anthropic-sdk-newest`), as a user's
 * own `new Anthropic(...)` does.
 */
const sdks = [
  {
    sdk: `@anthropic-ai/sdk ${oldestVersion}, the oldest in range (a client built from apiKey and baseURL)`,
    version: oldestVersion,
    expected: '1.10.0',
    create: (baseURL: string) => createAnthropicClient({ apiKey, baseURL }),
  },
  {
    sdk: `@anthropic-ai/sdk ${newestVersion}, the newest in range (a ready client of another copy)`,
    version: newestVersion,
    expected: '1.17.0',
    create: (baseURL: string) =>
      createAnthropicClient({ client: new AnthropicNewest({ apiKey, baseURL }) }),
  },
] as const;

describe.each(sdks)('$sdk', ({ sdk, version, expected, create }) => {
  /** A simulator on 127.0.0.1 and the adapter pointed at it over real HTTP. */
  async function start(
    options: SimulatorOptions = {},
  ): Promise<{ simulator: Simulator; client: AnthropicModelClient }> {
    const simulator = createSimulator({ latency: { mode: 'zero' }, ...options });
    running.push(simulator);
    const { url } = await simulator.listen();
    expect(new URL(url).hostname).toBe('127.0.0.1');
    return { simulator, client: create(url) };
  }

  it('is the version the range names', () => {
    expect(version, sdk).toBe(expected);
  });

  /** Distinct sentences, about 14 tokens each: a system prompt past the cache minimum. */
  function longText(tag: string, sentences: number): string {
    const nouns = ['ledger', 'invoice', 'budget', 'agent', 'queue', 'report'];
    return Array.from(
      { length: sentences },
      (_, index) =>
        `Rule ${tag}-${String(index)}: the ${nouns[index % nouns.length] ?? 'ledger'} is checked at step ${String(index * 7 + 3)}.`,
    ).join(' ');
  }

  const lookupTool = {
    name: 'lookup_invoice',
    description: 'Looks up an invoice by its number and returns its status.',
    inputSchema: {
      type: 'object',
      properties: { number: { type: 'integer', minimum: 1 } },
      required: ['number'],
      additionalProperties: false,
    },
  };

  function conversation(turns: readonly string[]): ModelRequest['messages'] {
    return turns.map((text, index) => ({
      role: index % 2 === 0 ? 'user' : 'assistant',
      content: [{ type: 'text', text }],
    }));
  }

  function baseRequest(overrides: Partial<ModelRequest> = {}): ModelRequest {
    return {
      model,
      tools: [lookupTool],
      system: [longText('system', 120)],
      reference: [],
      messages: conversation(['Which invoices are overdue?']),
      maxTokens: 200,
      ...overrides,
    };
  }

  /** The error a call rejects with. */
  async function rejection(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => {
        throw new Error('expected the call to fail');
      },
      (error: unknown) => error,
    );
  }

  function expectNoKey(error: unknown): void {
    const cause = (error as Error).cause as Error | undefined;
    for (const text of [
      JSON.stringify(error),
      (error as Error).message,
      String((error as Error).stack),
      cause?.message ?? '',
      JSON.stringify(cause),
    ]) {
      expect(text).not.toContain(apiKey);
    }
  }

  describe('@bursar/anthropic against the simulator over HTTP', () => {
    it('caches a two-turn conversation: the second call reads what the first wrote', async () => {
      const { client } = await start();
      const cache = { system: '5m', conversation: '5m' } as const;
      const first = await client.complete(baseRequest({ cache }));
      expect(first.usage.cacheRead).toBe(0);
      expect(first.usage.cacheWrite5m).toBeGreaterThan(1024);
      expect(first.usage.input).toBe(0);

      const firstText = first.content.find((part) => part.type === 'text');
      const second = await client.complete(
        baseRequest({
          cache,
          messages: [
            ...baseRequest().messages,
            { role: 'assistant', content: firstText === undefined ? [] : [firstText] },
            { role: 'user', content: [{ type: 'text', text: 'And which of them is the oldest?' }] },
          ],
          providerOptions: { anthropic: { previousMessageId: first.id } },
        }),
      );
      expect(second.usage.cacheRead).toBeGreaterThan(0);
      expect(second.usage.cacheRead).toBe(first.usage.cacheWrite5m);
      expect(second.usage.cacheWrite5m).toBeGreaterThan(0);
      expect(second.cacheMissReason).toBeUndefined();
      expect(second.requestId).toMatch(/^req_/);

      // A changed system prompt misses, and the API says why.
      const third = await client.complete(
        baseRequest({
          cache,
          system: [longText('other', 120)],
          providerOptions: { anthropic: { previousMessageId: second.id } },
        }),
      );
      expect(third.usage.cacheRead).toBe(0);
      expect(third.cacheMissReason).toBe('system_changed');
    });

    it('reads a 1h system prefix with a 1h plan and bills the write as 1h', async () => {
      const { client } = await start();
      const request = baseRequest({ cache: { tools: '1h', system: '1h' } });
      const first = await client.complete(request);
      expect(first.usage.cacheWrite1h).toBeGreaterThan(1024);
      expect(first.usage.cacheWrite5m).toBe(0);
      const second = await client.complete(request);
      expect(second.usage.cacheRead).toBe(first.usage.cacheWrite1h);
    });

    it('gives the same usage and content streamed and not', async () => {
      const { client } = await start();
      const request = baseRequest({ tools: [], system: ['You are terse.'] });
      const plain = await client.complete(request);
      const streamed = await client.complete({
        ...request,
        providerOptions: { anthropic: { stream: true } },
      });
      expect(streamed.usage).toEqual(plain.usage);
      expect(streamed.usage.output).toBeGreaterThan(0);
      expect(streamed.content).toEqual(plain.content);
      expect(streamed.finishReason).toEqual(plain.finishReason);
      expect(streamed.requestId).toMatch(/^req_/);
    });

    it('round-trips tool calls', async () => {
      const { client } = await start();
      const ask = baseRequest({ toolChoice: { type: 'tool', name: 'lookup_invoice' } });
      const called = await client.complete(ask);
      expect(called.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
      const call = called.content.find((part) => part.type === 'tool-call');
      if (call?.type !== 'tool-call') throw new Error('expected a tool call');
      expect(call.name).toBe('lookup_invoice');
      expect(call.input).toEqual({ number: expect.any(Number) });

      const answered = await client.complete(
        baseRequest({
          messages: [
            ...ask.messages,
            { role: 'assistant', content: called.content },
            {
              role: 'user',
              content: [
                { type: 'tool-result', toolCallId: call.id, content: 'paid on 2026-11-02' },
              ],
            },
          ],
        }),
      );
      expect(answered.finishReason.unified).toBe('stop');
      expect(answered.content.some((part) => part.type === 'text')).toBe(true);
    });

    it('answers structured output as JSON', async () => {
      const { client } = await start();
      const response = await client.complete(
        baseRequest({
          tools: [],
          outputSchema: {
            type: 'object',
            properties: { overdue: { type: 'integer' } },
            required: ['overdue'],
            additionalProperties: false,
          },
        }),
      );
      const text = response.content.find((part) => part.type === 'text');
      if (text?.type !== 'text') throw new Error('expected text');
      expect(JSON.parse(text.text)).toEqual({ overdue: expect.any(Number) });
    });

    it('counts tokens exactly as the bill does, and the bound is never below it', async () => {
      const { client } = await start();
      const shapes: ModelRequest[] = [
        baseRequest(),
        baseRequest({ tools: [], system: [], messages: conversation(['Hi']) }),
        baseRequest({
          system: ['Answer in French. Répondez brièvement, s’il vous plaît. 請簡短回答。'],
          reference: [longText('reference', 40), 'Émoji ledger: 📒📒📒'],
          messages: [
            ...conversation(['Find invoice 7.']),
            {
              role: 'assistant',
              content: [
                { type: 'text', text: 'Looking it up.' },
                { type: 'tool-call', id: 'toolu_1', name: 'lookup_invoice', input: { number: 7 } },
              ],
            },
            {
              role: 'user',
              content: [
                {
                  type: 'tool-result',
                  toolCallId: 'toolu_1',
                  content: JSON.stringify({ status: 'overdue', days: 41 }),
                },
              ],
            },
          ],
          cache: { system: '5m', conversation: '5m' },
        }),
        baseRequest({
          tools: [],
          outputSchema: { type: 'object', properties: { total: { type: 'number' } } },
          toolChoice: { type: 'none' },
        }),
      ];
      for (const request of shapes) {
        const counted = await client.countTokens(request);
        const response = await client.complete(request);
        expect(promptTokens(response.usage)).toBe(counted);
        expect(client.boundInputTokens(request)).toBeGreaterThanOrEqual(
          promptTokens(response.usage),
        );
      }
    });

    it('maps an injected spend limit: never retryable', async () => {
      const { simulator, client } = await start();
      simulator.configureFaults({ next: ['spend_limit'] });
      const error = await rejection(client.complete(baseRequest()));
      expect(error).toBeInstanceOf(ProviderApiError);
      expect(error).toMatchObject({
        provider: 'anthropic',
        statusCode: 429,
        isSpendLimit: true,
        isRetryable: false,
        retryAfterMs: undefined,
      });
      expect((error as ProviderApiError).requestId).toMatch(/^req_/);
      expectNoKey(error);
    });

    it('maps an injected rate limit: retryable after its retry-after', async () => {
      const { simulator, client } = await start();
      simulator.configureFaults({ next: ['rate_limit'] });
      const error = await rejection(client.complete(baseRequest()));
      expect(error).toMatchObject({
        statusCode: 429,
        errorType: 'rate_limit_error',
        isRetryable: true,
        isSpendLimit: false,
        retryAfterMs: 2000,
      });
      expectNoKey(error);
      // One attempt only: the next request is the next fault-free one.
      await expect(client.complete(baseRequest())).resolves.toMatchObject({
        id: expect.any(String),
      });
    });

    it.each([
      ['overloaded', false, { statusCode: 529, errorType: 'overloaded_error', isRetryable: true }],
      ['api_error', false, { statusCode: 500, errorType: 'api_error', isRetryable: true }],
      ['connection_drop', false, { statusCode: undefined, isRetryable: true }],
      ['stream_cut', true, { statusCode: undefined, isRetryable: true }],
    ] as const)('maps an injected %s (streamed: %s)', async (fault, stream, expected) => {
      const { simulator, client } = await start();
      simulator.configureFaults({ next: [fault] });
      const error = await rejection(
        client.complete(baseRequest({ providerOptions: { anthropic: { stream } } })),
      );
      expect(error).toBeInstanceOf(ProviderApiError);
      expect(error).toMatchObject(expected);
      expectNoKey(error);
    });

    it('rejects with the signal’s reason when aborted', async () => {
      const { client } = await start({ latency: { baseMs: 500 }, clock: 'real' });
      const controller = new AbortController();
      const reason = new Error('budget pulled');
      const pending = client.complete(baseRequest(), { signal: controller.signal });
      controller.abort(reason);
      await expect(pending).rejects.toBe(reason);
    });

    it('passes context management through the beta endpoint', async () => {
      const { client } = await start();
      const response = await client.complete(
        baseRequest({
          providerOptions: {
            anthropic: {
              contextManagement: {
                edits: [
                  { type: 'clear_tool_uses_20250919', keep: { type: 'tool_uses', value: 3 } },
                ],
              },
            },
          },
        }),
      );
      expect(response.usage.input).toBeGreaterThan(0);
      expect(response.compactionUsage).toBeUndefined();
    });

    it('sends a compaction block back verbatim through the beta endpoint; count, bill and bound agree', async () => {
      const { simulator, client } = await start();
      // As a compacting response returns it (the simulator does not compact itself).
      const block = {
        type: 'compaction',
        content: longText('summary', 12),
        encrypted_content: 'EpYBCkYIBxgCKkBsZWRnZXItc3VtbWFyeS1vcGFxdWU=',
        signature: 'sig_01ScenarioSignature',
      };
      const request = baseRequest({
        messages: [
          ...conversation(['Which invoices are overdue?']),
          {
            role: 'assistant',
            content: [
              { type: 'provider-block', provider: 'anthropic', block },
              { type: 'text', text: 'Invoices 7 and 9.' },
            ],
          },
          ...conversation(['And which are paid?']),
        ],
      });
      const counted = await client.countTokens(request);
      const response = await client.complete(request);
      expect(promptTokens(response.usage)).toBe(counted);
      expect(client.boundInputTokens(request)).toBeGreaterThanOrEqual(counted);
      // The block's bytes are in the prompt: without it the prompt is smaller.
      const without = await client.countTokens(
        baseRequest({
          messages: [
            ...conversation(['Which invoices are overdue?']),
            { role: 'assistant', content: [{ type: 'text', text: 'Invoices 7 and 9.' }] },
            ...conversation(['And which are paid?']),
          ],
        }),
      );
      expect(counted).toBeGreaterThan(without);
      expect(simulator.invoice().lines).toHaveLength(1);
    });

    it('prices every response exactly as the simulator invoices it', async () => {
      const { simulator, client } = await start();
      const responses: ModelResponse[] = [];
      const cache = { tools: '1h', system: '1h', conversation: '5m' } as const;
      let messages = baseRequest().messages;
      for (let turn = 0; turn < 4; turn += 1) {
        const response = await client.complete(
          baseRequest({
            cache,
            messages,
            providerOptions: { anthropic: { stream: turn % 2 === 1 } },
          }),
        );
        responses.push(response);
        messages = [
          ...messages,
          { role: 'assistant', content: response.content },
          {
            role: 'user',
            content: [{ type: 'text', text: `Next question, number ${String(turn)}.` }],
          },
        ];
      }
      responses.push(
        await client.complete(baseRequest({ model: 'claude-haiku-4-5', speed: 'standard' })),
      );
      responses.push(await client.complete(baseRequest({ inferenceGeo: 'us' })));
      expect(responses.some((response) => response.usage.cacheRead > 0)).toBe(true);
      expect(responses.at(-1)?.billing.inferenceGeo).toBe('us');

      const priced = responses.reduce(
        (total, response) => total + cost(response.usage, response.model, response.billing),
        0,
      );
      const invoice = simulator.invoice();
      expect(invoice.lines).toHaveLength(responses.length);
      expect(invoice.total).toBe(priced);
    });
  });
});
