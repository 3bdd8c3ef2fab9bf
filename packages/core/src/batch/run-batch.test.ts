import { describe, expect, it } from 'vitest';
import type { ModelClient } from '../model/model-client';
import { createBudget } from '../budget/budget';
import { worstCaseCost } from '../budget/call-bound';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { ProviderApiError } from '../model/provider-api-error';
import { cost } from '../pricing/price-call';
import { defaultPriceTable } from '../pricing/price-table';
import { createUsage } from '../usage/usage';
import type { BatchEvent } from './batch-events';
import type { BatchItem } from './batch-item';
import {
  apiError,
  createFakeBatchClient,
  createVirtualClock,
  fakeInputBound,
  fakeModel,
  fakeRequest,
  withoutBatches,
} from './fake-batch-client.test-helper';
import { runBatch } from './run-batch';

const hour = 3_600_000;
const items = (count: number): BatchItem[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `ticket-${String(index)}`,
    request: fakeRequest(`Ticket ${String(index)}: the invoice is wrong.`),
  }));
// What the fake bills for every answer: 400 input and 50 output tokens.
const answerUsage = createUsage({ input: 400, output: 50 });
const batchPrice = cost(answerUsage, fakeModel, { lane: 'batch' });
const interactivePrice = cost(answerUsage, fakeModel);
const batchHold = worstCaseCost(
  {
    model: fakeModel,
    inputTokensBound: fakeInputBound,
    maxTokens: 100,
    lane: 'batch',
    cacheWrites: 'none',
  },
  defaultPriceTable,
);

function setup(options: Partial<Parameters<typeof createFakeBatchClient>[0]> = {}) {
  const clock = createVirtualClock();
  const client = createFakeBatchClient({ clock, ...options });
  const events: BatchEvent[] = [];
  return { clock, client, events, onEvent: (event: BatchEvent) => events.push(event) };
}

