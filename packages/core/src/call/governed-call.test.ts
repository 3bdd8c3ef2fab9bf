import { describe, expect, it } from 'vitest';
import { createBudget } from '../budget/budget';
import type { BudgetEvent } from '../budget/budget-events';
import { ProviderApiError } from '../model/provider-api-error';
import { RetryError } from '../errors/retry-error';
import type { ModelRequest } from '../model/model-request';
import { cost } from '../pricing/price-call';
import { createScriptedModelClient, scriptedResponse } from '../testing/scripted-model-client';
import { createUsage, totalTokens, type Usage } from '../usage/usage';
import { governedCall } from './governed-call';
import type { RetryPolicy } from './retry-policy';

const model = 'claude-sonnet-4-6';
const request: ModelRequest = {
  model,
  tools: [],
  system: ['You are terse.'],
  reference: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Does the ledger balance?' }] }],
  maxTokens: 400,
  cache: { system: '1h', conversation: '5m' },
};

// What a stream cut after message_start bills: the whole prompt, one output token.
const cutUsage: Usage = createUsage({
  input: 900,
  cacheWrite1h: 3000,
  cacheRead: 12_000,
  output: 1,
});
const fullUsage: Usage = createUsage({ input: 900, cacheRead: 15_000, output: 120 });

function providerError(options: { isRetryable?: boolean; billedUsage?: Usage } = {}) {
  return new ProviderApiError({
    message: 'Anthropic API connection failed (terminated)',
    provider: 'test',
    isRetryable: options.isRetryable ?? true,
    ...(options.billedUsage === undefined ? {} : { billedUsage: options.billedUsage }),
  });
}

function policy(maxRetries = 2): RetryPolicy & { waits: number[] } {
  const waits: number[] = [];
  return {
    maxRetries,
    waits,
    sleep: (milliseconds) => {
      waits.push(milliseconds);
      return Promise.resolve();
    },
  };
}

describe('governedCall: what a failed attempt billed', () => {
  it('is charged before the hold is topped up for the retry, and the ledger holds both attempts', async () => {
    const events: BudgetEvent[] = [];
    const budget = createBudget({ usd: '5', onEvent: (event) => events.push(event) });
    const client = createScriptedModelClient([
      providerError({ billedUsage: cutUsage }),
      scriptedResponse({ usage: fullUsage }),
    ]);
    const retry = policy();
    const outcome = await governedCall({ budget, client, request, label: 'a turn', retry });
    expect(outcome.status).toBe('completed');
    expect(client.calls).toHaveLength(2);
    expect(retry.waits).toEqual([500]);
    expect(budget.spent.usd).toBe(cost(cutUsage, model) + cost(fullUsage, model));
    expect(outcome.cost).toBe(budget.spent.usd);
    expect(totalTokens(outcome.usage)).toBe(totalTokens(cutUsage) + totalTokens(fullUsage));
    expect(budget.snapshot()).toMatchObject({ reserved: { usd: 0 }, openReservations: 0 });
    const kinds = events.map((event) => event.type);
    expect(kinds.indexOf('budget.reservation.charge')).toBeLessThan(
      kinds.indexOf('budget.reservation.renew'),
    );
  });

  it('is charged when the error is not retried, and when retries run out', async () => {
    for (const script of [
      [providerError({ isRetryable: false, billedUsage: cutUsage })],
      [1, 2, 3].map(() => providerError({ billedUsage: cutUsage })),
    ]) {
      const budget = createBudget({ usd: '5' });
      const client = createScriptedModelClient(script);
      const outcome = await governedCall({ budget, client, request, label: 'x', retry: policy() });
      expect(outcome.status).toBe('failed');
      expect(outcome.status === 'failed' && RetryError.isInstance(outcome.error)).toBe(true);
      expect(budget.spent.usd).toBe(script.length * cost(cutUsage, model));
      expect(outcome.cost).toBe(budget.spent.usd);
      expect(budget.snapshot().openReservations).toBe(0);
    }
  });

  it('is charged even when the budget cannot cover another attempt (refused)', async () => {
    const client = createScriptedModelClient([
      providerError({ billedUsage: cutUsage }),
      scriptedResponse({ usage: fullUsage }),
    ]);
    const bound = client.boundInputTokens(request) + request.maxTokens;
    const budget = createBudget({ tokens: bound });
    const outcome = await governedCall({ budget, client, request, label: 'x', retry: policy() });
    expect(outcome.status).toBe('refused');
    expect(client.calls).toHaveLength(1);
    expect(budget.spent.tokens).toBe(totalTokens(cutUsage));
    expect(budget.snapshot().openReservations).toBe(0);
  });
});

