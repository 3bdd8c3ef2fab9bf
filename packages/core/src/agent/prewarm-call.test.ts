import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { AgentTool } from './agent-tool';
import { runAgent } from './run-agent';
import { createBudget } from '../budget/budget';
import type { ModelRequest } from '../model/model-request';
import { cost } from '../pricing/price-call';
import { createScriptedModelClient, scriptedResponse } from '../testing/scripted-model-client';
import { createUsage, promptTokens, type Usage } from '../usage/usage';

const model = 'claude-sonnet-4-6';
// A paged tool: every page is about 3,000 tokens (four bytes a token).
const page: AgentTool<{ page: number }> = {
  name: 'page',
  description: 'Reads a page.',
  input: z.object({ page: z.number() }),
  execute: ({ page: number }) => `page ${String(number)} `.repeat(1_500),
};
// What a request holds, in tokens by the same four-byte estimate.
const size = (request: ModelRequest): number => Math.ceil(JSON.stringify(request).length / 4);
// What the scripted provider bills: a pre-warm writes its prompt; a turn writes 1,000 new tokens.
const usageOf = (request: ModelRequest): Usage =>
  createUsage(
    request.maxTokens === 0
      ? { cacheWrite5m: size(request) }
      : { cacheRead: Math.max(0, size(request) - 1_000), cacheWrite5m: 1_000, output: 20 },
  );

/**
 * A model that reads 20 pages, one a turn, then answers; a pre-warm
 * (`maxTokens: 0`) gets an empty response or `prewarmError`.
 */
function pagingClient(prewarmError?: Error) {
  let pages = 0;
  return createScriptedModelClient(
    Array.from({ length: 100 }, () => (request: ModelRequest) => {
      const usage = usageOf(request);
      if (request.maxTokens === 0) return prewarmError ?? scriptedResponse({ content: [], usage });
      pages += 1;
      return pages > 20
        ? scriptedResponse({ content: [{ type: 'text', text: 'All pages read.' }], usage })
        : scriptedResponse({
            content: [
              { type: 'tool-call', id: `t${String(pages)}`, name: 'page', input: { page: pages } },
            ],
            usage,
          });
    }),
  );
}

describe('pre-warming the pruned conversation', () => {
  it('sends maxTokens-0 requests between turns, through the budget, and counts them', async () => {
    const client = pagingClient();
    const budget = createBudget({ usd: '5' });
    const result = await runAgent({
      client,
      budget,
      model,
      prompt: 'Read every page.',
      tools: [page],
      maxTurns: 30,
      context: { prune: true },
    });
    expect(result).toMatchObject({ status: 'completed', turns: 21 });
    const prewarms = client.calls.filter((request) => request.maxTokens === 0);
    expect(prewarms.length).toBeGreaterThan(0);
    expect(client.calls.length).toBe(21 + prewarms.length);
    for (const prewarm of prewarms) {
      // It ends with the pruned results the model answered, before its last answer.
      const index = client.calls.indexOf(prewarm);
      const next = client.calls[index + 1];
      expect(prewarm.messages.at(-1)?.role).toBe('user');
      expect(next?.messages.slice(0, prewarm.messages.length)).toEqual(prewarm.messages);
      expect(next?.messages.length).toBe(prewarm.messages.length + 2);
      expect(prewarm.cache).toEqual(next?.cache);
    }
    // Every call, pre-warms included, is in the ledger and the result.
    const usages = client.calls.map(usageOf);
    const total = usages.reduce((sum, usage) => sum + cost(usage, model), 0);
    expect(result.cost).toBe(total);
    expect(budget.spent.usd).toBe(total);
    expect(budget.snapshot().openReservations).toBe(0);
    expect(promptTokens(result.usage)).toBe(
      usages.reduce((sum, usage) => sum + promptTokens(usage), 0),
    );
  });

  it('goes on without pre-warms once the provider refuses one', async () => {
    const client = pagingClient(new Error('max_tokens: 0 is not supported'));
    const budget = createBudget({ usd: '5' });
    const result = await runAgent({
      client,
      budget,
      model,
      prompt: 'Read every page.',
      tools: [page],
      maxTurns: 30,
      context: { prune: true },
    });
    expect(result).toMatchObject({ status: 'completed', turns: 21 });
    expect(client.calls.filter((request) => request.maxTokens === 0)).toHaveLength(1);
    expect(budget.snapshot().openReservations).toBe(0);
  });

  it('is never sent with context.prune.prewarm false', async () => {
    const client = pagingClient();
    const result = await runAgent({
      client,
      budget: createBudget({ usd: '5' }),
      model,
      prompt: 'Read every page.',
      tools: [page],
      maxTurns: 30,
      context: { prune: { prewarm: false } },
    });
    expect(result.status).toBe('completed');
    expect(client.calls.filter((request) => request.maxTokens === 0)).toHaveLength(0);
  });
});
