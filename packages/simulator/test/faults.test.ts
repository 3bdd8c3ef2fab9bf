import Anthropic, {
  AnthropicError,
  APIConnectionError,
  APIError,
  InternalServerError,
  OverloadedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import { cost } from '@bursar/core/pricing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSimulator } from '../src/index';
import { longText } from './support/prompt-text';
import { closeSimulators, startSimulator } from './support/start-simulator';
import { usageFromWire } from './support/wire-usage';

afterEach(async () => {
  vi.restoreAllMocks();
  await closeSimulators();
});

const model = 'claude-sonnet-4-6';
const request: Anthropic.MessageCreateParamsNonStreaming = {
  model,
  max_tokens: 300,
  messages: [{ role: 'user', content: 'Write a short note about the budget.' }],
};

/** Runs a call that must fail and returns what it threw. */
async function failure(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}

describe('injected faults through the SDK', () => {
  it('rate_limit: a RateLimitError (429) with retry-after, nothing billed', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    simulator.configureFaults({ next: ['rate_limit'] });
    const error = await failure(() => client.messages.create(request));
    expect(error).toBeInstanceOf(RateLimitError);
    const rateLimit = error as RateLimitError;
    expect(rateLimit.status).toBe(429);
    expect(rateLimit.type).toBe('rate_limit_error');
    expect(rateLimit.headers.get('retry-after')).toBe('2');
    expect(simulator.invoice().lines).toEqual([]);

    // The queue held one fault: the next request goes through.
    await client.messages.create(request);
    expect(simulator.invoice().lines).toHaveLength(1);
  });

  it('rate_limit with retries: the SDK retries and succeeds, billed once', async () => {
    const { simulator, createClient } = await startSimulator({ latency: { mode: 'zero' } });
    simulator.configureFaults({ next: ['rate_limit'], retryAfterSeconds: 0 });
    // retry-after: 0 is not a positive delay, so the SDK falls back to its own
    // backoff (0.375-0.5 s of real time). Stub that backoff to 0: no real sleep.
    const backoff = vi
      .spyOn(
        Anthropic.prototype as unknown as { calculateDefaultRetryTimeoutMillis(): number },
        'calculateDefaultRetryTimeoutMillis',
      )
      .mockReturnValue(0);
    const client = createClient({ maxRetries: 2 });

    const { data: message, response } = await client.messages.create(request).withResponse();
    expect(message.type).toBe('message');
    expect(response.status).toBe(200);
    expect(backoff).toHaveBeenCalledTimes(1);
    const lines = simulator.invoice().lines;
    expect(lines).toHaveLength(1);
    expect(lines[0]?.id).toBe(message.id);
  });

  it('overloaded: an OverloadedError (529)', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    simulator.configureFaults({ next: ['overloaded'] });
    const error = await failure(() => client.messages.create(request));
    expect(error).toBeInstanceOf(OverloadedError);
    expect(error).toMatchObject({ status: 529, type: 'overloaded_error' });
    expect(simulator.invoice().lines).toEqual([]);
  });

  it('api_error: an InternalServerError (500)', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    simulator.configureFaults({ next: ['api_error'] });
    const error = await failure(() => client.messages.create(request));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, type: 'api_error' });
    expect(simulator.invoice().lines).toEqual([]);
  });

  it('connection_drop: an APIConnectionError, nothing billed', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    simulator.configureFaults({ next: ['connection_drop'] });
    const error = await failure(() => client.messages.create(request));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(simulator.invoice().lines).toEqual([]);
  });

  it('spend_limit: 429 enforced_spend_limit_reached with no retry-after', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    simulator.configureFaults({ next: ['spend_limit'] });
    const error = await failure(() => client.messages.create(request));
    expect(error).toBeInstanceOf(RateLimitError);
    const spendLimit = error as RateLimitError;
    expect(spendLimit.status).toBe(429);
    expect(spendLimit.errorCode).toBe('enforced_spend_limit_reached');
    expect(spendLimit.error).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error', details: { error_code: 'enforced_spend_limit_reached' } },
    });
    expect(spendLimit.headers.get('retry-after')).toBeNull();
    expect(simulator.invoice().lines).toEqual([]);
  });

  it('stream_cut: the stream errors, and the invoice bills fewer output tokens than the full answer', async () => {
    const streamRequest: Anthropic.MessageCreateParamsNonStreaming = {
      model,
      max_tokens: 600,
      system: longText('cut', 20),
      messages: [{ role: 'user', content: 'Describe every account in detail.' }],
    };
    // The full answer, from a simulator with the same seed and no fault.
    const reference = await startSimulator({ latency: { mode: 'zero' } });
    const full = await reference.client.messages.create(streamRequest);

    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    simulator.configureFaults({ next: ['stream_cut'] });
    const stream = client.messages.stream(streamRequest);
    let received = '';
    stream.on('text', (delta) => {
      received += delta;
    });
    const error = await failure(() => stream.finalMessage());
    // The socket closes mid-body: undici's "terminated", wrapped by the SDK.
    expect(error).toBeInstanceOf(AnthropicError);
    expect((error as AnthropicError).cause).toBeInstanceOf(TypeError);
    const [fullBlock] = full.content;
    const fullText = fullBlock?.type === 'text' ? fullBlock.text : '';
    expect(fullText.startsWith(received)).toBe(true);
    expect(received.length).toBeLessThan(fullText.length);

    const [line] = simulator.invoice().lines;
    expect(line?.note).toBe('stream_cut');
    expect(line?.usage.output).toBeLessThan(full.usage.output_tokens);
    // The prompt is billed in full; only the output is cut.
    expect(line?.usage.input).toBe(full.usage.input_tokens);
    expect(line?.cost).toBe(
      cost({ ...usageFromWire(full.usage), output: line?.usage.output ?? 0 }, model),
    );
  });
});

