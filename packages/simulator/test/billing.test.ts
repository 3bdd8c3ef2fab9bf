import type Anthropic from '@anthropic-ai/sdk';
import { BadRequestError } from '@anthropic-ai/sdk';
import { cost } from '@bursar/core/pricing';
import { afterEach, describe, expect, it } from 'vitest';
import { countPrompt, longText } from './support/prompt-text';
import { closeSimulators, startSimulator } from './support/start-simulator';
import { usageFromWire } from './support/wire-usage';

afterEach(closeSimulators);

// Prices from API-FACTS.md in nano-dollars per token: $1 per million tokens
// is 1,000 nano-dollars a token, so every figure below is a whole number.
const nanodollarsPerToken = (dollarsPerMillion: number): number => dollarsPerMillion * 1000;

const question: Anthropic.MessageParam[] = [
  { role: 'user', content: 'Estimate the travel budget for the quarter.' },
];

describe('billing', () => {
  it('bills fast mode at the fast prices (opus-5-5: $8 in, $40 out)', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    const params: Anthropic.MessageCreateParamsNonStreaming = {
      model: 'claude-opus-5-5',
      max_tokens: 200,
      speed: 'fast',
      messages: question,
    };
    const prompt = await countPrompt(client, params);
    const message = await client.messages.create(params);
    expect(message.usage.speed).toBe('fast');
    expect(message.usage.input_tokens).toBe(prompt);

    const expected =
      prompt * nanodollarsPerToken(8) + message.usage.output_tokens * nanodollarsPerToken(40);
    const [line] = simulator.invoice().lines;
    expect(line?.speed).toBe('fast');
    expect(line?.cost).toBe(expected);
    expect(line?.cost).toBe(
      cost(usageFromWire(message.usage), 'claude-opus-5-5', { speed: 'fast' }),
    );
  });

  it('refuses fast mode on a model without it (400)', async () => {
    const { client } = await startSimulator({ latency: { mode: 'zero' } });
    const attempt = client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 20,
      speed: 'fast',
      messages: question,
    });
    await expect(attempt).rejects.toBeInstanceOf(BadRequestError);
  });

  it('does not share the cache between speeds, and diagnoses it as model_changed', async () => {
    const { client } = await startSimulator({ latency: { mode: 'zero' } });
    const params: Anthropic.MessageCreateParamsNonStreaming = {
      model: 'claude-opus-5-5',
      max_tokens: 20,
      system: [{ type: 'text', text: longText('speed', 60), cache_control: { type: 'ephemeral' } }],
      messages: question,
    };
    const standard = await client.messages.create(params);
    const written = standard.usage.cache_creation_input_tokens ?? 0;
    expect(written).toBeGreaterThanOrEqual(512);

    const fast = await client.messages.create({
      ...params,
      speed: 'fast',
      diagnostics: { previous_message_id: standard.id },
    });
    expect(fast.usage.cache_read_input_tokens).toBe(0);
    expect(fast.usage.cache_creation_input_tokens).toBe(written);
    expect(fast.diagnostics?.cache_miss_reason).toEqual({
      type: 'model_changed',
      cache_missed_input_tokens: written,
    });
  });

  it('adds 10% for inference_geo "us" on a 4.6 model', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    const params: Anthropic.MessageCreateParamsNonStreaming = {
      model: 'claude-sonnet-4-6',
      max_tokens: 200,
      inference_geo: 'us',
      messages: question,
    };
    const prompt = await countPrompt(client, params);
    const message = await client.messages.create(params);
    expect(message.usage.inference_geo).toBe('us');

    const base =
      prompt * nanodollarsPerToken(3) + message.usage.output_tokens * nanodollarsPerToken(15);
    // 1.1 times, rounded up once to a whole nano-dollar.
    const expected = Math.ceil((base * 11) / 10);
    const [line] = simulator.invoice().lines;
    expect(line?.inferenceGeo).toBe('us');
    expect(line?.cost).toBe(expected);
  });

  // The long prompt is 127,124 tokens (about 0.5 MB of JSON), counted and sent
  // twice: 4.8 s for this test alone at a load average of 15 on 2 cores (npx
  // vitest run --project simulator test/billing.test.ts -t haiku-5-5), with no
  // wait in it (zero latency, virtual clock). 30 s, not the default 5 s.
  it(
    'bills a haiku-5-5 prompt over 100k tokens wholly at the long-context prices',
    { timeout: 30_000 },
    async () => {
      const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
      const short: Anthropic.MessageCreateParamsNonStreaming = {
        model: 'claude-haiku-5-5',
        max_tokens: 100,
        messages: question,
      };
      const long: Anthropic.MessageCreateParamsNonStreaming = {
        ...short,
        system: longText('long-context', 7400),
      };
      const shortPrompt = await countPrompt(client, short);
      const longPrompt = await countPrompt(client, long);
      expect(shortPrompt).toBeLessThanOrEqual(100_000);
      expect(longPrompt).toBeGreaterThan(100_000);

      const shortMessage = await client.messages.create(short);
      const longMessage = await client.messages.create(long);
      const [shortLine, longLine] = simulator.invoice().lines;
      // Under the threshold: $0.10 in, $0.50 out. Over it: $0.50 in, $2.50 out.
      expect(shortLine?.cost).toBe(
        shortPrompt * nanodollarsPerToken(0.1) +
          shortMessage.usage.output_tokens * nanodollarsPerToken(0.5),
      );
      expect(longLine?.cost).toBe(
        longPrompt * nanodollarsPerToken(0.5) +
          longMessage.usage.output_tokens * nanodollarsPerToken(2.5),
      );
    },
  );

  it('refuses fast mode inside a batch as an errored result, unbilled', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    const batch = await client.messages.batches.create({
      requests: [
        {
          custom_id: 'fast',
          params: { model: 'claude-opus-5-5', max_tokens: 20, speed: 'fast', messages: question },
        },
      ],
    });
    await client.messages.batches.retrieve(batch.id);
    const results = [];
    for await (const line of await client.messages.batches.results(batch.id)) results.push(line);
    expect(results).toHaveLength(1);
    expect(results[0]?.result.type).toBe('errored');
    expect(simulator.invoice().lines).toEqual([]);
  });
});
