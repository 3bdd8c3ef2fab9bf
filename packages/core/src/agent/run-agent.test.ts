import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createBudget } from '../budget/budget';
import type { BudgetEvent } from '../budget/budget-events';
import { ProviderApiError } from '../model/provider-api-error';
import { RetryError } from '../errors/retry-error';
import { cost } from '../pricing/price-call';
import { createUsage } from '../usage/usage';
import { createScriptedModelClient, scriptedResponse } from '../testing/scripted-model-client';
import type { AgentEvent } from './agent-events';
import type { AgentTool } from './agent-tool';
import { runAgent } from './run-agent';

const search: AgentTool<{ query: string }> = {
  name: 'search',
  description: 'Searches.',
  input: z.object({ query: z.string().min(1) }),
  execute: ({ query }) => `Result for ${query}: the Amber flows through Kell.`,
};
const callSearch = (input: unknown, id = 't1') =>
  scriptedResponse({
    content: [{ type: 'tool-call', id, name: 'search', input }],
    usage: { input: 900, output: 40 },
  });
const answer = (text: string) =>
  scriptedResponse({
    content: [{ type: 'text', text }],
    usage: { cacheRead: 800, input: 150, output: 60 },
  });
const model = 'claude-sonnet-4-6';

describe('runAgent', () => {
  it('runs tools until the model answers, and books every turn in the budget', async () => {
    const client = createScriptedModelClient([
      callSearch({ query: 'Kell river' }),
      answer('The Amber.'),
    ]);
    const budget = createBudget({ usd: '1' });
    const result = await runAgent({
      client,
      budget,
      model,
      prompt: 'Which river flows through Kell?',
      tools: [search],
    });
    expect(result).toMatchObject({ status: 'completed', text: 'The Amber.', turns: 2 });
    const expected =
      cost(createUsage({ input: 900, output: 40 }), model) +
      cost(createUsage({ cacheRead: 800, input: 150, output: 60 }), model);
    expect(result.cost).toBe(expected);
    expect(budget.spent.usd).toBe(expected);
    expect(budget.snapshot().openReservations).toBe(0);
    // The tool's result went back to the model as the next turn's input.
    const second = client.calls[1];
    expect(second?.messages.at(-1)?.content[0]).toMatchObject({
      type: 'tool-result',
      toolCallId: 't1',
      content: expect.stringContaining('Amber'),
    });
    expect(second?.tools[0]).toMatchObject({ name: 'search', inputSchema: { type: 'object' } });
    expect(second?.cache).toEqual({ system: '1h', conversation: '5m' });
  });

  it('returns input that fails the tool schema to the model as a tool error, not a crash', async () => {
    const client = createScriptedModelClient([callSearch({ query: 42 }), answer('Sorry.')]);
    const result = await runAgent({
      client,
      budget: createBudget({ usd: '1' }),
      model,
      prompt: 'x',
      tools: [search],
    });
    expect(result.status).toBe('completed');
    expect(client.calls[1]?.messages.at(-1)?.content[0]).toMatchObject({
      type: 'tool-result',
      isError: true,
      content: expect.stringContaining('Invalid input for search: query'),
    });
  });

  it('retries a retryable failure after retry-after, under one reservation', async () => {
    const rateLimited = new ProviderApiError({
      message: 'rate limited',
      provider: 'test',
      statusCode: 429,
      isRetryable: true,
      retryAfterMs: 2000,
    });
    const client = createScriptedModelClient([rateLimited, answer('ok')]);
    const waits: number[] = [];
    const budgetEvents: BudgetEvent[] = [];
    const budget = createBudget({ usd: '1', onEvent: (event) => budgetEvents.push(event) });
    const result = await runAgent({
      client,
      budget,
      model,
      prompt: 'x',
      sleep: (milliseconds) => {
        waits.push(milliseconds);
        return Promise.resolve();
      },
    });
    expect(result.status).toBe('completed');
    expect(waits).toEqual([2000]);
    expect(budgetEvents.filter((event) => event.type === 'budget.reservation.create')).toHaveLength(
      1,
    );
  });

  it('never retries a spend limit, and releases the hold', async () => {
    const spendLimit = new ProviderApiError({
      message: 'spend limit',
      provider: 'test',
      statusCode: 429,
      isRetryable: true,
      isSpendLimit: true,
    });
    const client = createScriptedModelClient([spendLimit, answer('never')]);
    const budget = createBudget({ usd: '1' });
    const result = await runAgent({
      client,
      budget,
      model,
      prompt: 'x',
      sleep: () => Promise.reject(new Error('must not wait')),
    });
    expect(result.status).toBe('failed');
    expect(RetryError.isInstance(result.error) && result.error.reason).toBe('notRetryable');
    expect(client.calls).toHaveLength(1);
    expect(budget.snapshot()).toMatchObject({ reserved: { usd: 0 }, openReservations: 0 });
  });

  it('gives up after maxRetries, naming the reason', async () => {
    const overloaded = () =>
      new ProviderApiError({
        message: 'overloaded',
        provider: 'test',
        statusCode: 529,
        isRetryable: true,
      });
    const client = createScriptedModelClient([overloaded(), overloaded(), overloaded()]);
    const result = await runAgent({
      client,
      budget: createBudget({ usd: '1' }),
      model,
      prompt: 'x',
      maxRetries: 2,
      sleep: () => Promise.resolve(),
    });
    expect(result.status).toBe('failed');
    expect(RetryError.isInstance(result.error) && result.error.reason).toBe('maxRetriesExceeded');
    expect(client.calls).toHaveLength(3);
  });

  it('stops with what it has when the budget cannot hold the next call, asking for an exact count first', async () => {
    const counted: number[] = [];
    const client = createScriptedModelClient(
      [callSearch({ query: 'Kell river' }), answer('never')],
      {
        countTokens: (request) => {
          counted.push(request.messages.length);
          return 1_000_000;
        },
      },
    );
    // The first turn's worst case is $0.025164 and it costs $0.0033, leaving
    // $0.0219 of $0.0252: less than the second turn's 1,500 output tokens
    // alone ($0.0225), whatever its prompt counts.
    const budget = createBudget({ usd: '0.0252' });
    const result = await runAgent({
      client,
      budget,
      model,
      prompt: 'Which river?',
      tools: [search],
      maxTokens: 1500,
    });
    expect(result.status).toBe('budget_exhausted');
    expect(result.turns).toBe(1);
    expect(counted).toEqual([3]);
    expect(budget.spent.usd).toBe(result.cost);
    expect(budget.spent.usd).toBe(3_300_000);
    expect(budget.snapshot().openReservations).toBe(0);
  });

  it('stops at maxTurns and when aborted', async () => {
    const looping = createScriptedModelClient(
      Array.from({ length: 3 }, (_, index) =>
        callSearch({ query: `q${String(index)}` }, `t${String(index)}`),
      ),
    );
    const events: AgentEvent[] = [];
    const capped = await runAgent({
      client: looping,
      budget: createBudget({ usd: '1' }),
      model,
      prompt: 'x',
      tools: [search],
      maxTurns: 3,
      onEvent: (event) => events.push(event),
    });
    expect(capped).toMatchObject({ status: 'max_turns', turns: 3 });
    expect(events.filter((event) => event.type === 'agent.tool.call')).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: 'agent.finish', status: 'max_turns' });

    const controller = new AbortController();
    controller.abort(new Error('user canceled'));
    const aborted = await runAgent({
      client: createScriptedModelClient([answer('x')]),
      budget: createBudget({ usd: '1' }),
      model,
      prompt: 'x',
      signal: controller.signal,
    });
    expect(aborted.status).toBe('aborted');
  });

  it('refuses bad options, naming them', async () => {
    const client = createScriptedModelClient([]);
    await expect(
      runAgent({ client, budget: createBudget({ usd: 1 }), model, prompt: 'x', maxTurns: 0 }),
    ).rejects.toThrow(/Invalid maxTurns.*0/);
    await expect(
      runAgent({ client, budget: createBudget({ usd: 1 }), model, prompt: 'x', maxTokens: 1.5 }),
    ).rejects.toThrow(/Invalid maxTokens.*1\.5/);
  });
});