describe('runBatch in the batch lane', () => {
  it('bills a bulk job at exactly half the interactive price, settled per result', async () => {
    const { clock, client, events, onEvent } = setup();
    const budget = createBudget({ usd: '1' });
    const result = await runBatch(items(5), { client, budget, clock, onEvent });

    expect(result.status).toBe('completed');
    expect(client.created).toHaveLength(1);
    expect(client.interactiveCalls).toHaveLength(0);
    expect(result.items.map((item) => item.id)).toEqual(items(5).map((item) => item.id));
    for (const item of result.items) {
      expect(item).toMatchObject({ status: 'succeeded', lane: 'batch', cost: batchPrice });
    }
    // $3 and $15 a million: whole nano-dollars per token, so half is exact.
    expect(batchPrice).toBe(975_000);
    expect(batchPrice * 2).toBe(interactivePrice);
    expect(result.totals.cost).toBe(5 * batchPrice);
    expect(result.totals.byLane.batch).toEqual({
      requests: 5,
      usage: createUsage({ input: 2_000, output: 250 }),
      cost: 5 * batchPrice,
    });
    expect(result.totals.byLane.interactive.requests).toBe(0);
    // The ledger is the totals: nothing held, nothing lost.
    expect(budget.spent.usd).toBe(result.totals.cost);
    expect(budget.reserved.usd).toBe(0);
    expect(events.map((event) => event.type)).toEqual([
      'batch.lane',
      'batch.submit',
      'batch.progress',
      'batch.progress',
      'batch.progress',
      'batch.end',
      'batch.finish',
    ]);
    // Polled with backoff: 10 s, 20 s, 40 s; the batch ended at 60 s.
    expect(clock.sleeps).toEqual([10_000, 20_000, 40_000]);
  });

  it("holds each request's worst case at the batch price before submitting it", async () => {
    const { client, clock, onEvent } = setup();
    const budget = createBudget({ usd: '1' });
    let heldAtSubmit = -1;
    const interactiveHold = worstCaseCost(
      { model: fakeModel, inputTokensBound: fakeInputBound, maxTokens: 100, cacheWrites: 'none' },
      defaultPriceTable,
    );
    await runBatch(items(4), {
      client,
      budget,
      clock,
      onEvent: (event) => {
        onEvent(event);
        if (event.type === 'batch.submit') {
          heldAtSubmit = budget.reserved.usd;
          expect(event.held).toBe(4 * batchHold);
        }
      },
    });
    expect(batchHold).toBe(2_250_000);
    expect(batchHold * 2).toBe(interactiveHold);
    expect(heldAtSubmit).toBe(4 * batchHold);
  });

  it('sends what the budget cannot hold yet in later rounds, as settled batches free their holds', async () => {
    const { clock, client } = setup();
    // Room for exactly three worst cases; each settles to under half its hold.
    const limit = 3 * batchHold + 1;
    const budget = createBudget({ usd: String(limit / 1e9) });
    const result = await runBatch(items(5), { client, budget, clock });
    expect(result.status).toBe('completed');
    // 3 held, then 1 (3 billed at 975,000 leave room for one hold), then 1.
    expect(client.created.map((batch) => batch.entries.length)).toEqual([3, 1, 1]);
    expect(budget.spent.usd).toBe(5 * batchPrice);
    expect(budget.spent.usd).toBeLessThanOrEqual(limit);
  });

  it('leaves unsubmitted what the budget cannot hold before the deadline, and never overspends', async () => {
    const { clock, client } = setup();
    const limit = 3 * batchHold + 1;
    const budget = createBudget({ usd: String(limit / 1e9) });
    const result = await runBatch(items(5), {
      client,
      budget,
      clock,
      // Room for one batch (an hour expected, plus a minute to retry), not two.
      deadline: hour + 70_000,
    });
    expect(result.status).toBe('budget_exhausted');
    expect(result.items.map((item) => item.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'unsubmitted',
      'unsubmitted',
    ]);
    expect(result.items[3]).toMatchObject({ reason: 'budget', cost: 0 });
    expect(client.created).toHaveLength(1);
    expect(budget.spent.usd).toBe(3 * batchPrice);
    expect(budget.spent.usd).toBeLessThanOrEqual(limit);
    expect(result.totals.unsubmitted).toBe(2);
  });

  it('sends nothing when no worst case fits', async () => {
    const { clock, client } = setup();
    const budget = createBudget({ usd: String((batchHold - 1) / 1e9) });
    const result = await runBatch(items(3), { client, budget, clock });
    expect(result.status).toBe('budget_exhausted');
    expect(result.items.every((item) => item.status === 'unsubmitted')).toBe(true);
    expect(client.created).toHaveLength(0);
    expect(budget.spent.usd).toBe(0);
  });

  it('splits at the request limit and at the byte limit', async () => {
    const byCount = setup({ limits: { maxRequests: 2, maxBytes: 256_000_000 } });
    const counted = await runBatch(items(5), {
      client: byCount.client,
      budget: createBudget({ usd: '1' }),
      clock: byCount.clock,
    });
    expect(byCount.client.created.map((batch) => batch.entries.length)).toEqual([2, 2, 1]);
    expect(counted.batchIds).toHaveLength(3);
    expect(counted.totals.batches).toBe(3);

    const bySize = setup();
    const oneEntry = bySize.client.batches.requestBytes({
      customId: 'ticket-0',
      request: fakeRequest('Ticket 0: the invoice is wrong.'),
    });
    await runBatch(items(5), {
      client: bySize.client,
      budget: createBudget({ usd: '1' }),
      clock: bySize.clock,
      // Room for two entries a batch, not three.
      limits: { maxBytes: 3 * oneEntry - 1 },
    });
    expect(bySize.client.created.map((batch) => batch.entries.length)).toEqual([2, 2, 1]);
  });

  it('reports an item larger than a batch may be, unsent', async () => {
    const { client, clock } = setup();
    const big = { id: 'big', request: fakeRequest('x'.repeat(5_000)) };
    const result = await runBatch([...items(2), big], {
      client,
      budget: createBudget({ usd: '1' }),
      clock,
      limits: { maxBytes: 4_000 },
    });
    expect(result.items[2]).toMatchObject({
      id: 'big',
      status: 'unsubmitted',
      reason: 'too-large',
    });
    expect(client.created[0]?.entries.map((entry) => entry.customId)).toEqual([
      'ticket-0',
      'ticket-1',
    ]);
  });

  it('sends cache breakpoints with the 1-hour TTL, held at the 1-hour write price when the prompt can be cached', async () => {
    const { client, clock, events, onEvent } = setup();
    const request = fakeRequest('Ticket', { cache: { system: '5m', conversation: '5m' } });
    await runBatch([{ request }], { client, budget: createBudget({ usd: '1' }), clock, onEvent });
    expect(client.created[0]?.entries[0]?.request.cache).toEqual({
      system: '1h',
      conversation: '1h',
    });
    const submit = events.find((event) => event.type === 'batch.submit');
    expect(submit).toMatchObject({
      held: worstCaseCost(
        {
          model: fakeModel,
          inputTokensBound: fakeInputBound,
          maxTokens: 100,
          lane: 'batch',
          // A prompt below the model's minimum cacheable length cannot be written.
          cacheWrites:
            fakeInputBound < defaultPriceTable.resolve(fakeModel).minCacheableTokens
              ? 'none'
              : '1h',
        },
        defaultPriceTable,
      ),
    });
  });
});

