import type Anthropic from '@anthropic-ai/sdk';
import { RateLimitError } from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { countPrefixBeforeMessages, countPrompt, longText } from './support/prompt-text';
import { promptUsage, promptUsageOf } from './support/prompt-usage';
import { closeSimulators, startSimulator } from './support/start-simulator';

afterEach(closeSimulators);

const model = 'claude-sonnet-4-6';

describe('concurrency', () => {
  it('completes 1,000 concurrent requests over HTTP without an error', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    const messages = await Promise.all(
      Array.from({ length: 1000 }, (_, index) =>
        client.messages.create({
          model,
          max_tokens: 40,
          messages: [{ role: 'user', content: `Request ${index}: say something short.` }],
        }),
      ),
    );
    expect(messages).toHaveLength(1000);
    expect(new Set(messages.map((message) => message.id)).size).toBe(1000);
    const invoice = simulator.invoice();
    expect(invoice.lines).toHaveLength(1000);
    expect(invoice.total).toBe(invoice.lines.reduce((sum, line) => sum + line.cost, 0));
  });

  // Over HTTP, requests sent together arrive a few milliseconds apart: the
  // concurrency window keeps the first response from moving the virtual clock
  // until they have arrived, so both start at the same simulated time.
  it('two identical requests sent at once both write; a third, after them, reads', async () => {
    // Realistic latency: an entry becomes readable only when its writer's
    // response begins, which is after both requests arrived.
    const { client } = await startSimulator();
    const params: Anthropic.MessageCreateParamsNonStreaming = {
      model,
      max_tokens: 40,
      system: [{ type: 'text', text: longText('race', 100), cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'Summarise the rules.' }],
    };
    const prefix = await countPrefixBeforeMessages(client, { model, system: params.system });
    const total = await countPrompt(client, params);

    const pair = await Promise.all([
      client.messages.create(params),
      client.messages.create(params),
    ]);
    for (const message of pair) {
      expect(promptUsageOf(message.usage)).toEqual(
        promptUsage({ write5m: prefix, input: total - prefix }),
      );
    }
    const third = await client.messages.create(params);
    expect(promptUsageOf(third.usage)).toEqual(
      promptUsage({ read: prefix, input: total - prefix }),
    );
  });

  // Seen through time: a fan-out takes the simulated time of its slowest
  // branch, not the sum (docs/simulator.md, "Time and latency").
  it('five concurrent requests take the simulated time of one', async () => {
    const params: Anthropic.MessageCreateParamsNonStreaming = {
      model,
      max_tokens: 40,
      messages: [{ role: 'user', content: 'Say something short.' }],
    };
    const alone = await startSimulator();
    await alone.client.messages.create(params);
    const oneDuration = alone.simulator.clock.now();
    expect(oneDuration).toBeGreaterThan(0);

    const fanOut = await startSimulator();
    await Promise.all(Array.from({ length: 5 }, () => fanOut.client.messages.create(params)));
    expect(fanOut.simulator.clock.now()).toBe(oneDuration);
  });
});

describe('rate limits', () => {
  const params: Anthropic.MessageCreateParamsNonStreaming = {
    model,
    max_tokens: 40,
    messages: [{ role: 'user', content: 'Hello' }],
  };

  it('refuses the third request in a minute at 2 requests a minute, with retry-after', async () => {
    // Zero latency keeps all three requests at the same simulated instant.
    const { client, simulator } = await startSimulator({
      latency: { mode: 'zero' },
      rateLimits: { requestsPerMinute: 2 },
    });
    const first = await client.messages.create(params).withResponse();
    expect(first.response.headers.get('anthropic-ratelimit-requests-limit')).toBe('2');
    expect(first.response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('1');
    expect(first.response.headers.get('anthropic-ratelimit-requests-reset')).not.toBeNull();
    const second = await client.messages.create(params).withResponse();
    expect(second.response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');

    const refused = client.messages.create(params);
    await expect(refused).rejects.toBeInstanceOf(RateLimitError);
    const error = (await refused.catch((caught: unknown) => caught)) as RateLimitError;
    expect(error.status).toBe(429);
    expect(error.type).toBe('rate_limit_error');
    // The bucket refills 2 requests a minute: one request takes 30 seconds.
    expect(error.headers.get('retry-after')).toBe('30');
    expect(simulator.invoice().lines).toHaveLength(2);

    // After those 30 seconds one request fits again.
    simulator.clock.advanceBy(30_000);
    await expect(client.messages.create(params)).resolves.toMatchObject({ type: 'message' });
  });

  it('counts each API key separately', async () => {
    const { client, createClient } = await startSimulator({
      latency: { mode: 'zero' },
      rateLimits: { requestsPerMinute: 1 },
    });
    await client.messages.create(params);
    await expect(client.messages.create(params)).rejects.toBeInstanceOf(RateLimitError);
    const other = createClient({ apiKey: 'other-key' });
    await expect(other.messages.create(params)).resolves.toMatchObject({ type: 'message' });
  });
});
