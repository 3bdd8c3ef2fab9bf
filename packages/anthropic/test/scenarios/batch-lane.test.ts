import {
  cost,
  createBudget,
  runBatch,
  type BatchClock,
  type BatchEvent,
  type BatchItem,
  type Budget,
  type ModelRequest,
} from '@bursar/core';
import Anthropic from '@anthropic-ai/sdk';
import { createSimulator, type Simulator, type SimulatorOptions } from '@bursar/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicClient, type AnthropicModelClient } from '../../src/index';

// The batch lane over HTTP: runBatch in @bursar/core, the official SDK's
// messages.batches in @bursar/anthropic, and the simulator on 127.0.0.1,
// all in the simulator's virtual time.
const hour = 3_600_000;
const model = 'claude-sonnet-4-6';

const running: Simulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
});

async function start(options: SimulatorOptions = {}): Promise<{
  simulator: Simulator;
  client: AnthropicModelClient;
  clock: BatchClock;
  url: string;
}> {
  const simulator = createSimulator({ latency: { mode: 'zero' }, seed: 'batch-lane', ...options });
  running.push(simulator);
  const { url } = await simulator.listen();
  // runBatch's waits move the simulator's clock: a day of polling in no real time.
  const clock: BatchClock = {
    now: () => simulator.clock.now(),
    sleep: (milliseconds) => {
      simulator.clock.advanceBy(milliseconds);
      return Promise.resolve();
    },
  };
  return {
    simulator,
    client: createAnthropicClient({ apiKey: 'sk-batch-lane', baseURL: url }),
    clock,
    url,
  };
}

const categories = ['billing', 'shipping', 'returns', 'account', 'other'];

function ticket(index: number, overrides: Partial<ModelRequest> = {}): BatchItem {
  return {
    id: `ticket-${String(index).padStart(3, '0')}`,
    request: {
      model,
      tools: [],
      system: [
        `Classify the support ticket as one of: ${categories.join(', ')}. Answer with the category.`,
      ],
      reference: [],
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'text',
              text: `Ticket ${String(index)}: order ${String(1000 + index * 7)} arrived ${index % 2 === 0 ? 'late' : 'damaged'}.`,
            },
          ],
        },
      ],
      maxTokens: 64,
      ...overrides,
    },
  };
}

const tickets = (count: number, overrides: Partial<ModelRequest> = {}) =>
  Array.from({ length: count }, (_, index) => ticket(index, overrides));

