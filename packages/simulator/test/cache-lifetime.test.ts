import type Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { countPrompt, longText, type PromptParams } from './support/prompt-text';
import { promptUsage, promptUsageOf } from './support/prompt-usage';
import { closeSimulators, startSimulator } from './support/start-simulator';

const model = 'claude-sonnet-4-6';
const minute = 60_000;

afterEach(closeSimulators);

/** A request whose whole prompt (about 1,400 tokens) is one cacheable prefix. */
function cachedRequest(ttl: '5m' | '1h'): PromptParams {
  return {
    model,
    system: longText('lifetime', 100),
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Audit the ledger.', cache_control: { type: 'ephemeral', ttl } },
        ],
      },
    ],
  };
}

async function create(client: Anthropic, params: PromptParams): Promise<Anthropic.Message> {
  return client.messages.create({ ...params, max_tokens: 32 });
}

// With zero latency a response takes no simulated time, so the clock moves
// only when a test moves it and every lifetime below is exact.
describe('cache lifetime', () => {
  it('forgets a 5-minute entry 5 minutes and 1 ms after the request that wrote it', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    const params = cachedRequest('5m');
    const total = await countPrompt(client, params);

    expect(promptUsageOf((await create(client, params)).usage)).toEqual(
      promptUsage({ write5m: total }),
    );
    simulator.clock.advanceBy(5 * minute + 1);
    expect(promptUsageOf((await create(client, params)).usage)).toEqual(
      promptUsage({ write5m: total }),
    );
  });

  it('reads a 5-minute entry 1 ms before it ends', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    const params = cachedRequest('5m');
    const total = await countPrompt(client, params);

    await create(client, params);
    simulator.clock.advanceBy(5 * minute - 1);
    expect(promptUsageOf((await create(client, params)).usage)).toEqual(
      promptUsage({ read: total }),
    );
  });

  it('keeps a 1-hour entry at 59 minutes, and forgets it an hour after that read', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    const params = cachedRequest('1h');
    const total = await countPrompt(client, params);

    expect(promptUsageOf((await create(client, params)).usage)).toEqual(
      promptUsage({ write1h: total }),
    );
    simulator.clock.advanceBy(59 * minute);
    expect(promptUsageOf((await create(client, params)).usage)).toEqual(
      promptUsage({ read: total }),
    );
    // The read at 59 minutes refreshed the hour: it now ends at 119 minutes.
    simulator.clock.advanceBy(60 * minute + 1);
    expect(promptUsageOf((await create(client, params)).usage)).toEqual(
      promptUsage({ write1h: total }),
    );
  });

  it('refreshes a 5-minute entry on a hit: read at 4 minutes, still there at 8', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    const params = cachedRequest('5m');
    const total = await countPrompt(client, params);

    await create(client, params);
    simulator.clock.advanceBy(4 * minute);
    expect(promptUsageOf((await create(client, params)).usage)).toEqual(
      promptUsage({ read: total }),
    );
    simulator.clock.advanceBy(4 * minute);
    expect(promptUsageOf((await create(client, params)).usage)).toEqual(
      promptUsage({ read: total }),
    );
  });

  it('counts the lifetime from the start of the writing request, not its end', async () => {
    // Realistic latency: the write takes simulated time, and the clock moves to its end.
    const { client, simulator, url } = await startSimulator();
    const params = cachedRequest('5m');
    const total = await countPrompt(client, params);

    const startedAt = simulator.clock.now();
    await create(client, params);
    const endedAt = simulator.clock.now();
    expect(endedAt).toBeGreaterThan(startedAt);

    // Move the clock over HTTP this time: 5 min + 1 ms after the start, which
    // is less than 5 minutes after the response ended.
    const target = startedAt + 5 * minute + 1;
    const moved = await fetch(`${url}/_sim/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: target - endedAt }),
    });
    expect(await moved.json()).toMatchObject({ now: target });
    expect(target - endedAt).toBeLessThan(5 * minute);

    expect(promptUsageOf((await create(client, params)).usage)).toEqual(
      promptUsage({ write5m: total }),
    );
  });
});
