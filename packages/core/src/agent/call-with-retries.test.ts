import { describe, expect, it } from 'vitest';
import { createBudget, type Budget } from '../budget/budget';
import type { BudgetEvent } from '../budget/budget-events';
import { ProviderApiError } from '../errors/provider-api-error';
import { RetryError } from '../errors/retry-error';
import type { ModelRequest } from '../model/model-request';
import { cost } from '../pricing/price-call';
import { createScriptedModelClient, scriptedResponse } from '../testing/scripted-model-client';
import { createUsage, totalTokens, type Usage } from '../usage/usage';
import type { AgentEvent } from './agent-events';
import { attempt } from './call-with-retries';
import type { RunAgentOptions } from './run-agent';

const model = 'claude-sonnet-4-6';
const request: ModelRequest = {
  model,
  tools: [],
  system: ['You are terse.'],
  reference: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Does the ledger balance?' }] }],
  maxTokens: 400,
};
const envelope = {
  model,
  inputTokensBound: 20_000,
  maxTokens: 400,
  cacheWrites: '1h' as const,
  label: 'test call',
};

// What a stream cut after message_start bills: the whole prompt, one output token.
const cutUsage: Usage = createUsage({
  input: 900,
  cacheWrite1h: 3000,
  cacheRead: 12_000,
  output: 1,
});
const fullUsage: Usage = createUsage({ input: 900, cacheRead: 15_000, output: 120 });

function cutStream(options: { isRetryable?: boolean; billedUsage?: Usage | undefined } = {}) {
  return new ProviderApiError({
    message: 'Anthropic API connection failed (terminated)',
    provider: 'test',
    isRetryable: options.isRetryable ?? true,
    billedUsage: 'billedUsage' in options ? options.billedUsage : cutUsage,
  });
}

function setup(script: Parameters<typeof createScriptedModelClient>[0], budget: Budget) {
  const client = createScriptedModelClient(script);
  const waits: number[] = [];
  const agentEvents: AgentEvent[] = [];
  const options: RunAgentOptions = { client, budget, model, prompt: 'x' };
  const context = {
    maxRetries: 2,
    sleep: (milliseconds: number) => {
      waits.push(milliseconds);
      return Promise.resolve();
    },
    emit: (event: AgentEvent) => agentEvents.push(event),
    name: 'agent',
    turn: 0,
  };
  return { client, options, context, waits, agentEvents };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('attempt: a failed attempt the provider billed', () => {
  it('charges the billed usage to the reservation before renewing it for the retry', async () => {
    const events: BudgetEvent[] = [];
    const budget = createBudget({ usd: '5', onEvent: (event) => events.push(event) });
    const reservation = budget.reserve(envelope);
    const { client, options, context, waits } = setup(
      [cutStream(), scriptedResponse({ usage: fullUsage })],
      budget,
    );

    const response = await attempt(options, request, reservation, context);
    reservation.settle(response.usage);

    expect(client.calls).toHaveLength(2);
    expect(waits).toEqual([500]);
    // The ledger holds both attempts, to the nano-dollar.
    expect(budget.spent.usd).toBe(cost(cutUsage, model) + cost(fullUsage, model));
    expect(budget.spent.tokens).toBe(totalTokens(cutUsage) + totalTokens(fullUsage));
    expect(budget.snapshot()).toMatchObject({ reserved: { usd: 0 }, openReservations: 0 });

    const kinds = events.map((event) => event.type);
    const charges = events.filter((event) => event.type === 'budget.reservation.charge');
    expect(charges.map((event) => event.usage)).toEqual([cutUsage, fullUsage]);
    // Charged first, then topped back up to the call's worst case for the retry.
    expect(kinds.indexOf('budget.reservation.charge')).toBeLessThan(
      kinds.indexOf('budget.reservation.renew'),
    );
    const renew = events.find((event) => event.type === 'budget.reservation.renew');
    expect(renew?.added).toEqual({ usd: cost(cutUsage, model), tokens: totalTokens(cutUsage) });
  });

  it('charges it when the error is not retried, and when retries run out', async () => {
    for (const script of [
      [cutStream({ isRetryable: false })],
      [cutStream(), cutStream(), cutStream()],
    ]) {
      const budget = createBudget({ usd: '5' });
      const reservation = budget.reserve(envelope);
      const { options, context } = setup(script, budget);
      const error = await rejection(attempt(options, request, reservation, context));
      reservation.release();
      expect(RetryError.isInstance(error)).toBe(true);
      expect(budget.spent.usd).toBe(script.length * cost(cutUsage, model));
      expect(budget.snapshot().openReservations).toBe(0);
    }
  });

  it('charges it even when the budget cannot cover another attempt', async () => {
    const bound = createBudget({ tokens: 1_000_000 }).bound(envelope);
    // Room for exactly one worst case: after a billed failure, a retry cannot be held.
    const budget = createBudget({ tokens: bound.tokens });
    const reservation = budget.reserve(envelope);
    const { client, options, context } = setup(
      [cutStream(), scriptedResponse({ usage: fullUsage })],
      budget,
    );
    const error = await rejection(attempt(options, request, reservation, context));
    reservation.release();
    expect(RetryError.isInstance(error) && error.reason).toBe('budget');
    expect(client.calls).toHaveLength(1);
    expect(budget.spent.tokens).toBe(totalTokens(cutUsage));
  });

  it('charges nothing for a failure that billed nothing', async () => {
    const budget = createBudget({ usd: '5' });
    const reservation = budget.reserve(envelope);
    const { options, context } = setup(
      [cutStream({ billedUsage: undefined }), scriptedResponse({ usage: fullUsage })],
      budget,
    );
    const response = await attempt(options, request, reservation, context);
    reservation.settle(response.usage);
    expect(budget.spent.usd).toBe(cost(fullUsage, model));
  });
});

describe('ProviderApiError.billedUsage', () => {
  it('is a frozen copy, and a bad one is refused naming the field', () => {
    const usage = { ...cutUsage };
    const error = cutStream({ billedUsage: usage });
    usage.input = 0;
    expect(error.billedUsage).toEqual(cutUsage);
    expect(Object.isFrozen(error.billedUsage)).toBe(true);
    expect(() => cutStream({ billedUsage: { ...cutUsage, output: 1.5 } })).toThrow(
      'Invalid billedUsage.output',
    );
  });
});
