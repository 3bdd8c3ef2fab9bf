import { createAnthropic } from '@ai-sdk/anthropic';
import { generateText, jsonSchema, stepCountIs, streamText, tool, type ModelMessage } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from './support/simulator-server';

// The AI SDK's Anthropic provider (ai 6.0.333 with @ai-sdk/anthropic 3.0.140, the
// majors that run on Node 20) runs its own multi-step tool loop against the
// simulator over HTTP: adaptive thinking, a per-turn system message in the
// conversation, a cached system prompt. Each step's reported usage is the
// invoice line of that step's request.

let server: SimulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const tools = {
  lookup_invoice: tool({
    description: 'Looks an invoice up by number.',
    inputSchema: jsonSchema<{ number: number }>({
      type: 'object',
      properties: { number: { type: 'integer', minimum: 1 } },
      required: ['number'],
    }),
    execute: ({ number }) => `invoice ${String(number)} was paid on 2026-11-02`,
  }),
};

const messages: ModelMessage[] = [
  {
    role: 'system',
    content: 'You reconcile invoices. '.repeat(150),
    providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } },
  },
  { role: 'user', content: 'Was invoice 42 paid?' },
  { role: 'assistant', content: 'Let me check.' },
  { role: 'system', content: 'Answer in one sentence.' },
  { role: 'user', content: 'Go ahead.' },
];

const providerOptions = {
  anthropic: { thinking: { type: 'adaptive' as const }, effort: 'low' as const },
};

describe("the AI SDK's Anthropic provider against the simulator over HTTP", () => {
  it('runs a generateText tool loop; each step reports what its invoice line bills', async () => {
    server = await startSimulatorServer('ai-sdk');
    const anthropic = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'sim-fake-key' });
    const result = await generateText({
      model: anthropic('claude-opus-5-5'),
      messages,
      tools,
      providerOptions,
      stopWhen: stepCountIs(6),
      // The AI SDK retries twice by default; a failed call must fail the test instead.
      maxRetries: 0,
    });
    const steps = result.steps;
    expect(steps.length).toBeGreaterThan(1);
    expect(steps.flatMap((step) => step.toolCalls.map((call) => call.toolName))).toContain(
      'lookup_invoice',
    );
    expect(steps.at(-1)?.finishReason).toBe('stop');

    const { lines } = await server.invoice();
    expect(lines.map((line) => line.id)).toEqual(steps.map((step) => step.response.id));
    steps.forEach((step, index) => {
      const line = lines[index];
      if (line === undefined) throw new Error(`no invoice line for step ${String(index)}`);
      const prompt = line.usage.input + line.usage.cacheRead + line.usage.cacheWrite5m;
      expect(step.usage.inputTokens).toBe(prompt);
      expect(step.usage.inputTokenDetails.noCacheTokens).toBe(line.usage.input);
      expect(step.usage.inputTokenDetails.cacheReadTokens).toBe(line.usage.cacheRead);
      expect(step.usage.inputTokenDetails.cacheWriteTokens).toBe(line.usage.cacheWrite5m);
      expect(step.usage.outputTokens).toBe(line.usage.output);
      // Thinking came back as reasoning and was billed as output.
      expect(step.reasoning.length).toBeGreaterThan(0);
    });
    expect(lines.some((line) => line.usage.cacheRead > 0)).toBe(true);
    expect(result.totalUsage.outputTokens).toBe(
      lines.reduce((total, line) => total + line.usage.output, 0),
    );
  });

  it('streams the same loop with streamText, usage equal to the invoice', async () => {
    server = await startSimulatorServer('ai-sdk-stream');
    const anthropic = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'sim-fake-key' });
    const result = streamText({
      model: anthropic('claude-opus-5-5'),
      messages,
      tools,
      providerOptions,
      stopWhen: stepCountIs(6),
      maxRetries: 0,
    });
    const steps = await result.steps;
    expect(steps.length).toBeGreaterThan(1);
    const { lines } = await server.invoice();
    expect(lines.map((line) => line.id)).toEqual(steps.map((step) => step.response.id));
    expect(steps.map((step) => step.usage.outputTokens)).toEqual(
      lines.map((line) => line.usage.output),
    );
    expect(steps.map((step) => step.usage.inputTokens)).toEqual(
      lines.map((line) => line.usage.input + line.usage.cacheRead + line.usage.cacheWrite5m),
    );
  });
});
