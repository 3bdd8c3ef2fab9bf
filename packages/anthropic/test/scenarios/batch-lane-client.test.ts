import {
  chooseLane,
  createBatchLaneClient,
  createBudget,
  ProviderApiError,
  type BatchClock,
  type ModelRequest,
} from '@bursar/core';
import { createSimulator, type Simulator } from '@bursar/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicClient } from '../../src/index';

// The batching ModelClient over the SDK and the simulator on 127.0.0.1: calls
// made one by one go out as one Message Batch and come back to their callers.
const model = 'claude-haiku-4-5';

const running: Simulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
});

async function start() {
  const simulator = createSimulator({ latency: { mode: 'zero' }, seed: 'lane-client' });
  running.push(simulator);
  const { url } = await simulator.listen();
  const clock: BatchClock = {
    now: () => simulator.clock.now(),
    sleep: (milliseconds) => {
      simulator.clock.advanceBy(milliseconds);
      return Promise.resolve();
    },
  };
  return { simulator, clock, client: createAnthropicClient({ apiKey: 'sk-lane', baseURL: url }) };
}

const question = (index: number): ModelRequest => ({
  model,
  tools: [],
  system: ['Answer in one word.'],
  reference: [],
  messages: [
    { role: 'user', content: [{ type: 'text', text: `Is invoice ${String(index)} overdue?` }] },
  ],
  maxTokens: 32,
});

describe('createBatchLaneClient through the SDK and the simulator over HTTP', () => {
  it('batches separate calls, answers each, and settles at the batch price the invoice shows', async () => {
    const { simulator, clock, client } = await start();
    const lane = createBatchLaneClient(client, { clock, maxWaitMs: 5_000 });
    const budget = createBudget({ usd: '1' });
    const answers = await Promise.all(
      Array.from({ length: 6 }, async (_, index) => {
        const request = question(index);
        const reservation = budget.reserve({
          model,
          inputTokensBound: lane.boundInputTokens(request),
          maxTokens: request.maxTokens,
          lane: lane.lane,
          cacheWrites: 'none',
        });
        const response = await lane.complete(request);
        reservation.settle(response.usage);
        return response;
      }),
    );
    expect(answers.every((response) => response.billing.lane === 'batch')).toBe(true);
    // Six calls, one batch of six.
    const invoice = simulator.invoice();
    expect(invoice.lines).toHaveLength(6);
    expect(new Set(invoice.lines.map((line) => line.note)).size).toBe(1);
    expect(invoice.lines.every((line) => line.lane === 'batch')).toBe(true);
    expect(budget.spent.usd).toBe(invoice.total);
    // Each call got its own answer: the ids match the invoice's lines one for one.
    expect(answers.map((response) => response.id).sort()).toEqual(
      invoice.lines.map((line) => line.id).sort(),
    );
  });

  it('rejects a request the batch lane left unanswered, for the caller to retry', async () => {
    const { simulator, clock, client } = await start();
    simulator.configureFaults({ batch: { expiredRate: 1 } });
    const lane = createBatchLaneClient(client, { clock, maxWaitMs: 0 });
    const error: unknown = await lane.complete(question(1)).catch((caught: unknown) => caught);
    expect(ProviderApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ errorType: 'batch_expired', isRetryable: true });
    expect(simulator.invoice().lines).toEqual([]);
  });

  it("decides 'auto' by the deadline: an hour-long batch needs more than ten minutes", () => {
    const now = 0;
    const interactiveLatencyMs = 30_000;
    expect(
      chooseLane({
        lane: 'auto',
        now,
        deadline: 10 * 60_000,
        expectedBatchMs: 3_600_000,
        interactiveLatencyMs,
      }).lane,
    ).toBe('interactive');
    expect(
      chooseLane({
        lane: 'auto',
        now,
        deadline: 4 * 3_600_000,
        expectedBatchMs: 3_600_000,
        interactiveLatencyMs,
      }).lane,
    ).toBe('batch');
  });
});
