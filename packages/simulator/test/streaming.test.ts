import type Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { longText } from './support/prompt-text';
import { parseServerSentEvents, type ServerSentEvent } from './support/server-sent-events';
import { fetchStream } from './support/server-sent-events';
import { closeSimulators, startSimulator } from './support/start-simulator';

afterEach(closeSimulators);

const seed = 'streaming-seed';

// A cached system prompt, so the stream's usage carries cache fields too.
const proseRequest: Anthropic.MessageCreateParamsNonStreaming = {
  model: 'claude-sonnet-4-6',
  max_tokens: 400,
  system: [{ type: 'text', text: longText('stream', 90), cache_control: { type: 'ephemeral' } }],
  messages: [{ role: 'user', content: 'Describe the quarter in a few sentences.' }],
};

const toolRequest: Anthropic.MessageCreateParamsNonStreaming = {
  model: 'claude-sonnet-4-6',
  max_tokens: 400,
  tools: [
    {
      name: 'file_expense',
      description: 'Files one expense line.',
      input_schema: {
        type: 'object',
        properties: {
          vendor: { type: 'string' },
          amount_cents: { type: 'integer' },
          category: { type: 'string', enum: ['travel', 'meals', 'software'] },
          notes: { type: 'string' },
        },
        required: ['vendor', 'amount_cents', 'category', 'notes'],
      },
    },
  ],
  tool_choice: { type: 'tool', name: 'file_expense' },
  messages: [{ role: 'user', content: 'File the taxi from the airport.' }],
};

/**
 * Checks the API's event grammar: message_start, ping, then for each block
 * in index order content_block_start, one or more content_block_delta and
 * content_block_stop, then message_delta and message_stop, and nothing else.
 * Returns the deltas of each block.
 */
function checkEventOrder(events: readonly ServerSentEvent[]): Record<string, unknown>[][] {
  const names = events.map(({ event }) => event);
  for (const { event, data } of events) expect(data['type']).toBe(event);
  expect(names.slice(0, 2)).toEqual(['message_start', 'ping']);
  expect(names.slice(-2)).toEqual(['message_delta', 'message_stop']);

  const deltasByBlock: Record<string, unknown>[][] = [];
  let cursor = 2;
  while (cursor < events.length - 2) {
    const start = events[cursor];
    const blockIndex = deltasByBlock.length;
    expect(start?.event).toBe('content_block_start');
    expect(start?.data['index']).toBe(blockIndex);
    cursor += 1;
    const deltas: Record<string, unknown>[] = [];
    while (events[cursor]?.event === 'content_block_delta') {
      expect(events[cursor]?.data['index']).toBe(blockIndex);
      deltas.push(events[cursor]?.data['delta'] as Record<string, unknown>);
      cursor += 1;
    }
    expect(deltas.length).toBeGreaterThan(0);
    expect(events[cursor]?.event).toBe('content_block_stop');
    expect(events[cursor]?.data['index']).toBe(blockIndex);
    cursor += 1;
    deltasByBlock.push(deltas);
  }
  expect(cursor).toBe(events.length - 2);
  return deltasByBlock;
}

describe('streaming', () => {
  it("the SDK stream's final message equals the non-streamed response (a write, then a read)", async () => {
    const whole = await startSimulator({ seed });
    const streamed = await startSimulator({ seed });

    const created = [
      await whole.client.messages.create(proseRequest),
      await whole.client.messages.create(proseRequest),
    ];
    const finals: Anthropic.Message[] = [];
    for (let turn = 0; turn < 2; turn += 1) {
      const stream = streamed.client.messages.stream(proseRequest);
      let text = '';
      stream.on('text', (delta) => {
        text += delta;
      });
      const final = await stream.finalMessage();
      const [block] = final.content;
      expect(block?.type === 'text' ? block.text : undefined).toBe(text);
      finals.push(final);
    }

    // The first turn writes the system prompt, the second reads it.
    expect(created[0]?.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(created[1]?.usage.cache_read_input_tokens).toBeGreaterThan(0);
    for (const [turn, final] of finals.entries()) {
      const reference = created[turn];
      expect(final.usage).toEqual(reference?.usage);
      expect(final.content).toEqual(reference?.content);
      expect(final.stop_reason).toBe(reference?.stop_reason);
      expect(final.id).toBe(reference?.id);
    }
    // Both simulators billed the same.
    expect(streamed.simulator.invoice().total).toBe(whole.simulator.invoice().total);
  });

  it('sends the raw events in order, with cumulative usage in message_delta', async () => {
    const whole = await startSimulator({ seed });
    const streamed = await startSimulator({ seed });
    const reference = await whole.client.messages.create(proseRequest);

    const { response, text } = await fetchStream(streamed.url, { ...proseRequest });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    const events = parseServerSentEvents(text);
    const deltasByBlock = checkEventOrder(events);

    expect(deltasByBlock).toHaveLength(reference.content.length);
    const [referenceBlock] = reference.content;
    const joined = (deltasByBlock[0] ?? [])
      .map((delta) => {
        expect(delta['type']).toBe('text_delta');
        return String(delta['text']);
      })
      .join('');
    expect(joined).toBe(referenceBlock?.type === 'text' ? referenceBlock.text : undefined);

    const start = events[0]?.data['message'] as Anthropic.Message;
    expect(start.content).toEqual([]);
    expect(start.stop_reason).toBeNull();
    expect(start.usage).toMatchObject({
      input_tokens: reference.usage.input_tokens,
      cache_creation_input_tokens: reference.usage.cache_creation_input_tokens,
      cache_read_input_tokens: reference.usage.cache_read_input_tokens,
      cache_creation: reference.usage.cache_creation,
    });

    const messageDelta = events.at(-2)?.data as {
      delta: { stop_reason: string };
      usage: Anthropic.MessageDeltaUsage;
    };
    expect(messageDelta.delta.stop_reason).toBe(reference.stop_reason);
    // Cumulative totals of the whole message, not increments.
    expect(messageDelta.usage).toMatchObject({
      output_tokens: reference.usage.output_tokens,
      input_tokens: reference.usage.input_tokens,
      cache_creation_input_tokens: reference.usage.cache_creation_input_tokens,
      cache_read_input_tokens: reference.usage.cache_read_input_tokens,
    });
  });

  it('streams a tool call as input_json_delta chunks that join to the final input', async () => {
    const whole = await startSimulator({ seed });
    const streamed = await startSimulator({ seed });
    const reference = await whole.client.messages.create(toolRequest);
    const [referenceBlock] = reference.content;
    if (referenceBlock?.type !== 'tool_use') throw new Error('expected a forced tool call');
    expect(reference.stop_reason).toBe('tool_use');

    const { text } = await fetchStream(streamed.url, { ...toolRequest });
    const events = parseServerSentEvents(text);
    const [deltas = []] = checkEventOrder(events);
    expect(events[2]?.data['content_block']).toEqual({
      type: 'tool_use',
      id: referenceBlock.id,
      name: 'file_expense',
      input: {},
    });
    expect(deltas.length).toBeGreaterThan(1);
    const partials = deltas.map((delta) => {
      expect(delta['type']).toBe('input_json_delta');
      return String(delta['partial_json']);
    });
    expect(JSON.parse(partials.join(''))).toEqual(referenceBlock.input);
    expect((events.at(-2)?.data['delta'] as { stop_reason: string }).stop_reason).toBe('tool_use');

    // The SDK assembles the same input from those chunks.
    const viaSdk = await streamed.client.messages.stream(toolRequest).finalMessage();
    expect(viaSdk.content).toEqual(reference.content);
  });
});
