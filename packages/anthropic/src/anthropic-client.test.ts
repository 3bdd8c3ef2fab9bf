import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { InvalidArgumentError, type ContentPart, type ModelRequest } from '@bursar/core/spec';
import { describe, expect, it } from 'vitest';
import compactionMessage from './__fixtures__/beta-message-compaction.json';
import textMessage from './__fixtures__/message-text.json';
import toolUseMessage from './__fixtures__/message-tool-use.json';
import { createAnthropicClient } from './anthropic-client';
import {
  createFakeFetch,
  jsonResponse,
  sseResponse,
  type FakeAnswer,
} from './fake-fetch.test-helper';

const apiKey = 'sk-test-DISTINCTIVE-unit-key';
const baseURL = 'http://anthropic.test';
const streamText = readFileSync(new URL('__fixtures__/stream-text.sse', import.meta.url), 'utf8');
const streamCompaction = readFileSync(
  new URL('__fixtures__/stream-compaction.sse', import.meta.url),
  'utf8',
);

function request(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model: 'claude-sonnet-4-6',
    tools: [],
    system: [],
    reference: [],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Does the ledger balance?' }] }],
    maxTokens: 256,
    ...overrides,
  };
}

const lookupTool = {
  name: 'lookup',
  description: 'Finds an invoice.',
  inputSchema: {
    type: 'object',
    properties: { query: { type: 'string' } },
    required: ['query'],
  },
};

function clientWith(...answers: FakeAnswer[]) {
  const fake = createFakeFetch(...answers);
  const client = createAnthropicClient({ apiKey, baseURL, fetch: fake.fetch });
  return { fake, client };
}