describe('runBatch retries in the interactive lane', () => {
  it('retries expired and retryably errored items within the deadline; a hopeless error fails', async () => {
    const outcomes: Record<string, 'expired' | { errored: ProviderApiError }> = {
      'ticket-1': 'expired',
      'ticket-2': { errored: apiError('api_error', true) },
      'ticket-3': { errored: apiError('invalid_request_error', false) },
    };
    const { client, clock, events, onEvent } = setup({
      outcome: (customId) => outcomes[customId] ?? 'succeeded',
    });
    const budget = createBudget({ usd: '1' });
    const result = await runBatch(items(5), {
      client,
      budget,
      clock,
      deadline: 2 * hour,
      onEvent,
    });
    expect(result.status).toBe('partial');
    expect(result.items.map((item) => [item.id, item.status])).toEqual([
      ['ticket-0', 'succeeded'],
      ['ticket-1', 'succeeded'],
      ['ticket-2', 'succeeded'],
      ['ticket-3', 'failed'],
      ['ticket-4', 'succeeded'],
    ]);
    expect(result.items[1]).toMatchObject({
      lane: 'interactive',
      batchOutcome: 'expired',
      cost: interactivePrice,
    });
    expect(result.items[2]).toMatchObject({ lane: 'interactive', batchOutcome: 'errored' });
    expect(result.items[3]).toMatchObject({ reason: 'errored', batchOutcome: 'errored', cost: 0 });
    expect(client.interactiveCalls).toHaveLength(2);
    expect(result.totals.retried).toBe(2);
    expect(result.totals.byLane.interactive.cost).toBe(2 * interactivePrice);
    expect(result.totals.cost).toBe(2 * batchPrice + 2 * interactivePrice);
    expect(budget.spent.usd).toBe(result.totals.cost);
    expect(budget.reserved.usd).toBe(0);
    expect(events.filter((event) => event.type === 'batch.item.retry')).toHaveLength(2);
  });

  it('fails what the deadline leaves no time for, with reason deadline', async () => {
    const { client, clock } = setup({
      outcome: () => 'expired',
      interactiveLatencyMs: 30_000,
    });
    const result = await runBatch(items(4), {
      client,
      budget: createBudget({ usd: '1' }),
      clock,
      lane: 'batch',
      // The batch ends at 60 s; each interactive call takes 30 s, one at a time.
      deadline: 160_000,
      interactiveLatencyMs: 30_000,
      interactiveConcurrency: 1,
      poll: { initialDelayMs: 60_000 },
    });
    expect(result.items.map((item) => item.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'failed',
    ]);
    expect(result.items[3]).toMatchObject({ reason: 'deadline', batchOutcome: 'expired' });
    expect(clock.now()).toBeLessThanOrEqual(160_000);
  });

  it('cancels a batch still running when only interactive time is left, and retries it', async () => {
    const { client, clock, events, onEvent } = setup({ processingMs: 10 * hour });
    const result = await runBatch(items(3), {
      client,
      budget: createBudget({ usd: '1' }),
      clock,
      lane: 'batch',
      deadline: 2 * hour,
      interactiveLatencyMs: 60_000,
      onEvent,
    });
    expect(client.cancels).toEqual(['msgbatch_1']);
    expect(events.find((event) => event.type === 'batch.cancel')).toMatchObject({
      reason: 'deadline',
      at: 2 * hour - 60_000,
    });
    expect(result.status).toBe('completed');
    for (const item of result.items) {
      expect(item).toMatchObject({ lane: 'interactive', batchOutcome: 'canceled' });
    }
  });

  it('does not retry when retries are off', async () => {
    const { client, clock } = setup({ outcome: () => 'expired' });
    const result = await runBatch(items(2), {
      client,
      budget: createBudget({ usd: '1' }),
      clock,
      retryInteractively: false,
    });
    expect(result.items.map((item) => item.status === 'failed' && item.reason)).toEqual([
      'expired',
      'expired',
    ]);
    expect(client.interactiveCalls).toHaveLength(0);
  });
});

