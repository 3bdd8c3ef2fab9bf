import { describe, expect, it } from 'vitest';
import { limitConcurrency } from './limit-concurrency';
import {
  createFakeBatchClient,
  createVirtualClock,
  fakeRequest,
} from './fake-batch-client.test-helper';
import { pollDelay, resolvePollOptions } from './poll-options';
import { waitForBatch } from './wait-for-batch';

describe('pollDelay', () => {
  it('backs off by the multiplier up to the cap', () => {
    const options = resolvePollOptions();
    expect([0, 1, 2, 3, 4, 5, 6].map((attempt) => pollDelay(attempt, options))).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000,
    ]);
    const flat = resolvePollOptions({ initialDelayMs: 1_000, multiplier: 1 });
    expect(pollDelay(9, flat)).toBe(1_000);
  });

  it('throws InvalidArgumentError naming the option', () => {
    expect(() => resolvePollOptions({ initialDelayMs: -5 })).toThrow(
      expect.objectContaining({ argument: 'poll.initialDelayMs', value: -5 }),
    );
    expect(() => resolvePollOptions({ maxErrors: 0 })).toThrow(
      expect.objectContaining({ argument: 'poll.maxErrors' }),
    );
  });
});

describe('waitForBatch', () => {
  it('polls a day-long batch in virtual time, with capped backoff', async () => {
    const clock = createVirtualClock();
    const client = createFakeBatchClient({ clock, processingMs: 24 * 3_600_000 - 1 });
    const created = await client.batches.create([{ customId: 'a', request: fakeRequest('x') }]);
    const seen: string[] = [];
    const { batch, canceled } = await waitForBatch(client.batches, created.id, {
      clock,
      poll: resolvePollOptions(),
      onProgress: (progress) => seen.push(progress.status),
    });
    expect(batch.status).toBe('ended');
    expect(canceled).toBeUndefined();
    expect(Math.max(...clock.sleeps)).toBe(300_000);
    // 10 + 20 + 40 + 80 + 160 s, then every 5 minutes until the day is over.
    expect(client.retrieves).toBe(5 + Math.ceil((24 * 3_600_000 - 1 - 310_000) / 300_000));
    expect(seen.at(-1)).toBe('ended');
    expect(seen.filter((status) => status === 'in-progress')).toHaveLength(client.retrieves - 1);
  });

  it('cancels at cancelAt and waits for the cancel to end the batch', async () => {
    const clock = createVirtualClock();
    const client = createFakeBatchClient({ clock, processingMs: 3_600_000 });
    const created = await client.batches.create([{ customId: 'a', request: fakeRequest('x') }]);
    const result = await waitForBatch(client.batches, created.id, {
      clock,
      poll: resolvePollOptions(),
      cancelAt: 45_000,
    });
    expect(result.canceled).toBe('deadline');
    expect(client.cancels).toEqual([created.id]);
    // The look before the cancel is cut short to land on cancelAt.
    expect(clock.sleeps.slice(0, 3)).toEqual([10_000, 20_000, 15_000]);
    expect(result.batch.requestCounts.canceled).toBe(1);
  });

  it('gives up on a batch that runs on past its expiry', async () => {
    const clock = createVirtualClock();
    const client = createFakeBatchClient({ clock, processingMs: 30 * 3_600_000 });
    const created = await client.batches.create([{ customId: 'a', request: fakeRequest('x') }]);
    await expect(
      waitForBatch(client.batches, created.id, { clock, poll: resolvePollOptions() }),
    ).rejects.toThrow(/has not ended .* after it expired/);
  });
});

describe('limitConcurrency', () => {
  it('never runs more than its limit at once, and runs everything', async () => {
    const limit = limitConcurrency(3);
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        limit(async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setImmediate(resolve));
          running -= 1;
          done.push(index);
        }),
      ),
    );
    expect(most).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });
});