describe('createAnthropicClient: the request on the wire', () => {
  it('converts every field of a ModelRequest, with breakpoints on the last block of each cached segment', async () => {
    const { fake, client } = clientWith(jsonResponse(textMessage));
    await client.complete(
      request({
        tools: [
          { name: 'search', description: 'Searches.', inputSchema: { type: 'object' } },
          lookupTool,
        ],
        system: ['You are terse.', 'Answer in English.'],
        reference: ['Document A.', 'Document B.'],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Find invoice 7.' }] },
          // Two user messages in a row are sent as given.
          { role: 'user', content: [{ type: 'text', text: 'Quickly.' }] },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Looking.' },
              { type: 'tool-call', id: 'toolu_1', name: 'lookup', input: { query: 'invoice 7' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool-result', toolCallId: 'toolu_1', content: 'not found', isError: true },
              { type: 'text', text: 'Try again.' },
            ],
          },
        ],
        maxTokens: 512,
        cache: { tools: '1h', system: '1h', reference: '5m', conversation: '5m' },
        toolChoice: { type: 'tool', name: 'lookup' },
        outputSchema: { type: 'object', properties: { answer: { type: 'string' } } },
        stopSequences: ['END'],
        temperature: 0.2,
        speed: 'fast',
        inferenceGeo: 'us',
      }),
    );

    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent?.method).toBe('POST');
    expect(sent?.url.pathname).toBe('/v1/messages');
    expect(sent?.url.search).toBe('');
    expect(sent?.headers.get('authorization')).toBe(`Bearer ${apiKey}`);
    expect(sent?.headers.get('anthropic-beta')).toBeNull();
    expect(fake.lastBody()).toEqual({
      model: 'claude-sonnet-4-6',
      max_tokens: 512,
      tools: [
        { name: 'search', description: 'Searches.', input_schema: { type: 'object' } },
        {
          name: 'lookup',
          description: 'Finds an invoice.',
          input_schema: lookupTool.inputSchema,
          cache_control: { type: 'ephemeral', ttl: '1h' },
        },
      ],
      system: [
        { type: 'text', text: 'You are terse.' },
        {
          type: 'text',
          text: 'Answer in English.',
          cache_control: { type: 'ephemeral', ttl: '1h' },
        },
        { type: 'text', text: 'Document A.' },
        { type: 'text', text: 'Document B.', cache_control: { type: 'ephemeral', ttl: '5m' } },
      ],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Find invoice 7.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Quickly.' }] },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Looking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: { query: 'invoice 7' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'not found', is_error: true },
            {
              type: 'text',
              text: 'Try again.',
              cache_control: { type: 'ephemeral', ttl: '5m' },
            },
          ],
        },
      ],
      tool_choice: { type: 'tool', name: 'lookup' },
      output_config: {
        format: {
          type: 'json_schema',
          schema: { type: 'object', properties: { answer: { type: 'string' } } },
        },
      },
      stop_sequences: ['END'],
      temperature: 0.2,
      speed: 'fast',
      inference_geo: 'us',
    });
  });

  it('sends only what the request has: no empty system or tools, no cache_control without a plan', async () => {
    const { fake, client } = clientWith(jsonResponse(textMessage));
    await client.complete(request());
    expect(fake.lastBody()).toEqual({
      model: 'claude-sonnet-4-6',
      max_tokens: 256,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Does the ledger balance?' }] }],
    });
  });

  it('places no breakpoint for a cached segment that has no block', async () => {
    const { fake, client } = clientWith(jsonResponse(textMessage));
    await client.complete(
      request({ system: ['Be brief.'], cache: { tools: '1h', system: '1h', reference: '5m' } }),
    );
    expect(fake.lastBody()['system']).toEqual([
      { type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
    expect(fake.lastBody()['tools']).toBeUndefined();
  });

  it('refuses a 1h breakpoint after a 5m one, naming the segment, before any request', async () => {
    const { fake, client } = clientWith(jsonResponse(textMessage));
    const refused = client.complete(
      request({ tools: [lookupTool], system: ['Be brief.'], cache: { tools: '5m', system: '1h' } }),
    );
    await expect(refused).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(refused).rejects.toMatchObject({ argument: 'cache.system', value: '1h' });
    expect(fake.requests).toHaveLength(0);
  });

  it('sends diagnostics.previous_message_id and reports the cache-miss reason', async () => {
    const { fake, client } = clientWith(jsonResponse(toolUseMessage));
    const response = await client.complete(
      request({ providerOptions: { anthropic: { previousMessageId: 'msg_01Previous' } } }),
    );
    expect(fake.lastBody()['diagnostics']).toEqual({ previous_message_id: 'msg_01Previous' });
    expect(response.cacheMissReason).toBe('system_changed');
  });

  it('refuses a provider option of the wrong type, naming it', async () => {
    const { fake, client } = clientWith(jsonResponse(textMessage));
    await expect(
      client.complete(request({ providerOptions: { anthropic: { stream: 'yes' } } })),
    ).rejects.toMatchObject({
      name: 'InvalidArgumentError',
      argument: 'providerOptions.anthropic.stream',
      value: 'yes',
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('ignores an unknown provider option with a warning, and other providers’ options silently', async () => {
    const { client } = clientWith(jsonResponse(textMessage));
    const response = await client.complete(
      request({ providerOptions: { anthropic: { topK: 5 }, openai: { seed: 1 } } }),
    );
    expect(response.warnings).toEqual([
      expect.stringContaining('providerOptions.anthropic.topK is not an option'),
    ]);
  });
});

describe('createAnthropicClient: the response', () => {
  it('maps text, usage with the cache-write split, billing and the request id', async () => {
    const { client } = clientWith(jsonResponse(textMessage));
    const response = await client.complete(request());
    expect(response).toEqual({
      id: 'msg_01TextFixture',
      model: 'claude-sonnet-4-6',
      content: [{ type: 'text', text: 'The ledger balances.' }],
      finishReason: { unified: 'stop', raw: 'end_turn' },
      usage: { input: 12, cacheWrite5m: 100, cacheWrite1h: 2000, cacheRead: 3000, output: 6 },
      compactionUsage: undefined,
      billing: { lane: 'interactive', speed: 'standard', inferenceGeo: 'global' },
      cacheMissReason: undefined,
      requestId: 'req_fake_1',
      warnings: [],
    });
  });

  it('maps tool_use to tool-call parts, drops other blocks with a warning, and reads fast and us billing', async () => {
    const { client } = clientWith(jsonResponse(toolUseMessage));
    const response = await client.complete(request({ model: 'claude-opus-4-8' }));
    expect(response.content).toEqual([
      { type: 'text', text: 'Looking it up.' },
      { type: 'tool-call', id: 'toolu_01A', name: 'lookup', input: { query: 'invoice 7' } },
    ]);
    expect(response.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
    expect(response.billing).toEqual({ lane: 'interactive', speed: 'fast', inferenceGeo: 'us' });
    expect(response.usage).toEqual({
      input: 1900,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 40,
    });
    expect(response.warnings).toEqual([expect.stringContaining('"thinking" content block')]);
  });

  it('streams with providerOptions.anthropic.stream and gives the same response as without', async () => {
    const { fake, client } = clientWith(sseResponse(streamText), jsonResponse(textMessage));
    const streamed = await client.complete(
      request({ providerOptions: { anthropic: { stream: true } } }),
    );
    expect(fake.lastBody()['stream']).toBe(true);
    const plain = await client.complete(request());
    expect(fake.lastBody()['stream']).toBeUndefined();
    expect({ ...streamed, requestId: undefined }).toEqual({ ...plain, requestId: undefined });
    expect(streamed.requestId).toBe('req_stream_1');
  });

  it('sends context management through beta.messages with its beta header and counts compaction', async () => {
    const { fake, client } = clientWith(jsonResponse(compactionMessage));
    const edits = [
      { type: 'clear_tool_uses_20250919', keep: { type: 'tool_uses', value: 3 } },
      { type: 'compact_20260112', trigger: { type: 'input_tokens', value: 150_000 } },
    ];
    const response = await client.complete(
      request({ providerOptions: { anthropic: { contextManagement: { edits } } } }),
    );
    const sent = fake.requests[0];
    expect(sent?.url.pathname).toBe('/v1/messages');
    expect(sent?.headers.get('anthropic-beta')?.split(',').sort()).toEqual([
      'compact-2026-01-12',
      'context-management-2025-06-27',
    ]);
    expect(fake.lastBody()['context_management']).toEqual({ edits });
    expect(fake.lastBody()['betas']).toBeUndefined();
    // The top-level fields leave the summarizing run out; it is billed all the same.
    expect(response.usage).toEqual({
      input: 160_900,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 2050,
    });
    expect(response.compactionUsage).toEqual({
      input: 160_000,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 2000,
    });
    expect(response.content).toEqual([
      { type: 'provider-block', provider: 'anthropic', block: compactionMessage.content[0] },
      { type: 'text', text: 'Continuing from the summary.' },
    ]);
    expect(response.warnings).toEqual([]);
  });

  it('keeps a compaction block verbatim and sends it back byte for byte, with its beta header', async () => {
    const { fake, client } = clientWith(jsonResponse(compactionMessage), jsonResponse(textMessage));
    const edits = [{ type: 'compact_20260112' }];
    const first = await client.complete(
      request({ providerOptions: { anthropic: { contextManagement: { edits } } } }),
    );
    const [block] = first.content;
    expect(block).toEqual({
      type: 'provider-block',
      provider: 'anthropic',
      block: {
        type: 'compaction',
        content: 'Summary of the earlier turns.',
        encrypted_content: 'EpYBCkYIBxgCKkBsZWRnZXItc3VtbWFyeS1vcGFxdWU=',
        signature: 'sig_01CompactFixtureSignature',
        tool_changes: [],
      },
    });

    // The next turn, as the agent loop builds it: the response appended as it is.
    // No context management this time: the block alone still needs the beta.
    await client.complete(
      request({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Does the ledger balance?' }] },
          { role: 'assistant', content: first.content },
          { role: 'user', content: [{ type: 'text', text: 'And the invoices?' }] },
        ],
        cache: { conversation: '5m' },
      }),
    );
    const sent = fake.requests[1];
    expect(sent?.headers.get('anthropic-beta')).toBe('compact-2026-01-12');
    const messages = fake.lastBody()['messages'] as { content: unknown[] }[];
    expect(messages[1]?.content).toEqual([
      compactionMessage.content[0],
      { type: 'text', text: 'Continuing from the summary.' },
    ]);
    expect(fake.lastBody()['context_management']).toBeUndefined();
  });

  it('puts a conversation breakpoint on a compaction block that ends the conversation', async () => {
    const { fake, client } = clientWith(jsonResponse(textMessage));
    const block = { type: 'compaction', content: 'Summary.', encrypted_content: 'Eo8=' };
    await client.complete(
      request({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Go on.' }] },
          {
            role: 'assistant',
            content: [{ type: 'provider-block', provider: 'anthropic', block }],
          },
        ],
        cache: { conversation: '1h' },
      }),
    );
    const messages = fake.lastBody()['messages'] as { content: unknown[] }[];
    expect(messages[1]?.content).toEqual([
      { ...block, cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
  });

  it('assembles a streamed compaction block into the same part, and counts its iteration', async () => {
    const { fake, client } = clientWith(sseResponse(streamCompaction));
    const edits = [{ type: 'compact_20260112' }];
    const response = await client.complete(
      request({ providerOptions: { anthropic: { stream: true, contextManagement: { edits } } } }),
    );
    expect(fake.lastBody()).toMatchObject({ stream: true });
    expect(response.content).toEqual([
      { type: 'provider-block', provider: 'anthropic', block: compactionMessage.content[0] },
      { type: 'text', text: 'Continuing from the summary.' },
    ]);
    expect(response.compactionUsage).toEqual({
      input: 160_000,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 2000,
    });
    expect(response.usage.input).toBe(160_900);
  });

  it('refuses another provider’s block, or a block that is not an object, naming the part', async () => {
    const { fake, client } = clientWith(jsonResponse(textMessage));
    const withPart = (part: ContentPart) =>
      request({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Hi.' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'Hello.' }, part] },
        ],
      });
    await expect(
      client.complete(
        withPart({ type: 'provider-block', provider: 'openai', block: { type: 'reasoning' } }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidArgumentError',
      argument: 'messages[1].content[1].provider',
      value: 'openai',
    });
    await expect(
      client.complete(
        withPart({
          type: 'provider-block',
          provider: 'anthropic',
          block: 'compaction' as unknown as Record<string, unknown>,
        }),
      ),
    ).rejects.toMatchObject({ argument: 'messages[1].content[1].block', value: 'compaction' });
    expect(fake.requests).toHaveLength(0);
  });

  it('streams through beta.messages too', async () => {
    const { fake, client } = clientWith(sseResponse(streamText));
    const edits = [{ type: 'clear_tool_uses_20250919' }];
    const response = await client.complete(
      request({ providerOptions: { anthropic: { stream: true, contextManagement: { edits } } } }),
    );
    expect(fake.requests[0]?.headers.get('anthropic-beta')).toBe('context-management-2025-06-27');
    expect(fake.lastBody()).toMatchObject({ stream: true, context_management: { edits } });
    expect(response.usage).toEqual({
      input: 12,
      cacheWrite5m: 100,
      cacheWrite1h: 2000,
      cacheRead: 3000,
      output: 6,
    });
    expect(response.requestId).toBe('req_stream_1');
  });

  it('refuses context management without edits, naming the option', async () => {
    const { fake, client } = clientWith(jsonResponse(textMessage));
    await expect(
      client.complete(
        request({ providerOptions: { anthropic: { contextManagement: { edits: [] } } } }),
      ),
    ).rejects.toMatchObject({ argument: 'providerOptions.anthropic.contextManagement' });
    await expect(
      client.complete(
        request({
          providerOptions: { anthropic: { contextManagement: { edits: [{ keep: 3 }] } } },
        }),
      ),
    ).rejects.toMatchObject({ argument: 'providerOptions.anthropic.contextManagement.edits[0]' });
    expect(fake.requests).toHaveLength(0);
  });

  it('counts tokens with the same conversion and no max_tokens', async () => {
    const { fake, client } = clientWith(jsonResponse({ input_tokens: 4321 }));
    const counted = await client.countTokens(
      request({ system: ['Be brief.'], tools: [lookupTool], cache: { system: '5m' } }),
    );
    expect(counted).toBe(4321);
    expect(fake.requests[0]?.url.pathname).toBe('/v1/messages/count_tokens');
    expect(fake.lastBody()).toEqual({
      model: 'claude-sonnet-4-6',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Does the ledger balance?' }] }],
      system: [
        { type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral', ttl: '5m' } },
      ],
      tools: [
        {
          name: 'lookup',
          description: 'Finds an invoice.',
          input_schema: lookupTool.inputSchema,
        },
      ],
    });
  });

  it('counts a conversation with a compaction block through the beta endpoint, block verbatim', async () => {
    const { fake, client } = clientWith(jsonResponse({ input_tokens: 950 }));
    const block = compactionMessage.content[0] as Record<string, unknown>;
    const counted = await client.countTokens(
      request({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Go on.' }] },
          {
            role: 'assistant',
            content: [{ type: 'provider-block', provider: 'anthropic', block }],
          },
          { role: 'user', content: [{ type: 'text', text: 'Next.' }] },
        ],
      }),
    );
    expect(counted).toBe(950);
    expect(fake.requests[0]?.url.pathname).toBe('/v1/messages/count_tokens');
    // The SDK adds its own token-counting beta.
    expect(fake.requests[0]?.headers.get('anthropic-beta')?.split(',')).toContain(
      'compact-2026-01-12',
    );
    const messages = fake.lastBody()['messages'] as { content: unknown[] }[];
    expect(messages[1]?.content).toEqual([block]);
  });

  it('is a v1 ModelClient of provider anthropic whose bound needs no network', () => {
    const { fake, client } = clientWith(jsonResponse(textMessage));
    expect(client.specificationVersion).toBe('v1');
    expect(client.provider).toBe('anthropic');
    expect(client.boundInputTokens(request())).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(0);
    // The SDK client, which holds the key, stays out of reach.
    expect(JSON.stringify(client)).not.toContain(apiKey);
    expect(Object.values(client).some((value) => value instanceof Anthropic)).toBe(false);
  });
});

describe('createAnthropicClient: settings', () => {
  const ready = new Anthropic({ apiKey, baseURL });

  it.each([
    ['apiKey', { apiKey }],
    ['baseURL', { baseURL }],
    ['fetch', { fetch: globalThis.fetch }],
    ['timeout', { timeout: 1000 }],
  ])('refuses client together with %s, naming the option', (option, extra) => {
    const settings = { client: ready, ...extra } as unknown as Parameters<
      typeof createAnthropicClient
    >[0];
    expect(() => createAnthropicClient(settings)).toThrow(InvalidArgumentError);
    try {
      createAnthropicClient(settings);
    } catch (error) {
      expect(error).toMatchObject({ argument: option });
      expect((error as Error).message).toContain(option);
      expect((error as Error).message).toContain('cannot be combined with client');
      expect(JSON.stringify(error)).not.toContain(apiKey);
      expect((error as Error).message).not.toContain(apiKey);
    }
  });

  it.each([
    [{ baseURL: 'not a url' }, 'baseURL'],
    [{ timeout: -5 }, 'timeout'],
    [{ timeout: Number.NaN }, 'timeout'],
    [{ fetch: 'fetch' }, 'fetch'],
    [{ apiKey: '' }, 'apiKey'],
    [{ client: { apiKey } }, 'client'],
    [{ maxRetries: 2 }, 'maxRetries'],
    [{ apiKye: apiKey }, 'apiKye'],
  ])('refuses %j, naming %s, without echoing a key', (settings, option) => {
    const build = () =>
      createAnthropicClient(settings as unknown as Parameters<typeof createAnthropicClient>[0]);
    expect(build).toThrow(InvalidArgumentError);
    expect(build).toThrow(`Invalid ${option}:`);
    try {
      build();
    } catch (error) {
      expect(JSON.stringify(error)).not.toContain(apiKey);
      expect((error as Error).message).not.toContain(apiKey);
    }
  });

  it('uses a ready client as it is, but with maxRetries 0 on every call', async () => {
    const fake = createFakeFetch(
      jsonResponse(
        { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
        { status: 529 },
      ),
    );
    // This client would retry five times on its own.
    const own = new Anthropic({ apiKey, baseURL, fetch: fake.fetch, maxRetries: 5 });
    const client = createAnthropicClient({ client: own });
    await expect(client.complete(request())).rejects.toMatchObject({
      name: 'ProviderApiError',
      statusCode: 529,
      isRetryable: true,
    });
    await expect(client.countTokens(request())).rejects.toMatchObject({ statusCode: 529 });
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]?.headers.get('authorization')).toBe(`Bearer ${apiKey}`);
  });
});
