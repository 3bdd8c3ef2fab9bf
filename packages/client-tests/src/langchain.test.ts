import { ChatAnthropic } from '@langchain/anthropic';
import {
  HumanMessage,
  SystemMessage,
  ToolMessage,
  type BaseMessage,
  type UsageMetadata,
} from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import * as z from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from './support/simulator-server';

// LangChain's ChatAnthropic (@langchain/anthropic 1.5.11 on @langchain/core 1.3.5)
// runs a tool-calling loop against the simulator over HTTP, the way a LangChain
// agent does: bindTools, invoke, run the calls, send ToolMessages back. Its
// `usage_metadata` (input = uncached + cache writes + cache reads) is compared
// with each request's invoice line.

let server: SimulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const lookupInvoice = tool(({ number }) => `invoice ${String(number)} was paid on 2026-11-02`, {
  name: 'lookup_invoice',
  description: 'Looks an invoice up by number.',
  schema: z.object({ number: z.number().int().min(1) }),
});

describe("LangChain's ChatAnthropic against the simulator over HTTP", () => {
  it('runs a tool loop over two questions; usage_metadata is each invoice line', async () => {
    server = await startSimulatorServer('langchain');
    const model = new ChatAnthropic({
      model: 'claude-sonnet-4-6',
      apiKey: 'sim-fake-key',
      anthropicApiUrl: server.url,
      maxTokens: 1_024,
      maxRetries: 0,
    }).bindTools([lookupInvoice]);

    const history: BaseMessage[] = [
      new SystemMessage({
        content: [
          {
            type: 'text',
            text: 'You reconcile invoices. '.repeat(300),
            cache_control: { type: 'ephemeral' },
          },
        ],
      }),
    ];
    const replies: Awaited<ReturnType<typeof model.invoke>>[] = [];
    for (const question of ['Was invoice 42 paid?', 'And invoice 43?']) {
      history.push(new HumanMessage(question));
      for (let turn = 0; turn < 4; turn += 1) {
        const reply = await model.invoke(history);
        replies.push(reply);
        history.push(reply);
        const calls = reply.tool_calls ?? [];
        if (calls.length === 0) break;
        for (const call of calls) {
          const output: unknown = await lookupInvoice.invoke(call.args as { number: number });
          history.push(new ToolMessage({ content: String(output), tool_call_id: call.id ?? '' }));
        }
      }
    }

    expect(replies.length).toBeGreaterThan(2);
    expect(replies.some((reply) => (reply.tool_calls ?? []).length > 0)).toBe(true);

    const { lines } = await server.invoice();
    expect(lines.map((line) => line.id)).toEqual(replies.map((reply) => reply.id));
    replies.forEach((reply, index) => {
      const line = lines[index];
      if (line === undefined) throw new Error(`no invoice line for reply ${String(index)}`);
      // @langchain/core 1.3's message generics infer `never` for this field under
      // exactOptionalPropertyTypes; the value is the documented UsageMetadata.
      const usage = (reply as unknown as { usage_metadata?: UsageMetadata }).usage_metadata;
      expect(usage?.input_tokens).toBe(
        line.usage.input + line.usage.cacheWrite5m + line.usage.cacheRead,
      );
      expect(usage?.input_token_details?.cache_read).toBe(line.usage.cacheRead);
      expect(usage?.input_token_details?.cache_creation).toBe(line.usage.cacheWrite5m);
      expect(usage?.output_tokens).toBe(line.usage.output);
    });
    expect(lines.some((line) => line.usage.cacheRead > 0)).toBe(true);
  });
});
