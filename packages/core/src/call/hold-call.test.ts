import { describe, expect, it } from 'vitest';
import { createBudget } from '../budget/budget';
import { worstCaseCost } from '../budget/call-bound';
import type { ModelMessage, ModelRequest } from '../model/model-request';
import { defaultPriceTable } from '../pricing/price-table';
import { createScriptedModelClient } from '../testing/scripted-model-client';
import { holdCall } from './hold-call';
import { incrementalPromptBound } from './incremental-prompt-bound';

const retry = { maxRetries: 0, sleep: () => Promise.resolve() };
const model = 'claude-sonnet-4-6';
const task: ModelMessage = { role: 'user', content: [{ type: 'text', text: 'Which river?' }] };
const call: ModelMessage = {
  role: 'assistant',
  content: [{ type: 'tool-call', id: 't1', name: 'search', input: { query: 'Kell' } }],
};
const result: ModelMessage = {
  role: 'user',
  content: [{ type: 'tool-result', toolCallId: 't1', content: 'The Amber flows through Kell.' }],
};
const tools = [{ name: 'search', description: 'Searches.', inputSchema: { type: 'object' } }];
const reference = ['x'.repeat(20_000)];
const first: ModelRequest = {
  model,
  tools,
  system: ['Be brief.'],
  reference,
  messages: [task],
  maxTokens: 512,
  cache: { system: '1h', conversation: '5m' },
};
const second: ModelRequest = { ...first, messages: [task, call, result] };

describe('incrementalPromptBound', () => {
  const client = createScriptedModelClient([]);

  it('is the billed prompt plus the bound of what was appended', () => {
    const appended = client.boundInputTokens(second) - client.boundInputTokens(first);
    expect(incrementalPromptBound(client, { request: first, tokens: 5_100 }, second)).toBe(
      5_100 + appended,
    );
    expect(appended).toBeLessThan(client.boundInputTokens(second) / 10);
  });

  it('is undefined once the conversation was rewritten or the prefix changed', () => {
    const prior = { request: second, tokens: 5_200 };
    const pruned = { ...second, messages: [task, call, { ...result }] };
    expect(incrementalPromptBound(client, prior, pruned)).toBeUndefined();
    expect(
      incrementalPromptBound(client, prior, { ...second, system: ['Be long.'] }),
    ).toBeUndefined();
    expect(
      incrementalPromptBound(client, prior, { ...second, model: 'claude-haiku-4-5' }),
    ).toBeUndefined();
    expect(
      incrementalPromptBound(client, prior, {
        ...second,
        providerOptions: { anthropic: { contextManagement: {} } },
      }),
    ).toBeUndefined();
    expect(incrementalPromptBound(client, prior, first)).toBeUndefined();
  });
});

describe('holdCall', () => {
  it('holds from the last billed prompt when the request extends it', async () => {
    const client = createScriptedModelClient([]);
    const budget = createBudget({ usd: '10' });
    const held = await holdCall({
      budget,
      client,
      request: second,
      label: 'turn 2',
      retry,
      lastBilled: { request: first, tokens: 5_100 },
    });
    expect(held.status).toBe('held');
    const bound = held.status === 'held' ? held.inputTokensBound : 0;
    expect(bound).toBe(incrementalPromptBound(client, { request: first, tokens: 5_100 }, second));
    expect(bound).toBeLessThan(client.boundInputTokens(second));
  });

  it('holds a prompt below the minimum cacheable length at the input price', async () => {
    const client = createScriptedModelClient([]);
    const budget = createBudget({ usd: '10' });
    const short: ModelRequest = { ...first, reference: [], tools: [] };
    const held = await holdCall({ budget, client, request: short, label: 'short', retry });
    const inputTokensBound = client.boundInputTokens(short);
    expect(inputTokensBound).toBeLessThan(defaultPriceTable.resolve(model).minCacheableTokens);
    expect(held.status === 'held' && held.reservation.bound.usd).toBe(
      worstCaseCost(
        { model, inputTokensBound, maxTokens: 512, cacheWrites: 'none' },
        defaultPriceTable,
      ),
    );
  });
});