describe('seeded random faults', () => {
  // In process: the draw is the simulator's, whatever carries the requests,
  // and 48 requests over sockets cost seconds on a loaded machine (faults over
  // HTTP are tested above).
  async function outcomes(seed: string): Promise<string[]> {
    const simulator = createSimulator({ seed, latency: { mode: 'zero' }, faults: { rate: 0.5 } });
    const client = new Anthropic({ apiKey: 'test-key', fetch: simulator.fetch, maxRetries: 0 });
    const results: string[] = [];
    for (let index = 0; index < 24; index += 1) {
      try {
        await client.messages.create(request);
        results.push('ok');
      } catch (error) {
        if (error instanceof APIConnectionError) results.push('connection');
        else if (error instanceof APIError) results.push(String(error.status));
        else throw error;
      }
    }
    return results;
  }

  it('gives the same sequence for the same seed', async () => {
    const first = await outcomes('fault-seed');
    const second = await outcomes('fault-seed');
    expect(second).toEqual(first);
    // At a rate of 0.5 some fail and some pass.
    expect(first).toContain('ok');
    expect(first.some((outcome) => outcome !== 'ok')).toBe(true);
  });
});

describe('admin routes', () => {
  async function call(url: string, path: string, method = 'GET', body?: unknown) {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('POST /_sim/clock moves the clock', async () => {
    const { url, simulator } = await startSimulator();
    const before = simulator.clock.now();
    const moved = await call(url, '/_sim/clock', 'POST', { advanceMs: 90_000 });
    expect(moved.status).toBe(200);
    expect(moved.body['now']).toBe(before + 90_000);
    expect(simulator.clock.now()).toBe(before + 90_000);
    expect((await call(url, '/_sim/clock', 'POST', { advanceMs: -1 })).status).toBe(400);
  });

  it('GET /_sim/invoice returns the lines and the total', async () => {
    const { url, client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    const first = await client.messages.create(request);
    const second = await client.messages.create({ ...request, model: 'claude-haiku-4-5' });
    const expectedTotal =
      cost(usageFromWire(first.usage), model) +
      cost(usageFromWire(second.usage), 'claude-haiku-4-5');

    const { body } = await call(url, '/_sim/invoice');
    const lines = body['lines'] as { id: string; cost: number }[];
    expect(lines.map((line) => line.id)).toEqual([first.id, second.id]);
    expect(body['total']).toBe(expectedTotal);
    expect(body['total']).toBe(simulator.invoice().total);
    expect(body['totalUsd']).toBe(simulator.invoice().totalUsd);
  });

  it('POST /_sim/reset forgets the invoice and the cache', async () => {
    const { url, client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    const cached: Anthropic.MessageCreateParamsNonStreaming = {
      ...request,
      system: [
        { type: 'text', text: longText('reset', 100), cache_control: { type: 'ephemeral' } },
      ],
    };
    const written = await client.messages.create(cached);
    expect(written.usage.cache_creation_input_tokens).toBeGreaterThan(0);

    expect((await call(url, '/_sim/reset', 'POST')).status).toBe(200);
    expect(simulator.invoice()).toMatchObject({ lines: [], total: 0 });
    const again = await client.messages.create(cached);
    expect(again.usage.cache_read_input_tokens).toBe(0);
    expect(again.usage.cache_creation_input_tokens).toBe(written.usage.cache_creation_input_tokens);
  });

  it('POST /_sim/faults with a bad rate is a 400 and changes nothing', async () => {
    const { url } = await startSimulator();
    const refused = await call(url, '/_sim/faults', 'POST', { rate: 1.5 });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect((await call(url, '/_sim/faults')).body).toMatchObject({ rate: 0 });

    const accepted = await call(url, '/_sim/faults', 'POST', { next: ['overloaded'] });
    expect(accepted).toMatchObject({ status: 200, body: { next: ['overloaded'] } });
  });

  // A JSON null body is bad input: a 400 that says what was expected, not a 500.
  it('POST /_sim/clock with a null JSON body is a 400, not a 500', async () => {
    const { url } = await startSimulator();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const refused = await call(url, '/_sim/clock', 'POST', null);
    expect(refused.status).toBe(400);
    // Bad input is not an internal failure: nothing is logged as one.
    expect(logged).not.toHaveBeenCalled();
  });
});
