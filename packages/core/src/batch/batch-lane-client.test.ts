import { describe, expect, it } from 'vitest';
import type { ModelClient } from '../model/model-client';
import { createBudget } from '../budget/budget';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { ProviderApiError } from '../model/provider-api-error';
import { cost } from '../pricing/price-call';
import type { BatchEvent } from './batch-events';
import { createBatchLaneClient } from './batch-lane-client';
import {
  apiError,
  createFakeBatchClient,
  createManualClock,
  fakeModel,
  fakeRequest,
  withoutBatches,
  type FakeOutcome,
} from './fake-batch-client.test-helper';

function setup(
  options: {
    outcome?: (customId: string) => FakeOutcome;
    maxRequests?: number;
    maxBytes?: number;
  } = {},
) {
  const clock = createManualClock();
  const client = createFakeBatchClient({
    clock,
    processingMs: 60_000,
    ...(options.outcome === undefined ? {} : { outcome: options.outcome }),
  });
  const events: BatchEvent[] = [];
  const lane = createBatchLaneClient(client, {
    clock,
    maxWaitMs: 2_000,
    poll: { initialDelayMs: 30_000, multiplier: 1 },
    onEvent: (event) => events.push(event),
    ...(options.maxRequests === undefined ? {} : { maxRequests: options.maxRequests }),
    ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
  });
  return { clock, client, lane, events };
}

