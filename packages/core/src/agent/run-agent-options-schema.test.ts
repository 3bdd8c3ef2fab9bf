import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createBudget } from '../budget/budget';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { createScriptedModelClient } from '../testing/scripted-model-client';
import type { AgentTool } from './agent-tool';
import { checkRunAgentOptions } from './run-agent-options-schema';

const search: AgentTool<{ query: string }> = {
  name: 'search',
  description: 'Searches.',
  input: z.object({ query: z.string() }),
  execute: () => 'found',
};

function base(): Record<string, unknown> {
  return {
    client: createScriptedModelClient([]),
    budget: createBudget({ usd: '1' }),
    model: 'claude-sonnet-4-6',
    prompt: 'Find the river of Kell.',
  };
}

function thrown(options: unknown): InvalidArgumentError {
  try {
    checkRunAgentOptions(options);
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw new Error(`expected an InvalidArgumentError, got ${String(error)}`);
  }
  throw new Error('expected an InvalidArgumentError, nothing was thrown');
}

describe('checkRunAgentOptions', () => {
  it('accepts good options, every optional one included', () => {
    expect(() => {
      checkRunAgentOptions(base());
    }).not.toThrow();
    expect(() => {
      checkRunAgentOptions({
        ...base(),
        prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
        system: (turn: number) => [`turn ${String(turn)}`],
        reference: ['A'],
        tools: [search],
        maxTurns: 3,
        maxTokens: 64_000,
        minOutputTokens: 100,
        cache: { system: '1h', conversation: '5m' },
        maxRetries: 0,
        sleep: () => Promise.resolve(),
        signal: new AbortController().signal,
        name: 'a',
        identity: { id: 'single', role: 'single' },
        abortGraceMs: 0,
        beforeCall: () => Promise.resolve(),
        afterTurn: () => Promise.resolve(),
        onEvent: () => undefined,
        context: { prune: { minResultTokens: 10 }, compaction: { thresholdTokens: 1000 } },
      });
    }).not.toThrow();
  });

  // Each of these crashed with a TypeError, was accepted, or named no option.
  it.each([
    ['client', { client: {} }, 'client.complete', undefined, /complete and boundInputTokens/],
    [
      'budget options instead of a budget',
      { budget: { usd: '1' } },
      'budget',
      { usd: '1' },
      /not budget options: create it with createBudget/,
    ],
    ['budget: null', { budget: null }, 'budget', null, /expected a Budget/],
    [
      'a tool without an input schema',
      { tools: [{ ...search, input: undefined }] },
      'tools[0].input',
      undefined,
      /zod 4 schema/,
    ],
    [
      'two tools with one name',
      { tools: [search, { ...search }] },
      'tools[1].name',
      'search',
      /each tool name once; tools\[0\] has it too/,
    ],
    ['system as one text', { system: 'text' }, 'system', 'text', /list of texts/],
    ['signal as text', { signal: 'abort' }, 'signal', 'abort', /AbortSignal/],
    ['maxRetries: -1', { maxRetries: -1 }, 'maxRetries', -1, /whole number of at least 0/],
    ['an empty prompt', { prompt: '' }, 'prompt', '', /non-empty text/],
    ['an empty conversation', { prompt: [] }, 'prompt', [], /non-empty list of messages/],
    ['a typo', { maxTurn: 3 }, 'maxTurn', 3, /unknown option maxTurn; known options: client, /],
    [
      'a nested typo',
      { cache: { sytem: '1h' } },
      'cache.sytem',
      '1h',
      /unknown option cache.sytem; known options of cache: tools, system/,
    ],
    [
      'maxTokens past the model',
      { maxTokens: 1e9 },
      'maxTokens',
      1e9,
      /at most 128000, the largest output of claude-sonnet-4-6/,
    ],
    ['an unknown model', { model: 'gpt-9' }, 'model', 'gpt-9', /./],
    [
      'minOutputTokens over maxTokens',
      { maxTokens: 100, minOutputTokens: 200 },
      'minOutputTokens',
      200,
      /from 1 to maxTokens \(100\)/,
    ],
    [
      'a tool named recall while pruning',
      { tools: [{ ...search, name: 'recall' }], context: { prune: true } },
      'tools[0].name',
      'recall',
      /pruning adds a tool of that name/,
    ],
    [
      'a compaction output past its model',
      { context: { compaction: { thresholdTokens: 10, maxTokens: 100_000 } } },
      'context.compaction.maxTokens',
      100_000,
      /largest output of claude-haiku-4-5/,
    ],
    ['identity role', { identity: { id: 'x', role: 'boss' } }, 'identity.role', 'boss', /one of/],
  ])('%s', (_name, change, argument, value, message) => {
    const error = thrown({ ...base(), ...change });
    expect(error.argument).toBe(argument);
    expect(error.value).toEqual(value);
    expect(error.message).toMatch(message);
  });

  it('names the options object itself when it is not one', () => {
    expect(thrown(null).argument).toBe('options');
    expect(thrown('x').message).toMatch(/client, budget, model, prompt/);
  });
});
