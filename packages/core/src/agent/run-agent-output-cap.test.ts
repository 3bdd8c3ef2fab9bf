import { describe, expect, it } from 'vitest';
import { createBudget } from '../budget/budget';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { ModelMessage } from '../model/model-request';
import { createScriptedModelClient, scriptedResponse } from '../testing/scripted-model-client';
import type { AgentEvent } from './agent-events';
import { runAgent } from './run-agent';

// claude-sonnet-4-6: $3 input, $15 output per million. With no cache plan the
// prompt is held at the input price: an exact count of 1,000 tokens holds
// $0.003, and 1,024 output tokens $0.01536. A $0.0075 budget holds the prompt
// and 300 output tokens: (7,500,000 - 3,000,000) / 15,000 nano-dollars a token.
const model = 'claude-sonnet-4-6';
const limit = '0.0075';
const countTokens = (): number => 1_000;

describe('runAgent: a turn the budget cannot hold at maxTokens', () => {
  it('runs with the largest output cap that fits, and says so', async () => {
    const client = createScriptedModelClient(
      [
        scriptedResponse({
          content: [{ type: 'text', text: 'The Amber.' }],
          usage: { input: 1_000, output: 60 },
        }),
      ],
      { countTokens },
    );
    const budget = createBudget({ usd: limit });
    const events: AgentEvent[] = [];
    const result = await runAgent({
      client,
      budget,
      model,
      prompt: 'Which river?',
      cache: {},
      onEvent: (event) => events.push(event),
    });
    expect(result).toMatchObject({ status: 'completed', text: 'The Amber.' });
    expect(client.calls[0]?.maxTokens).toBe(300);
    expect(events).toContainEqual({
      type: 'agent.output.cap',
      agent: 'agent',
      turn: 0,
      maxTokens: 300,
      requested: 1024,
    });
    expect(events.find((event) => event.type === 'agent.turn.start')).toMatchObject({
      maxTokens: 300,
    });
    // $0.003 + 60 x $0.000015 = $0.0039
    expect(budget.spent.usd).toBe(3_900_000);
    expect(budget.snapshot().openReservations).toBe(0);
  });

  it('stops when cut at that cap, keeping what the model wrote as the partial answer', async () => {
    const earlier: ModelMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'Which river?' }] },
      {
        role: 'assistant',
        content: [{ type: 'text', text: 'Noted: the Amber flows through Kell.' }],
      },
      { role: 'user', content: [{ type: 'text', text: 'Go on.' }] },
    ];
    const client = createScriptedModelClient(
      [
        scriptedResponse({
          content: [{ type: 'text', text: 'The answer is the Am' }],
          finishReason: { unified: 'length', raw: 'max_tokens' },
          usage: { input: 1_000, output: 300 },
        }),
      ],
      { countTokens },
    );
    const budget = createBudget({ usd: limit });
    const result = await runAgent({ client, budget, model, prompt: earlier, cache: {} });
    expect(result.status).toBe('budget_exhausted');
    expect(result.text).toBe('Noted: the Amber flows through Kell.\n\nThe answer is the Am');
    // The cut turn is paid for but not kept: a continuation starts from a whole turn.
    expect(result.messages).toEqual(earlier);
    expect(result.turns).toBe(1);
    expect(budget.spent.usd).toBe(7_500_000);
    expect(budget.spent.usd).toBe(result.cost);
  });

  it('does not call at all below minOutputTokens, or when told never to shrink', async () => {
    for (const minOutputTokens of [301, 1024]) {
      const client = createScriptedModelClient([scriptedResponse({})], { countTokens });
      const result = await runAgent({
        client,
        budget: createBudget({ usd: limit }),
        model,
        prompt: 'Which river?',
        cache: {},
        minOutputTokens,
      });
      expect(result.status).toBe('budget_exhausted');
      expect(client.calls).toHaveLength(0);
    }
  });

  it('refuses a minOutputTokens that is not a whole number from 1 to maxTokens, naming it', async () => {
    const client = createScriptedModelClient([]);
    for (const minOutputTokens of [0, 2.5, 2_000]) {
      const run = runAgent({
        client,
        budget: createBudget({ usd: 1 }),
        model,
        prompt: 'x',
        maxTokens: 1_024,
        minOutputTokens,
      });
      await expect(run).rejects.toThrow(InvalidArgumentError);
      await expect(run).rejects.toThrow(
        new RegExp(`minOutputTokens.*${String(minOutputTokens).replace('.', '\\.')}`),
      );
    }
  });
});