describe('the batch lane through the SDK and the simulator over HTTP', () => {
  it('bills a bulk job at exactly half the interactive price for the same usage, to the nano-dollar', async () => {
    const batch = await start();
    const batchBudget = createBudget({ usd: '5' });
    const inBatch = await runBatch(tickets(40), {
      client: batch.client,
      budget: batchBudget,
      clock: batch.clock,
      lane: 'batch',
    });
    const interactive = await start();
    const interactiveBudget = createBudget({ usd: '5' });
    const inInteractive = await runBatch(tickets(40), {
      client: interactive.client,
      budget: interactiveBudget,
      clock: interactive.clock,
      lane: 'interactive',
    });

    expect(inBatch.status).toBe('completed');
    expect(inInteractive.status).toBe('completed');
    const batchInvoice = batch.simulator.invoice();
    const interactiveInvoice = interactive.simulator.invoice();
    expect(batchInvoice.lines.every((line) => line.lane === 'batch')).toBe(true);
    expect(interactiveInvoice.lines.every((line) => line.lane === 'interactive')).toBe(true);
    // The same requests get the same usage in either lane...
    expect(inBatch.totals.usage).toEqual(inInteractive.totals.usage);
    inBatch.items.forEach((item, index) => {
      const other = inInteractive.items[index];
      if (item.status !== 'succeeded' || other?.status !== 'succeeded')
        throw new Error('unanswered');
      expect(item.lane).toBe('batch');
      expect(item.response.billing.lane).toBe('batch');
      expect(item.response.usage).toEqual(other.response.usage);
      expect(item.cost * 2).toBe(other.cost);
    });
    // ...and the batch bill is exactly half, the ledger and the invoice agreeing to the nano-dollar.
    expect(inBatch.totals.cost).toBe(batchInvoice.total);
    expect(inInteractive.totals.cost).toBe(interactiveInvoice.total);
    expect(batchBudget.spent.usd).toBe(batchInvoice.total);
    expect(interactiveBudget.spent.usd).toBe(interactiveInvoice.total);
    expect(batchInvoice.total * 2).toBe(interactiveInvoice.total);
    expect(batchInvoice.total).toBeGreaterThan(0);
    expect(batchBudget.reserved.usd).toBe(0);
  });

  it('caches a shared prefix for an hour in the batch lane, billed as the invoice says', async () => {
    const { simulator, client, clock } = await start();
    // Past sonnet-4-6's 1,024-token cache minimum.
    const policy = Array.from(
      { length: 160 },
      (_, index) =>
        `Rule ${String(index)}: a ticket about order ${String(index * 13)} is routed by its first complaint.`,
    ).join(' ');
    const items = tickets(12, {
      system: [policy],
      cache: { system: '5m' },
    });
    const budget = createBudget({ usd: '5' });
    const result = await runBatch(items, { client, budget, clock, lane: 'batch' });
    expect(result.status).toBe('completed');
    const { usage } = result.totals;
    expect(usage.cacheWrite5m).toBe(0);
    expect(usage.cacheWrite1h).toBeGreaterThan(0);
    expect(usage.cacheWrite1h + usage.cacheRead).toBeGreaterThan(12 * 1_024);
    const invoice = simulator.invoice();
    expect(invoice.lines.every((line) => line.usage.cacheWrite5m === 0)).toBe(true);
    expect(result.totals.cost).toBe(invoice.total);
    expect(budget.spent.usd).toBe(invoice.total);
  });

  it('retries errored and expired requests in the interactive lane within the deadline', async () => {
    const { simulator, client, clock } = await start();
    simulator.configureFaults({ batch: { erroredRate: 0.15, expiredRate: 0.15 } });
    const events: BatchEvent[] = [];
    const budget = createBudget({ usd: '5' });
    const deadline = 2 * hour;
    const result = await runBatch(tickets(60), {
      client,
      budget,
      clock,
      deadline,
      onEvent: (event) => events.push(event),
    });

    expect(events[0]).toMatchObject({ type: 'batch.lane', lane: 'batch' });
    expect(result.status).toBe('completed');
    const retried = result.items.flatMap((item) =>
      item.status === 'succeeded' && item.lane === 'interactive' ? [item] : [],
    );
    const outcomes = retried.map((item) => item.batchOutcome);
    expect(outcomes).toContain('expired');
    expect(outcomes).toContain('errored');
    expect(result.totals.retried).toBe(retried.length);
    expect(simulator.clock.now()).toBeLessThanOrEqual(deadline);

    const invoice = simulator.invoice();
    const lanes = (lane: 'batch' | 'interactive') =>
      invoice.lines.filter((line) => line.lane === lane);
    // Errored and expired requests were not billed in the batch lane.
    expect(lanes('batch')).toHaveLength(60 - retried.length);
    expect(lanes('interactive')).toHaveLength(retried.length);
    expect(result.totals.byLane.interactive.cost).toBe(
      lanes('interactive').reduce((sum, line) => sum + line.cost, 0),
    );
    expect(result.totals.cost).toBe(invoice.total);
    expect(budget.spent.usd).toBe(invoice.total);
    // A progress event carries the provider's request counts.
    const last = events.filter((event) => event.type === 'batch.progress').at(-1);
    expect(last).toMatchObject({
      status: 'ended',
      total: { processing: 0, succeeded: 60 - retried.length },
    });
  });

  it('retries a batch that expired after 24 hours, when the deadline still allows', async () => {
    const { simulator, client, clock } = await start({ batchProcessingMs: 25 * hour });
    const budget = createBudget({ usd: '5' });
    const result = await runBatch(tickets(5), {
      client,
      budget,
      clock,
      lane: 'batch',
      deadline: 30 * hour,
    });
    expect(result.status).toBe('completed');
    for (const item of result.items) {
      expect(item).toMatchObject({
        status: 'succeeded',
        lane: 'interactive',
        batchOutcome: 'expired',
      });
    }
    // It ended at its expiry, 24 hours in, and the retries ran then.
    expect(simulator.clock.now()).toBeGreaterThanOrEqual(24 * hour);
    expect(simulator.clock.now()).toBeLessThan(30 * hour);
    expect(simulator.invoice().lines.every((line) => line.lane === 'interactive')).toBe(true);
    expect(budget.spent.usd).toBe(simulator.invoice().total);
  });

  it('keeps work interactive when the deadline is too short for a batch', async () => {
    const { simulator, client, clock, url } = await start();
    const budget = createBudget({ usd: '5' });
    const events: BatchEvent[] = [];
    const result = await runBatch(tickets(8), {
      client,
      budget,
      clock,
      deadline: clock.now() + 10 * 60_000,
      onEvent: (event) => events.push(event),
    });
    expect(events[0]).toMatchObject({ type: 'batch.lane', lane: 'interactive' });
    expect(result.status).toBe('completed');
    expect(result.batchIds).toEqual([]);
    // No batch was ever created for this key.
    const sdk = new Anthropic({ apiKey: 'sk-batch-lane', baseURL: url, maxRetries: 0 });
    expect((await sdk.messages.batches.list()).data).toEqual([]);
    const invoice = simulator.invoice();
    expect(invoice.lines).toHaveLength(8);
    expect(invoice.lines.every((line) => line.lane === 'interactive')).toBe(true);
    expect(budget.spent.usd).toBe(invoice.total);
  });

  it('never lets spend pass a hard budget: what does not fit stays unsent, retries included', async () => {
    const { simulator, client, clock } = await start();
    simulator.configureFaults({ batch: { erroredRate: 0.3 } });
    const request = ticket(0).request;
    const hold = createBudget({ usd: '1' }).bound({
      model,
      inputTokensBound: client.boundInputTokens(request),
      maxTokens: request.maxTokens,
      lane: 'batch',
      cacheWrites: 'none',
    }).usd;
    // Room for about 25 batch holds of 40 items.
    const limit = 25 * hold + hold / 2;
    // spent + reserved <= limit, checked at every step of the ledger.
    const breaches: number[] = [];
    const budget: Budget = createBudget({
      usd: String(limit / 1e9),
      onEvent: () => {
        const used = budget.spent.usd + budget.reserved.usd;
        if (used > limit) breaches.push(used);
      },
    });
    const result = await runBatch(tickets(40), { client, budget, clock, deadline: 3 * hour });

    expect(result.status).toBe('budget_exhausted');
    const unsent = result.items.filter((item) => item.status === 'unsubmitted');
    expect(unsent.length).toBeGreaterThan(0);
    for (const item of unsent) expect(item).toMatchObject({ reason: 'budget', cost: 0 });
    expect(breaches).toEqual([]);
    const invoice = simulator.invoice();
    expect(budget.spent.usd).toBe(invoice.total);
    expect(budget.spent.usd).toBeLessThanOrEqual(limit);
    expect(result.totals.cost).toBe(invoice.total);
    // The batch price is what was held and charged: half of the interactive price.
    for (const line of invoice.lines.filter((candidate) => candidate.lane === 'batch')) {
      expect(line.cost * 2).toBe(cost(line.usage, model));
    }
  });
});
