import type Anthropic from '@anthropic-ai/sdk';
import { AnthropicError, BadRequestError, NotFoundError } from '@anthropic-ai/sdk';
import { cost } from '@bursar/core/pricing';
import { afterEach, describe, expect, it } from 'vitest';
import { countPrefixBeforeMessages, longText } from './support/prompt-text';
import { closeSimulators, startSimulator } from './support/start-simulator';
import { usageFromWire } from './support/wire-usage';

afterEach(closeSimulators);

const hour = 60 * 60_000;
const model = 'claude-haiku-4-5';

function batchRequests(count: number): Anthropic.Messages.Batches.BatchCreateParams.Request[] {
  return Array.from({ length: count }, (_, index) => ({
    custom_id: `request-${index}`,
    params: {
      model,
      max_tokens: 120,
      messages: [{ role: 'user', content: `Summarise invoice number ${index}.` }],
    },
  }));
}

async function resultsById(
  client: Anthropic,
  batchId: string,
): Promise<Map<string, Anthropic.Messages.Batches.MessageBatchResult>> {
  const results = new Map<string, Anthropic.Messages.Batches.MessageBatchResult>();
  for await (const line of await client.messages.batches.results(batchId)) {
    expect(results.has(line.custom_id)).toBe(false);
    results.set(line.custom_id, line.result);
  }
  return results;
}

