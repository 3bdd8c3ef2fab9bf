import type Anthropic from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  countPrefixBeforeMessages,
  countPrompt,
  longText,
  type PromptParams,
} from './support/prompt-text';
import { promptUsage, promptUsageOf, type PromptUsage } from './support/prompt-usage';
import { closeSimulators, startSimulator, type StartedSimulator } from './support/start-simulator';

const ephemeral = { type: 'ephemeral' } as const;

// Every section is cacheable on its own: tools (breakpoint on the last tool),
// system (breakpoint on its block) and messages (breakpoint on the last block).
// Each section is well past claude-sonnet-4-6's 1,024-token minimum.
function toolsWith(tag: string): Anthropic.Tool[] {
  return [
    {
      name: 'read_ledger',
      description: longText(`${tag}-read`, 45),
      input_schema: { type: 'object', properties: { page: { type: 'integer' } } },
    },
    {
      name: 'file_report',
      description: longText(`${tag}-file`, 45),
      input_schema: { type: 'object', properties: { title: { type: 'string' } } },
      cache_control: ephemeral,
    },
  ];
}

const tinyPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const base: PromptParams = {
  model: 'claude-sonnet-4-6',
  tools: toolsWith('tools'),
  tool_choice: { type: 'auto' },
  system: [{ type: 'text', text: longText('system', 80), cache_control: ephemeral }],
  messages: [
    {
      role: 'user',
      content: [{ type: 'text', text: longText('question', 80), cache_control: ephemeral }],
    },
  ],
};

/** The prefix sizes of a request: through the tools, through the system, the whole prompt. */
async function prefixesOf(client: Anthropic, params: PromptParams) {
  const { model, tools, system } = params;
  return {
    tools: await countPrefixBeforeMessages(client, { model, tools }),
    system: await countPrefixBeforeMessages(client, { model, tools, system }),
    total: await countPrompt(client, params),
  };
}

async function create(
  client: Anthropic,
  params: PromptParams,
  previousMessageId?: string | null,
): Promise<Anthropic.Message> {
  return client.messages.create({
    ...params,
    max_tokens: 32,
    ...(previousMessageId === undefined
      ? {}
      : { diagnostics: { previous_message_id: previousMessageId } }),
  });
}

let started: StartedSimulator;
let baseMessage: Anthropic.Message;
let basePrefixes: Awaited<ReturnType<typeof prefixesOf>>;

beforeEach(async () => {
  started = await startSimulator({ latency: { mode: 'zero' } });
  basePrefixes = await prefixesOf(started.client, base);
  baseMessage = await create(started.client, base);
});
afterEach(closeSimulators);

interface Change {
  readonly name: string;
  readonly params: PromptParams;
  /** What the changed request reads, given the base request's prefixes. */
  readonly read: (prefixes: { tools: number; system: number; total: number }) => number;
}

const changes: Change[] = [
  {
    name: 'changing the tools loses everything',
    params: { ...base, tools: toolsWith('other-tools') },
    read: () => 0,
  },
  {
    name: 'changing the system loses system and messages, keeps the tools',
    params: {
      ...base,
      system: [{ type: 'text', text: longText('other-system', 80), cache_control: ephemeral }],
    },
    read: (prefixes) => prefixes.tools,
  },
  {
    name: 'changing tool_choice loses the messages only',
    params: { ...base, tool_choice: { type: 'none' } },
    read: (prefixes) => prefixes.system,
  },
  {
    name: 'changing the model loses everything',
    params: { ...base, model: 'claude-opus-4-8' },
    read: () => 0,
  },
  {
    name: 'adding an image to the messages loses the messages only',
    params: {
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: tinyPng } },
            { type: 'text', text: longText('question', 80), cache_control: ephemeral },
          ],
        },
      ],
    },
    read: (prefixes) => prefixes.system,
  },
];

describe('cache invalidation', () => {
  it('the base request writes its whole prompt in three segments', () => {
    expect(promptUsageOf(baseMessage.usage)).toEqual(promptUsage({ write5m: basePrefixes.total }));
    // Each section passes the minimum on its own, so each breakpoint can write.
    expect(basePrefixes.tools).toBeGreaterThanOrEqual(1024);
    expect(basePrefixes.system - basePrefixes.tools).toBeGreaterThan(0);
    expect(basePrefixes.total - basePrefixes.system).toBeGreaterThan(0);
  });

  it('an identical request reads the whole prompt', async () => {
    const again = await create(started.client, base);
    expect(promptUsageOf(again.usage)).toEqual(promptUsage({ read: basePrefixes.total }));
  });

  it.each(changes)('$name', async ({ params, read }) => {
    const total = await countPrompt(started.client, params);
    const expectedRead = read(basePrefixes);
    const message = await create(started.client, params);
    const expected: PromptUsage = promptUsage({
      read: expectedRead,
      write5m: total - expectedRead,
    });
    expect(promptUsageOf(message.usage)).toEqual(expected);
  });
});

describe('cache diagnostics', () => {
  it.each([
    { type: 'tools_changed', change: changes[0] },
    { type: 'system_changed', change: changes[1] },
    { type: 'model_changed', change: changes[3] },
    { type: 'messages_changed', change: changes[4] },
  ])(
    'reports $type with the tokens the previous prefix would have saved',
    async ({ type, change }) => {
      if (change === undefined) throw new Error('no such change');
      const message = await create(started.client, change.params, baseMessage.id);
      const read = change.read(basePrefixes);
      expect(message.usage.cache_read_input_tokens).toBe(read);
      // The base request left its whole prompt cached; this one read `read` of it.
      expect(message.diagnostics).toEqual({
        cache_miss_reason: { type, cache_missed_input_tokens: basePrefixes.total - read },
      });
    },
  );

  // The SDK documents a change of tool_choice or thinking alone (model, system
  // and tools the same) under CacheMissUnavailable, not messages_changed
  // (resources/messages/messages.d.ts).
  it('reports unavailable when only tool_choice changed', async () => {
    const change = changes[2];
    if (change === undefined) throw new Error('no such change');
    const message = await create(started.client, change.params, baseMessage.id);
    expect(message.usage.cache_read_input_tokens).toBe(basePrefixes.system);
    expect(message.diagnostics).toEqual({ cache_miss_reason: { type: 'unavailable' } });
  });

  it('reports null when nothing was missed', async () => {
    const message = await create(started.client, base, baseMessage.id);
    expect(message.usage.cache_read_input_tokens).toBe(basePrefixes.total);
    expect(message.diagnostics).toEqual({ cache_miss_reason: null });
  });

  it('reports null on a first turn that names no previous message', async () => {
    const message = await create(started.client, base, null);
    expect(message.diagnostics).toEqual({ cache_miss_reason: null });
  });

  it('reports previous_message_not_found for an unknown id', async () => {
    const message = await create(started.client, base, 'msg_01UnknownUnknownUnknown');
    expect(message.diagnostics).toEqual({
      cache_miss_reason: { type: 'previous_message_not_found' },
    });
  });

  it('reports unavailable when the same prompt finds its entry expired', async () => {
    started.simulator.clock.advanceBy(5 * 60_000 + 1);
    const message = await create(started.client, base, baseMessage.id);
    expect(message.usage.cache_read_input_tokens).toBe(0);
    expect(message.diagnostics).toEqual({ cache_miss_reason: { type: 'unavailable' } });
  });

  it('leaves diagnostics null when the request does not ask for them', () => {
    expect(baseMessage.diagnostics).toBeNull();
  });
});
