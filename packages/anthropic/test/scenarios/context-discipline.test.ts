import {
  createBudget,
  promptTokens,
  runAgent,
  type AgentEvent,
  type AnyAgentTool,
  type RunAgentOptions,
} from '@bursar/core';
import {
  createSimulator,
  createWorkloadTools,
  loadShippedWorkloads,
  type Simulator,
} from '@bursar/simulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createAnthropicClient } from '../../src/index';

// The shipped 30-turn tool loop: 30 pages of 1-3k-token JSON results.
const shipped = loadShippedWorkloads().find((candidate) => candidate.id === 'tool-loops');
const thirtyTurns = shipped?.tasks.find((candidate) => candidate.steps.length === 30);
if (shipped === undefined || thirtyTurns === undefined) {
  throw new Error('the shipped tool-loops workload with a 30-step task is missing');
}
const workload = shipped;
const task = thirtyTurns;
const model = 'claude-sonnet-4-6';

let simulator: Simulator;
let url: string;
beforeEach(async () => {
  simulator = createSimulator({ workloads: [workload], latency: { mode: 'zero' } });
  ({ url } = await simulator.listen());
});
afterEach(async () => {
  await simulator.close();
});

function tools(): AnyAgentTool[] {
  const workloadTools = createWorkloadTools(workload);
  return workloadTools.definitions.map((definition) => ({
    name: definition.name,
    description: definition.description,
    input: z.record(z.string(), z.unknown()),
    execute: (input: Record<string, unknown>) => workloadTools.execute(definition.name, input),
  }));
}

async function run(overrides: Partial<RunAgentOptions> = {}) {
  const events: AgentEvent[] = [];
  const budget = createBudget({ usd: '20' });
  const result = await runAgent({
    client: createAnthropicClient({ apiKey: 'sk-scenario', baseURL: url }),
    budget,
    model,
    prompt: task.prompt,
    system: [workload.systemPrompt],
    tools: tools(),
    maxTurns: 60,
    maxTokens: 2_000,
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  const turns = events.filter((event) => event.type === 'agent.turn.end');
  return {
    result,
    events,
    turns,
    budget,
    grade: simulator.grade(task.id, result.text).score,
  };
}

describe('context discipline on a 30-turn tool-heavy workload, through the SDK over HTTP', () => {
  it('reads at least 90% of its prompt tokens from cache after turn 2', async () => {
    const { result, turns, grade } = await run();
    expect(result.status).toBe('completed');
    expect(turns.length).toBeGreaterThanOrEqual(30);
    const later = turns.slice(2);
    const read = later.reduce((sum, turn) => sum + turn.usage.cacheRead, 0);
    const prompt = later.reduce((sum, turn) => sum + promptTokens(turn.usage), 0);
    expect(read / prompt).toBeGreaterThanOrEqual(0.9);
    expect(grade).toBe(1);
    // The ledger is the invoice, to the nano-dollar.
    expect(result.cost).toBe(simulator.invoice().total);
  });

  it('prunes results after use: the grade holds, the bill falls, and nothing unanswered is pruned', async () => {
    const plain = await run();
    simulator.reset();
    const pruned = await run({ context: { prune: true } });
    expect(pruned.grade).toBe(plain.grade);
    expect(pruned.result.cost).toBeLessThan(plain.result.cost);
    const prunes = pruned.events.filter((event) => event.type === 'agent.context.prune');
    expect(prunes.length).toBeGreaterThan(0);
    // Every pruned note stands in a message the model answered after.
    const messages = pruned.result.messages;
    const lastAssistant = messages.map((message) => message.role).lastIndexOf('assistant');
    messages.forEach((message, index) => {
      const prunedHere = message.content.some(
        (part) => part.type === 'tool-result' && part.content.startsWith('[pruned]'),
      );
      if (prunedHere) expect(index).toBeLessThan(lastAssistant);
    });
  });

  it('keeps per-turn input bounded with compaction, at a counted cost', async () => {
    const threshold = 12_000;
    const plain = await run();
    simulator.reset();
    const compacted = await run({ context: { compaction: { thresholdTokens: threshold } } });
    const largest = (turns: typeof plain.turns) =>
      Math.max(...turns.map((turn) => promptTokens(turn.usage)));
    expect(largest(plain.turns)).toBeGreaterThan(3 * threshold);
    // Bounded: a turn's prompt never passes the threshold by more than one turn's growth.
    expect(largest(compacted.turns)).toBeLessThan(threshold + 6_000);
    const compactions = compacted.events.filter((event) => event.type === 'agent.context.compact');
    expect(compactions.length).toBeGreaterThan(0);
    expect(compacted.grade).toBe(1);
    // The summarizer's calls are in the ledger and the invoice alike.
    expect(compacted.result.cost).toBe(simulator.invoice().total);
    expect(simulator.invoice().lines.some((line) => line.model === 'claude-haiku-4-5')).toBe(true);
  });

  it('raises prefix_bust when the system prompt changes', async () => {
    const { events } = await run({
      maxTurns: 4,
      system: (turn) => [
        workload.systemPrompt,
        turn < 2 ? 'Session opened.' : 'Session opened. It is now 10:42.',
      ],
    });
    const busts = events.filter((event) => event.type === 'agent.prefix.bust');
    expect(busts).toHaveLength(1);
    expect(busts[0]).toMatchObject({ segment: 'system', turn: 2 });
  });
});