describe('message batches', () => {
  it('runs end to end: create, retrieve until ended, results by custom_id, billed at half price', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    // A cached system prompt past haiku-4-5's 4,096-token minimum: the batch
    // discount stacks with the cache-write price.
    const system: Anthropic.TextBlockParam[] = [
      { type: 'text', text: longText('batch', 320), cache_control: { type: 'ephemeral' } },
    ];
    const requests = batchRequests(4).map((request) => ({
      ...request,
      params: { ...request.params, system },
    }));
    const prefix = await countPrefixBeforeMessages(client, { model, system });
    expect(prefix).toBeGreaterThanOrEqual(4096);
    const created = await client.messages.batches.create({ requests });
    expect(created).toMatchObject({
      type: 'message_batch',
      processing_status: 'in_progress',
      request_counts: { processing: 4, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      ended_at: null,
      results_url: null,
    });
    // expires_at is 24 hours after created_at.
    expect(Date.parse(created.expires_at) - Date.parse(created.created_at)).toBe(24 * hour);

    // The batch takes a simulated minute (the default); a retrieve waits for it.
    const before = simulator.clock.now();
    let batch = await client.messages.batches.retrieve(created.id);
    while (batch.processing_status !== 'ended') {
      batch = await client.messages.batches.retrieve(created.id);
    }
    expect(simulator.clock.now() - before).toBe(60_000);
    expect(batch.request_counts).toEqual({
      processing: 0,
      succeeded: 4,
      errored: 0,
      canceled: 0,
      expired: 0,
    });
    expect(batch.results_url).toBe(
      `${new URL(client.baseURL).origin}/v1/messages/batches/${created.id}/results`,
    );

    const results = await resultsById(client, created.id);
    expect([...results.keys()].sort()).toEqual(requests.map((request) => request.custom_id).sort());

    const invoice = simulator.invoice();
    expect(invoice.lines).toHaveLength(4);
    let expectedTotal = 0;
    let written = 0;
    for (const [customId, result] of results) {
      if (result.type !== 'succeeded') throw new Error(`${customId} did not succeed`);
      const { message } = result;
      expect(message.usage.service_tier).toBe('batch');
      // Each request writes the system prompt or reads it from a sibling's write.
      expect(
        (message.usage.cache_creation_input_tokens ?? 0) +
          (message.usage.cache_read_input_tokens ?? 0),
      ).toBe(prefix);
      written += message.usage.cache_creation_input_tokens ?? 0;
      const usage = usageFromWire(message.usage);
      const line = invoice.lines.find((candidate) => candidate.id === message.id);
      expect(line).toMatchObject({ lane: 'batch', model, usage });
      const batchCost = cost(usage, model, { lane: 'batch' });
      const interactiveCost = cost(usage, model);
      // haiku-4-5 prices are whole nano-dollars per token, so half is exact.
      expect(line?.cost).toBe(batchCost);
      expect(batchCost * 2).toBe(interactiveCost);
      expectedTotal += batchCost;
    }
    expect(invoice.total).toBe(expectedTotal);
    expect(written).toBeGreaterThanOrEqual(prefix);
  });

  it('lists batches newest first, a page at a time', async () => {
    const { client } = await startSimulator({ latency: { mode: 'zero' } });
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      ids.push((await client.messages.batches.create({ requests: batchRequests(1) })).id);
    }
    const newestFirst = [...ids].reverse();

    const firstPage = await client.messages.batches.list({ limit: 2 });
    expect(firstPage.data.map((batch) => batch.id)).toEqual(newestFirst.slice(0, 2));
    expect(firstPage.has_more).toBe(true);
    expect(firstPage.last_id).toBe(newestFirst[1]);

    const secondPage = await client.messages.batches.list({
      limit: 2,
      after_id: firstPage.last_id ?? '',
    });
    expect(secondPage.data.map((batch) => batch.id)).toEqual(newestFirst.slice(2, 4));

    // The SDK's auto-pagination walks every page.
    const all: string[] = [];
    for await (const batch of client.messages.batches.list({ limit: 2 })) all.push(batch.id);
    expect(all).toEqual(newestFirst);
  });

  it('cancels before the end: every request canceled, nothing billed', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    const created = await client.messages.batches.create({ requests: batchRequests(3) });
    const canceled = await client.messages.batches.cancel(created.id);
    expect(canceled.cancel_initiated_at).not.toBeNull();

    const batch = await client.messages.batches.retrieve(created.id);
    expect(batch.processing_status).toBe('ended');
    expect(batch.request_counts).toEqual({
      processing: 0,
      succeeded: 0,
      errored: 0,
      canceled: 3,
      expired: 0,
    });
    const results = await resultsById(client, created.id);
    expect([...results.values()].map((result) => result.type)).toEqual([
      'canceled',
      'canceled',
      'canceled',
    ]);
    expect(simulator.invoice().lines).toEqual([]);
    expect(simulator.invoice().total).toBe(0);
  });

  it('deletes an ended batch, refuses to delete one in progress (400)', async () => {
    const { client } = await startSimulator({ latency: { mode: 'zero' } });
    const created = await client.messages.batches.create({ requests: batchRequests(1) });

    const early = client.messages.batches.delete(created.id);
    await expect(early).rejects.toBeInstanceOf(BadRequestError);
    await expect(early).rejects.toMatchObject({ status: 400, type: 'invalid_request_error' });

    await client.messages.batches.retrieve(created.id);
    const deleted = await client.messages.batches.delete(created.id);
    expect(deleted).toEqual({ id: created.id, type: 'message_batch_deleted' });
    await expect(client.messages.batches.retrieve(created.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('refuses results before the batch has ended (400)', async () => {
    // Without auto-advance a look at the batch does not wait for it.
    const { client, url } = await startSimulator({ latency: { mode: 'zero' }, autoAdvance: false });
    const created = await client.messages.batches.create({ requests: batchRequests(2) });

    const raw = await fetch(`${url}/v1/messages/batches/${created.id}/results`, {
      headers: { 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01' },
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
    // The SDK reads results_url from the batch first, and it is still null.
    await expect(client.messages.batches.results(created.id)).rejects.toBeInstanceOf(
      AnthropicError,
    );
  });

  it('expires every request of a batch that cannot end within 24 hours, unbilled', async () => {
    const { client, simulator } = await startSimulator({
      latency: { mode: 'zero' },
      batchProcessingMs: 25 * hour,
    });
    const created = await client.messages.batches.create({ requests: batchRequests(3) });
    // Past the 25 hours the batch would need: whatever the simulator does at
    // 24 hours, by now the batch must be over.
    simulator.clock.advanceBy(25 * hour);
    const batch = await client.messages.batches.retrieve(created.id);
    expect(batch.processing_status).toBe('ended');
    expect(batch.request_counts).toMatchObject({ succeeded: 0, expired: 3 });
    // It ended when it expired, 24 hours after creation.
    expect(batch.ended_at).toBe(created.expires_at);
    const results = await resultsById(client, created.id);
    expect([...results.values()].every((result) => result.type === 'expired')).toBe(true);
    expect(simulator.invoice().lines).toEqual([]);
  });

  // A batch that needs more than 24 hours ends at its expires_at with every
  // request expired, so a client that retrieves until ended sees it end.
  it('ends such a batch at its expires_at: a retrieve waits 24 hours, not 25', async () => {
    const { client, simulator } = await startSimulator({
      latency: { mode: 'zero' },
      batchProcessingMs: 25 * hour,
    });
    const created = await client.messages.batches.create({ requests: batchRequests(3) });
    const batch = await client.messages.batches.retrieve(created.id);
    expect(simulator.clock.now()).toBe(24 * hour);
    expect(batch.processing_status).toBe('ended');
    expect(batch.request_counts).toMatchObject({ processing: 0, expired: 3 });
  });

  it('gives errored results, unbilled, under per-request batch faults', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    simulator.configureFaults({ batch: { erroredRate: 1 } });
    const created = await client.messages.batches.create({ requests: batchRequests(3) });
    const batch = await client.messages.batches.retrieve(created.id);
    expect(batch.request_counts).toMatchObject({ succeeded: 0, errored: 3 });
    const results = await resultsById(client, created.id);
    for (const result of results.values()) {
      expect(result.type).toBe('errored');
      if (result.type === 'errored') expect(result.error.type).toBe('error');
    }
    expect(simulator.invoice().lines).toEqual([]);
  });

  it('refuses a pre-warm (max_tokens 0) inside a batch as an errored result', async () => {
    const { client, simulator } = await startSimulator({ latency: { mode: 'zero' } });
    const created = await client.messages.batches.create({
      requests: [
        {
          custom_id: 'prewarm',
          params: { model, max_tokens: 0, messages: [{ role: 'user', content: 'Hello' }] },
        },
      ],
    });
    await client.messages.batches.retrieve(created.id);
    const results = await resultsById(client, created.id);
    const result = results.get('prewarm');
    expect(result?.type).toBe('errored');
    if (result?.type === 'errored') {
      expect(result.error.error.type).toBe('invalid_request_error');
    }
    expect(simulator.invoice().lines).toEqual([]);
  });
});