describe('runBatch lane choice', () => {
  it("keeps work interactive when the deadline is too short for a batch ('auto')", async () => {
    const { client, clock, events, onEvent } = setup();
    const budget = createBudget({ usd: '1' });
    const result = await runBatch(items(3), {
      client,
      budget,
      clock,
      deadline: 10 * 60_000,
      onEvent,
    });
    expect(client.created).toHaveLength(0);
    expect(client.interactiveCalls).toHaveLength(3);
    expect(events[0]).toMatchObject({ type: 'batch.lane', lane: 'interactive' });
    expect(result.totals.cost).toBe(3 * interactivePrice);
    expect(budget.spent.usd).toBe(3 * interactivePrice);
    for (const item of result.items) {
      expect(item).toMatchObject({ lane: 'interactive', batchOutcome: undefined });
    }
  });

  it('uses the batch lane with no deadline, and with a Date deadline far enough', async () => {
    const far = setup();
    await runBatch(items(1), {
      client: far.client,
      budget: createBudget({ usd: '1' }),
      clock: far.clock,
      deadline: new Date(3 * hour),
    });
    expect(far.client.created).toHaveLength(1);
    const none = setup();
    await runBatch(items(1), {
      client: none.client,
      budget: createBudget({ usd: '1' }),
      clock: none.clock,
    });
    expect(none.client.created).toHaveLength(1);
  });
});

