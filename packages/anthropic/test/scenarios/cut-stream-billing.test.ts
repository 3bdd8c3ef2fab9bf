import {
  cost,
  createBudget,
  runAgent,
  type AgentEvent,
  type ModelClient,
  type Usage,
} from '@bursar/core';
import { createSimulator, type Responder, type Simulator } from '@bursar/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicClient } from '../../src/index';

const model = 'claude-sonnet-4-6';
const system = [
  Array.from(
    { length: 80 },
    (_, index) => `Rule ${String(index)}: every invoice is checked against the ledger.`,
  ).join(' '),
];

let simulator: Simulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

/**
 * The simulator on 127.0.0.1, the next response cut mid-stream. The server
 * breaks the connection a few real milliseconds after its last event (its
 * concurrency window), so what it sent reaches the client first, as on a real
 * network; with no window at all the socket error can overtake bytes already
 * received.
 */
async function start(responder?: Responder): Promise<ModelClient> {
  simulator = createSimulator({
    latency: { mode: 'zero' },
    concurrencyWindowMs: 20,
    ...(responder === undefined ? {} : { responder }),
  });
  const { url } = await simulator.listen();
  simulator.configureFaults({ next: ['stream_cut'] });
  const client = createAnthropicClient({ apiKey: 'sk-scenario-cut-stream', baseURL: url });
  // runAgent sets no provider options: stream every call.
  return {
    ...client,
    complete: (request, options) =>
      client.complete({ ...request, providerOptions: { anthropic: { stream: true } } }, options),
  };
}

async function run(client: ModelClient) {
  const events: AgentEvent[] = [];
  const budget = createBudget({ usd: '1' });
  const result = await runAgent({
    client,
    budget,
    model,
    prompt: 'Does the ledger balance?',
    system,
    maxTokens: 300,
    // No real waits: the retry goes at once.
    sleep: () => Promise.resolve(),
    onEvent: (event) => events.push(event),
  });
  return { result, budget, events };
}

function invoiceLines() {
  if (simulator === undefined) throw new Error('no simulator');
  return simulator.invoice();
}

describe('a stream cut after the API began billing, through runAgent, the SDK and the simulator over HTTP', () => {
  it('charges the cut attempt, so the ledger equals the invoice to the nano-dollar', async () => {
    // The first answer is cut after message_start, before any output (the model
    // had not begun to answer); the retry gets the generic answer.
    let calls = 0;
    const client = await start(() =>
      calls++ === 0 ? { content: [], stopReason: 'end_turn' } : undefined,
    );
    const { result, budget, events } = await run(client);

    expect(result.status).toBe('completed');
    expect(events.filter((event) => event.type === 'agent.retry')).toHaveLength(1);
    const invoice = invoiceLines();
    expect(invoice.lines.map((line) => line.note)).toEqual(['stream_cut', undefined]);
    const [cut] = invoice.lines;
    // The whole prompt was billed for the cut attempt.
    expect(cut?.usage.input).toBeGreaterThan(0);
    expect(cut?.cost).toBeGreaterThan(0);

    expect(budget.spent.usd).toBe(invoice.total);
    const tokens = invoice.lines.reduce(
      (sum, line) =>
        sum +
        line.usage.input +
        line.usage.cacheWrite5m +
        line.usage.cacheWrite1h +
        line.usage.cacheRead +
        line.usage.output,
      0,
    );
    expect(budget.spent.tokens).toBe(tokens);
    expect(budget.snapshot()).toMatchObject({ reserved: { usd: 0 }, openReservations: 0 });
  });

  it('charges a stream cut mid-answer at its max_tokens: never less than the invoice, so a hard limit holds', async () => {
    const { budget } = await run(await start());
    const invoice = invoiceLines();
    const [cut, retry] = invoice.lines;
    if (cut === undefined || retry === undefined) throw new Error('expected two invoice lines');
    expect(cut.note).toBe('stream_cut');
    // The simulator bills the output tokens it sent before the cut; the stream
    // cannot tell how many that was, so the ledger charges the most it can be.
    expect(cut.usage.output).toBeGreaterThan(1);
    expect(cut.usage.output).toBeLessThan(300);
    const bound: Usage = { ...cut.usage, output: 300 };
    expect(budget.spent.usd).toBe(cost(bound, model) + retry.cost);
    expect(budget.spent.usd).toBeGreaterThan(invoice.total);
    expect(budget.spent.usd - invoice.total).toBe(cost(bound, model) - cut.cost);
  });
});
