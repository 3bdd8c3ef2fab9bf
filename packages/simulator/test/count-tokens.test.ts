import type Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { countPrompt, longText, type PromptParams } from './support/prompt-text';
import { closeSimulators, startSimulator } from './support/start-simulator';
import { promptTotal } from './support/wire-usage';

afterEach(closeSimulators);

const model = 'claude-sonnet-4-6';
const ephemeral = { type: 'ephemeral' } as const;
const tinyPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const tools: Anthropic.Tool[] = [
  {
    name: 'read_ledger',
    description: 'Reads one page of the ledger.',
    input_schema: {
      type: 'object',
      properties: { page: { type: 'integer' }, account: { type: 'string' } },
      required: ['page'],
    },
  },
  {
    name: 'file_report',
    description: longText('report-tool', 80),
    input_schema: { type: 'object', properties: { title: { type: 'string' } } },
    cache_control: ephemeral,
  },
];

const shapes: { name: string; params: PromptParams }[] = [
  {
    name: 'a plain string message',
    params: { model, messages: [{ role: 'user', content: 'How much did we spend in March?' }] },
  },
  {
    name: 'tools with a cached last tool',
    params: { model, tools, messages: [{ role: 'user', content: 'Open page 3.' }] },
  },
  {
    name: 'system blocks, one cached',
    params: {
      model,
      system: [
        { type: 'text', text: longText('system-a', 90), cache_control: ephemeral },
        { type: 'text', text: 'Answer in one paragraph.' },
      ],
      messages: [{ role: 'user', content: 'Summarise.' }],
    },
  },
  {
    name: 'tool_use and tool_result turns',
    params: {
      model,
      tools,
      system: longText('system-b', 30),
      messages: [
        { role: 'user', content: 'Read pages 1 and 2.' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Reading both pages.' },
            { type: 'tool_use', id: 'toolu_1', name: 'read_ledger', input: { page: 1 } },
            { type: 'tool_use', id: 'toolu_2', name: 'read_ledger', input: { page: 2 } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: longText('page-1', 20) },
            {
              type: 'tool_result',
              tool_use_id: 'toolu_2',
              content: [{ type: 'text', text: longText('page-2', 20) }],
              cache_control: ephemeral,
            },
          ],
        },
      ],
    },
  },
  {
    name: 'images',
    params: {
      model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: tinyPng } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/receipt.png' } },
            { type: 'text', text: 'What do these receipts total?' },
          ],
        },
      ],
    },
  },
  {
    name: 'top-level cache_control',
    params: {
      model,
      system: longText('system-c', 90),
      messages: [{ role: 'user', content: 'Go.' }],
      cache_control: ephemeral,
    },
  },
];

describe('count_tokens', () => {
  it.each(shapes)(
    '$name: equals input + cache writes + cache reads of the billed request',
    async ({ params }) => {
      const { client } = await startSimulator({ latency: { mode: 'zero' } });
      const counted = await countPrompt(client, params);
      expect(counted).toBeGreaterThan(0);

      // The first request may write the cache, the second may read it: the
      // split changes, the total does not.
      const first = await client.messages.create({ ...params, max_tokens: 32 });
      const second = await client.messages.create({ ...params, max_tokens: 32 });
      expect(promptTotal(first.usage)).toBe(counted);
      expect(promptTotal(second.usage)).toBe(counted);
    },
  );

  it('grows with the content: two images count more than one', async () => {
    const { client } = await startSimulator();
    const image: Anthropic.ImageBlockParam = {
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: tinyPng },
    };
    const one = await countPrompt(client, {
      model,
      messages: [{ role: 'user', content: [image, { type: 'text', text: 'Total?' }] }],
    });
    const two = await countPrompt(client, {
      model,
      messages: [{ role: 'user', content: [image, image, { type: 'text', text: 'Total?' }] }],
    });
    expect(two).toBeGreaterThan(one);
  });

  it('is free: counting bills nothing', async () => {
    const { client, simulator } = await startSimulator();
    await countPrompt(client, shapes[0]?.params ?? { model, messages: [] });
    expect(simulator.invoice().lines).toEqual([]);
  });
});
