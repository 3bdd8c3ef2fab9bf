import Anthropic, { BadRequestError, RateLimitError } from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { countPrefixBeforeMessages, countPrompt, longText } from './support/prompt-text';
import { promptUsage, promptUsageOf } from './support/prompt-usage';
import { closeSimulators, startSimulator } from './support/start-simulator';
import { createSimulator } from '../src/index';
import { simTimeHeaderName } from '../src/http/request-start';

afterEach(closeSimulators);

const model = 'claude-sonnet-4-6';

describe('concurrency', () => {
  // A load test, and the dearest one here: 1,000 requests through the SDK over
  // 1,000 sockets took 8.3 s of CPU cold and 5.5 s warm inside vitest (client
  // and server in one process; process.cpuUsage() around this Promise.all),
  // 23 s and 42 s of wall time at a load average of 10 to 13 on 2 cores. Its
  // time is its CPU, not a wait, so it gets two minutes instead of the default
  // 5 s; the other tests here keep the default.
  it(
    'completes 1,000 concurrent requests over HTTP without an error',
    { timeout: 120_000 },
    async () => {
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
    },
  );

  // Over HTTP nothing says which requests were sent together: arrival order
  // is the network's. A request that gives its start (x-bursar-sim-time) is
  // placed on the simulated clock whatever order it arrives in.
  it('two identical requests given the same start both write; a third, after them, reads', async () => {
    // Realistic latency: an entry becomes readable only when its writer's
    // response begins, after the start both requests share.
    const { client, simulator } = await startSimulator();
    const params: Anthropic.MessageCreateParamsNonStreaming = {
      model,
      max_tokens: 40,
      system: [{ type: 'text', text: longText('race', 100), cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'Summarise the rules.' }],
    };
    const prefix = await countPrefixBeforeMessages(client, { model, system: params.system });
    const total = await countPrompt(client, params);

    const atZero = { headers: { [simTimeHeaderName]: '0' } };
    const pair = await Promise.all([
      client.messages.create(params, atZero),
      client.messages.create(params, atZero),
    ]);
    for (const message of pair) {
      expect(promptUsageOf(message.usage)).toEqual(
        promptUsage({ write5m: prefix, input: total - prefix }),
      );
    }
    // No header: the request starts at the clock's now, the end of the pair.
    expect(simulator.clock.now()).toBeGreaterThan(0);
    const third = await client.messages.create(params);
    expect(promptUsageOf(third.usage)).toEqual(
      promptUsage({ read: prefix, input: total - prefix }),
    );
  });

  it('decides concurrency on the simulated clock, not on arrival: a request sent after another but given its start still writes', async () => {
    const { client, simulator } = await startSimulator();
    const params: Anthropic.MessageCreateParamsNonStreaming = {
      model,
      max_tokens: 40,
      system: [{ type: 'text', text: longText('late', 100), cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'Summarise the rules.' }],
    };
    const at = (time: number) => ({ headers: { [simTimeHeaderName]: String(time) } });
    const first = await client.messages.create(params, at(0));
    const end = simulator.clock.now();
    // Sent once the first was answered, but starting with it: the first's
    // entry was not readable yet (it becomes readable at its first token).
    const second = await client.messages.create(params, at(0));
    expect(promptUsageOf(second.usage)).toEqual(promptUsageOf(first.usage));
    expect(second.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    // Starting at the first's end, it reads; the clock never moves back.
    const third = await client.messages.create(params, at(end));
    expect(third.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(simulator.clock.now()).toBeGreaterThan(end);
  });

  // Seen through time: a fan-out takes the simulated time of its slowest
  // branch, not the sum (docs/simulator.md, "Time and concurrency").
  it('five requests given one start take the simulated time of one', async () => {
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
    await Promise.all(
      Array.from({ length: 5 }, () =>
        fanOut.client.messages.create(params, { headers: { [simTimeHeaderName]: '0' } }),
      ),
    );
    expect(fanOut.simulator.clock.now()).toBe(oneDuration);

    // Without the header, each starts at the clock's now as it arrives: five
    // requests one after the other take five times as long.
    const sequential = await startSimulator();
    for (let index = 0; index < 5; index += 1) await sequential.client.messages.create(params);
    expect(sequential.simulator.clock.now()).toBe(5 * oneDuration);
  });

  it('refuses an x-bursar-sim-time that is not a non-negative number, naming the header', async () => {
    const { client, simulator } = await startSimulator();
    for (const value of ['-1', 'soon', '', 'Infinity']) {
      const refused = client.messages.create(
        { model, max_tokens: 40, messages: [{ role: 'user', content: 'Hi' }] },
        { headers: { [simTimeHeaderName]: value } },
      );
      const error = await refused.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).error).toMatchObject({
        error: {
          type: 'invalid_request_error',
          message: `x-bursar-sim-time: expected a non-negative number of milliseconds on the simulator's clock, got ${JSON.stringify(value)}`,
        },
      });
    }
    expect(simulator.invoice().lines).toHaveLength(0);
  });
});

describe('concurrency in process', () => {
  // In process there is no network: a request starts at the clock's now when
  // fetch is called, so requests a program makes together (Promise.all) start
  // together, however loaded the machine is.
  it('five requests made together start together', async () => {
    const params: Anthropic.MessageCreateParamsNonStreaming = {
      model,
      max_tokens: 40,
      messages: [{ role: 'user', content: 'Say something short.' }],
    };
    const alone = createSimulator();
    await new Anthropic({ apiKey: 'k', fetch: alone.fetch }).messages.create(params);
    const oneDuration = alone.clock.now();

    const simulator = createSimulator();
    const client = new Anthropic({ apiKey: 'k', fetch: simulator.fetch });
    await Promise.all(Array.from({ length: 5 }, () => client.messages.create(params)));
    expect(simulator.clock.now()).toBe(oneDuration);
    await client.messages.create(params);
    expect(simulator.clock.now()).toBe(2 * oneDuration);
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