describe('runBatch when things go wrong', () => {
  it('aborting cancels the batch and settles what it processed first', async () => {
    const controller = new AbortController();
    const { client, clock } = setup({ processedBeforeCancel: 2 });
    const budget = createBudget({ usd: '1' });
    const result = await runBatch(items(5), {
      client,
      budget,
      clock,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'batch.submit') controller.abort(new Error('stop'));
      },
    });
    expect(result.status).toBe('aborted');
    expect(client.cancels).toEqual(['msgbatch_1']);
    expect(result.items.map((item) => item.status)).toEqual([
      'succeeded',
      'succeeded',
      'failed',
      'failed',
      'failed',
    ]);
    expect(result.items[2]).toMatchObject({ reason: 'aborted', batchOutcome: 'canceled' });
    // What the batch billed before the cancel is in the ledger and the totals.
    expect(result.totals.cost).toBe(2 * batchPrice);
    expect(budget.spent.usd).toBe(2 * batchPrice);
    expect(budget.reserved.usd).toBe(0);
    expect(client.interactiveCalls).toHaveLength(0);
  });

  it('keeps polling through retryable errors', async () => {
    const { client, clock, events, onEvent } = setup({
      retrieveErrors: [apiError('overloaded_error', true), apiError('api_error', true)],
    });
    const result = await runBatch(items(2), {
      client,
      budget: createBudget({ usd: '1' }),
      clock,
      onEvent,
    });
    expect(result.status).toBe('completed');
    expect(events.filter((event) => event.type === 'batch.poll.error')).toHaveLength(2);
  });

  it('keeps the worst case held when a batch cannot be read back', async () => {
    const { client, clock } = setup({ retrieveErrors: [apiError('not_found_error', false)] });
    const budget = createBudget({ usd: '1' });
    const result = await runBatch(items(2), { client, budget, clock });
    expect(result.items.map((item) => item.status === 'failed' && item.reason)).toEqual([
      'unknown-outcome',
      'unknown-outcome',
    ]);
    // The provider may still bill them: the budget keeps counting on it.
    expect(budget.reserved.usd).toBe(2 * batchHold);
    expect(result.status).toBe('partial');
  });

  it('retries a refused create, and answers interactively when the lane refuses for good', async () => {
    const refused = new ProviderApiError({
      message: 'overloaded',
      provider: 'fake',
      statusCode: 529,
      isRetryable: true,
    });
    const retried = setup({ createErrors: [refused] });
    const first = await runBatch(items(2), {
      client: retried.client,
      budget: createBudget({ usd: '1' }),
      clock: retried.clock,
    });
    expect(first.status).toBe('completed');
    expect(retried.client.created).toHaveLength(1);
    expect(retried.clock.sleeps[0]).toBe(500);

    const badRequest = new ProviderApiError({
      message: 'no batches here',
      provider: 'fake',
      statusCode: 403,
      isRetryable: false,
    });
    const fallback = setup({ createErrors: [badRequest] });
    const budget = createBudget({ usd: '1' });
    const second = await runBatch(items(2), {
      client: fallback.client,
      budget,
      clock: fallback.clock,
    });
    expect(second.status).toBe('completed');
    expect(fallback.client.interactiveCalls).toHaveLength(2);
    expect(budget.spent.usd).toBe(2 * interactivePrice);
  });

  it('holds on when a create gets no answer: the batch may exist', async () => {
    const dropped = new ProviderApiError({
      message: 'socket hang up',
      provider: 'fake',
      isRetryable: true,
    });
    const { client, clock } = setup({ createErrors: [dropped] });
    const budget = createBudget({ usd: '1' });
    const result = await runBatch(items(2), { client, budget, clock });
    expect(client.created).toHaveLength(0);
    expect(result.items.map((item) => item.status === 'failed' && item.reason)).toEqual([
      'unknown-outcome',
      'unknown-outcome',
    ]);
    expect(budget.reserved.usd).toBe(2 * batchHold);
  });

  it('throws InvalidArgumentError naming the option or item, before any spend', async () => {
    const { client, clock } = setup();
    const budget = createBudget({ usd: '1' });
    const cases: [() => Promise<unknown>, string, unknown][] = [
      [
        () =>
          runBatch(
            [
              { id: 'a', request: fakeRequest('x') },
              { id: 'a', request: fakeRequest('y') },
            ],
            { client, budget, clock },
          ),
        'items[1].id',
        'a',
      ],
      [
        () => runBatch([{ id: 'no spaces', request: fakeRequest('x') }], { client, budget, clock }),
        'items[0].id',
        'no spaces',
      ],
      [
        () => runBatch(items(1), { client, budget, clock, lane: 'later' as never }),
        'lane',
        'later',
      ],
      [
        () => runBatch(items(1), { client, budget, clock, interactiveConcurrency: 0 }),
        'interactiveConcurrency',
        0,
      ],
      [
        () => runBatch(items(1), { client, budget, clock, deadline: 'soon' as never }),
        'deadline',
        'soon',
      ],
      [
        () => runBatch(items(1), { client, budget, clock, limits: { maxRequests: 1.5 } }),
        'limits.maxRequests',
        1.5,
      ],
      [
        () => runBatch(items(1), { client, budget, clock, poll: { multiplier: 0.5 } }),
        'poll.multiplier',
        0.5,
      ],
      [
        () =>
          runBatch([{ request: fakeRequest('x', { speed: 'fast' }) }], {
            client,
            budget,
            clock,
            lane: 'batch',
          }),
        'items[0].request.speed',
        'fast',
      ],
    ];
    for (const [run, argument, value] of cases) {
      const error: unknown = await run().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(InvalidArgumentError.isInstance(error), argument).toBe(true);
      expect(error).toMatchObject({ argument, value });
    }
    expect(budget.spent.usd).toBe(0);
    expect(budget.reserved.usd).toBe(0);
    expect(client.created).toHaveLength(0);
  });

  it("refuses lane 'batch' on a client with no batch lane, and falls back under 'auto'", async () => {
    const { client, clock } = setup();
    const interactiveOnly: ModelClient = withoutBatches(client);
    const budget = createBudget({ usd: '1' });
    await expect(
      runBatch(items(1), { client: interactiveOnly, budget, clock, lane: 'batch' }),
    ).rejects.toMatchObject({ name: 'InvalidArgumentError', argument: 'client' });
    const result = await runBatch(items(1), { client: interactiveOnly, budget, clock });
    expect(result.items[0]).toMatchObject({ status: 'succeeded', lane: 'interactive' });
  });
});
