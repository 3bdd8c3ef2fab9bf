import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatorServer, sum, type SimulatorServer } from './support/simulator-server';

// The official TypeScript SDK (@anthropic-ai/sdk 1.17.0, the newest 1.x) runs a
// tool loop against the simulator over HTTP, streamed, with adaptive thinking, a
// web search server tool and a cache breakpoint, the way an agent built on it
// does. Every usage it reports is compared with the simulator's invoice.

let server: SimulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const tools: Anthropic.Beta.BetaToolUnion[] = [
  {
    name: 'lookup_invoice',
    description: 'Looks an invoice up by number.',
    input_schema: {
      type: 'object',
      properties: { number: { type: 'integer', minimum: 1 } },
      required: ['number'],
    },
  },
  { type: 'web_search_20250305', name: 'web_search', max_uses: 2 },
];

describe('the official SDK against the simulator over HTTP', () => {
  it('runs a streamed, thinking, tool-using loop whose reported usage is the invoice', async () => {
    server = await startSimulatorServer('official-sdk');
    const client = new Anthropic({ apiKey: 'sim-fake-key', baseURL: server.url, maxRetries: 0 });
    const messages: Anthropic.Beta.BetaMessageParam[] = [];
    const responses: Anthropic.Beta.BetaMessage[] = [];
    const questions = ['Was invoice 42 paid? Check, then answer.', 'And invoice 43?', 'Any news?'];
    for (const question of questions) {
      messages.push({ role: 'user', content: question });
      // The agent loop: call until the model stops asking for tools (bounded).
      for (let turn = 0; turn < 4; turn += 1) {
        const stream = client.beta.messages.stream({
          model: 'claude-opus-5-5',
          max_tokens: 4_096,
          thinking: { type: 'adaptive' },
          output_config: { effort: 'low' },
          context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
          betas: ['context-management-2025-06-27', 'effort-2025-11-24'],
          system: [
            {
              type: 'text',
              text: 'You reconcile invoices. '.repeat(200),
              cache_control: { type: 'ephemeral' },
            },
          ],
          tools,
          messages,
        });
        const message = await stream.finalMessage();
        responses.push(message);
        messages.push({ role: 'assistant', content: message.content });
        const calls = message.content.filter((block) => block.type === 'tool_use');
        if (message.stop_reason !== 'tool_use') break;
        messages.push({
          role: 'user',
          content: calls.map((call) => ({
            type: 'tool_result' as const,
            tool_use_id: call.id,
            content: 'paid on 2026-11-02',
          })),
        });
      }
    }

    // Several turns, client tool calls and a server search among them, each loop ending in text.
    expect(responses.length).toBeGreaterThan(questions.length);
    expect(responses.some((message) => message.stop_reason === 'tool_use')).toBe(true);
    expect(responses.some((message) => message.usage.server_tool_use !== null)).toBe(true);
    expect(responses.filter((message) => message.stop_reason === 'end_turn')).toHaveLength(
      questions.length,
    );
    expect(responses.every((message) => message.content[0]?.type === 'thinking')).toBe(true);

    const invoice = await server.invoice();
    expect(invoice.lines.map((line) => line.id)).toEqual(responses.map((message) => message.id));
    invoice.lines.forEach((line, index) => {
      const usage = responses[index]?.usage;
      expect(usage?.input_tokens).toBe(line.usage.input);
      expect(usage?.cache_creation_input_tokens).toBe(line.usage.cacheWrite5m);
      expect(usage?.cache_read_input_tokens).toBe(line.usage.cacheRead);
      expect(usage?.output_tokens).toBe(line.usage.output);
      expect(usage?.server_tool_use?.web_search_requests ?? 0).toBe(
        line.serverToolUse?.webSearchRequests ?? 0,
      );
    });
    expect(sum(responses, (message) => message.usage.cache_read_input_tokens ?? 0)).toBeGreaterThan(
      0,
    );
    expect(
      sum(responses, (message) => message.usage.output_tokens_details?.thinking_tokens ?? 0),
    ).toBeGreaterThan(0);
  });

  it('bills a web search the SDK reports: $0.01 on top of the tokens', async () => {
    server = await startSimulatorServer('official-sdk-search');
    const client = new Anthropic({ apiKey: 'sim-fake-key', baseURL: server.url, maxRetries: 0 });
    const message = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 1_024,
      tools: [{ type: 'web_search_20250305', name: 'web_search' }],
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'What is new this week?' }],
    });
    expect(message.usage.server_tool_use).toEqual({
      web_search_requests: 1,
      web_fetch_requests: 0,
    });
    expect(message.content.map((block) => block.type)).toEqual([
      'server_tool_use',
      'web_search_tool_result',
      'text',
    ]);
    const [line] = (await server.invoice()).lines;
    expect(line?.serverToolUse).toEqual({ webSearchRequests: 1, webFetchRequests: 0 });
    expect(line?.serverToolCost).toBe(10_000_000);
  });
});