describe('governedCall: never throws', () => {
  it('turns a client that throws a plain TypeError into failed, with the hold released', async () => {
    const budget = createBudget({ usd: '1' });
    const client = {
      ...createScriptedModelClient([]),
      complete: () => Promise.reject(new TypeError('client.complete is broken')),
    };
    const outcome = await governedCall({ budget, client, request, label: 'x', retry: policy() });
    expect(outcome.status).toBe('failed');
    expect(budget.snapshot()).toMatchObject({ reserved: { usd: 0 }, openReservations: 0 });
  });

  it('does not send the call when the write-ahead hook rejects', async () => {
    const budget = createBudget({ usd: '1' });
    const client = createScriptedModelClient([scriptedResponse({ usage: fullUsage })]);
    const disk = new Error('ENOSPC: no space left on device');
    const outcome = await governedCall({
      budget,
      client,
      request,
      label: 'x',
      retry: policy(),
      beforeSend: () => Promise.reject(disk),
    });
    expect(outcome).toMatchObject({ status: 'failed', error: disk, cost: 0 });
    expect(client.calls).toHaveLength(0);
    expect(budget.snapshot()).toMatchObject({ reserved: { usd: 0 }, openReservations: 0 });
  });

  it('ends aborted when the signal fires during the wait before a retry', async () => {
    const budget = createBudget({ usd: '1' });
    const controller = new AbortController();
    const client = createScriptedModelClient([
      providerError(),
      scriptedResponse({ usage: fullUsage }),
    ]);
    const outcome = await governedCall({
      budget,
      client,
      request,
      label: 'x',
      signal: controller.signal,
      retry: {
        maxRetries: 2,
        sleep: () => {
          controller.abort(new Error('stop'));
          return Promise.reject(new Error('stop'));
        },
      },
    });
    expect(outcome.status).toBe('aborted');
    expect(client.calls).toHaveLength(1);
  });

  it('stops retrying when the policy says no (a deadline), with the last error', async () => {
    const budget = createBudget({ usd: '1' });
    const last = providerError();
    const client = createScriptedModelClient([last, scriptedResponse({ usage: fullUsage })]);
    const outcome = await governedCall({
      budget,
      client,
      request,
      label: 'x',
      retry: { ...policy(), shouldRetry: () => false },
    });
    expect(outcome).toMatchObject({ status: 'failed', error: last });
  });
});

describe('governedCall: the exact count', () => {
  it('is retried like a call when count_tokens fails transiently', async () => {
    const client = createScriptedModelClient([scriptedResponse({ usage: fullUsage })]);
    let counts = 0;
    const counting = {
      ...client,
      countTokens: () => {
        counts += 1;
        return counts === 1 ? Promise.reject(providerError()) : Promise.resolve(40);
      },
    };
    // Room for the exact count's worst case, not for the byte bound's.
    const budget = createBudget({ tokens: 40 + request.maxTokens });
    const retry = policy();
    const outcome = await governedCall({ budget, client: counting, request, label: 'x', retry });
    expect(outcome.status).toBe('completed');
    expect(counts).toBe(2);
    expect(retry.waits).toEqual([500]);
  });

  it('that keeps failing is not a throw: the call is judged on its byte bound (refused here)', async () => {
    const client = createScriptedModelClient([scriptedResponse({ usage: fullUsage })]);
    const failing = {
      ...client,
      countTokens: () => Promise.reject(providerError({ isRetryable: false })),
    };
    const budget = createBudget({ tokens: 40 + request.maxTokens });
    const outcome = await governedCall({
      budget,
      client: failing,
      request,
      label: 'x',
      retry: policy(),
    });
    expect(outcome.status).toBe('refused');
    expect(outcome.status === 'refused' && ProviderApiError.isInstance(outcome.error)).toBe(true);
    expect(client.calls).toHaveLength(0);
  });
});