describe('createBatchLaneClient', () => {
  it('sends the queue as one batch after maxWaitMs and resolves each call with its own result', async () => {
    const { clock, client, lane } = setup();
    const calls = ['a', 'b', 'c'].map((text) => lane.complete(fakeRequest(text)));
    await clock.advance(1_999);
    expect(client.created).toHaveLength(0);
    expect(lane.pending).toBe(3);
    await clock.advance(1);
    expect(client.created).toHaveLength(1);
    expect(client.created[0]?.entries).toHaveLength(3);
    // The batch ends 60 s later; looks every 30 s.
    await clock.advance(60_000);
    const responses = await Promise.all(calls);
    expect(responses.map((response) => response.billing.lane)).toEqual(['batch', 'batch', 'batch']);
    // Results come back in another order; each call still gets its own.
    expect(responses.map((response) => response.id)).toEqual([
      'msg_request-1',
      'msg_request-2',
      'msg_request-3',
    ]);
    expect(lane.pending).toBe(0);
  });

  it('sends at once when the batch is full, by requests or by bytes', async () => {
    const full = setup({ maxRequests: 2 });
    const first = [full.lane.complete(fakeRequest('a')), full.lane.complete(fakeRequest('b'))];
    await full.clock.advance(0);
    expect(full.client.created.map((batch) => batch.entries.length)).toEqual([2]);
    await full.clock.advance(60_000);
    await Promise.all(first);

    const one = full.client.batches.requestBytes({
      customId: 'request-1',
      request: fakeRequest('a'),
    });
    const heavy = setup({ maxBytes: 2 * one + 1 });
    const calls = ['a', 'b', 'c'].map((text) => heavy.lane.complete(fakeRequest(text)));
    await heavy.clock.advance(0);
    // The third would pass maxBytes: the first two go out without waiting.
    expect(heavy.client.created.map((batch) => batch.entries.length)).toEqual([2]);
    await heavy.clock.advance(2_000);
    expect(heavy.client.created.map((batch) => batch.entries.length)).toEqual([2, 1]);
    await heavy.clock.advance(60_000);
    await Promise.all(calls);
  });

  it('rejects what the batch lane did not answer, for the caller to decide', async () => {
    const outcomes: Record<string, FakeOutcome> = {
      'request-1': { errored: apiError('invalid_request_error', false) },
      'request-2': 'expired',
    };
    const { clock, lane } = setup({ outcome: (customId) => outcomes[customId] ?? 'succeeded' });
    const calls = ['a', 'b', 'c'].map((text) =>
      lane.complete(fakeRequest(text)).then(
        (response) => response.id,
        (error: unknown) => error,
      ),
    );
    const flushed = lane.flush();
    await clock.advance(60_000);
    await flushed;
    const [errored, expired, succeeded] = await Promise.all(calls);
    expect(errored).toMatchObject({
      name: 'ProviderApiError',
      errorType: 'invalid_request_error',
      isRetryable: false,
    });
    expect(ProviderApiError.isInstance(expired)).toBe(true);
    expect(expired).toMatchObject({ errorType: 'batch_expired', isRetryable: true });
    expect(succeeded).toBe('msg_request-3');
  });

  it('settles at the batch price when the caller holds with lane batch', async () => {
    const { clock, lane } = setup();
    const budget = createBudget({ usd: '1' });
    const request = fakeRequest('a');
    const reservation = budget.reserve({
      model: fakeModel,
      inputTokensBound: lane.boundInputTokens(request),
      maxTokens: request.maxTokens,
      lane: lane.lane,
      cacheWrites: 'none',
    });
    const call = lane.complete(request);
    await clock.advance(62_000);
    const response = await call;
    reservation.settle(response.usage);
    expect(budget.spent.usd).toBe(cost(response.usage, fakeModel, { lane: 'batch' }));
  });

  it('drops an aborted call from the queue, and cancels a batch whose callers all left', async () => {
    const { clock, client, lane, events } = setup();
    const early = new AbortController();
    const dropped = lane.complete(fakeRequest('a'), { signal: early.signal });
    const kept = lane.complete(fakeRequest('b'));
    early.abort(new Error('not needed'));
    await expect(dropped).rejects.toThrow('not needed');
    await clock.advance(2_000);
    expect(client.created[0]?.entries.map((entry) => entry.customId)).toEqual(['request-2']);
    await clock.advance(60_000);
    await kept;

    const late = new AbortController();
    const abandoned = lane.complete(fakeRequest('c'), { signal: late.signal });
    await clock.advance(2_000);
    expect(client.created).toHaveLength(2);
    late.abort(new Error('gave up'));
    await expect(abandoned).rejects.toThrow('gave up');
    await clock.advance(30_000);
    expect(client.cancels).toEqual([client.created[1]?.id]);
    expect(events.some((event) => event.type === 'batch.cancel' && event.reason === 'abort')).toBe(
      true,
    );
  });

  it('reports a billed result nobody waited for', async () => {
    const { clock, client, lane, events } = setup();
    const controller = new AbortController();
    const left = lane.complete(fakeRequest('a'), { signal: controller.signal });
    const stayed = lane.complete(fakeRequest('b'));
    await clock.advance(2_000);
    controller.abort(new Error('left'));
    await expect(left).rejects.toThrow('left');
    await clock.advance(60_000);
    await stayed;
    expect(client.cancels).toEqual([]);
    expect(events.find((event) => event.type === 'batch.result.unclaimed')).toMatchObject({
      customId: 'request-1',
      usage: { input: 400, output: 50 },
    });
  });

  it('sends cache breakpoints with the 1-hour TTL', async () => {
    const { clock, client, lane } = setup();
    const call = lane.complete(fakeRequest('a', { cache: { tools: '5m', system: '1h' } }));
    await clock.advance(62_000);
    await call;
    expect(client.created[0]?.entries[0]?.request.cache).toEqual({ tools: '1h', system: '1h' });
  });

  it('throws InvalidArgumentError for a client without batches and for bad options', () => {
    const clock = createManualClock();
    const interactiveOnly: ModelClient = withoutBatches(createFakeBatchClient({ clock }));
    expect(() => createBatchLaneClient(interactiveOnly)).toThrow(
      expect.objectContaining({ argument: 'client' }),
    );
    const client = createFakeBatchClient({ clock });
    expect(() => createBatchLaneClient(client, { maxWaitMs: -1 })).toThrow(
      expect.objectContaining({ argument: 'maxWaitMs', value: -1 }),
    );
    expect(() => createBatchLaneClient(client, { maxRequests: 0 })).toThrow(
      expect.objectContaining({ argument: 'maxRequests', value: 0 }),
    );
    expect(() => createBatchLaneClient(client, { maxBytes: 0 })).toThrow(InvalidArgumentError);
  });

  it('rejects a fast-mode request: the batch lane has no fast mode', async () => {
    const { lane } = setup();
    await expect(lane.complete(fakeRequest('a', { speed: 'fast' }))).rejects.toMatchObject({
      argument: 'request.speed',
    });
  });
});
