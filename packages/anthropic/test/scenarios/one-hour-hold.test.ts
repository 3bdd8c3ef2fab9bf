import { createBudget, runAgent, type BudgetEvent } from '@bursar/core';
import { createSimulator, createWorkloadTools, loadShippedWorkloads } from '@bursar/simulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createAnthropicClient } from '../../src/index';

// A tool loop whose system prompt is long enough to be cached for an hour
// (sonnet-4-6 caches from 1,024 tokens): the only prefix a 1-hour write can
// cover. Holds price that part at the 1-hour write, the rest at the 5-minute
// write; the simulator bills as the API does, so no charge may pass its hold.
const workload = loadShippedWorkloads().find((candidate) => candidate.id === 'tool-loops');
const task = workload?.tasks[0];
if (workload === undefined || task === undefined) throw new Error('tool-loops workload missing');
const longSystem = Array.from(
  { length: 400 },
  (_, index) => `Rule ${String(index)}: cite the page and the field you read.`,
).join('\n');

let simulator: ReturnType<typeof createSimulator>;
let url: string;
beforeEach(async () => {
  simulator = createSimulator({ workloads: [workload], latency: { mode: 'zero' } });
  ({ url } = await simulator.listen());
});
afterEach(async () => {
  await simulator.close();
});

describe('holds with a 1-hour system breakpoint, through the SDK over HTTP', () => {
  it('hold the 1-hour write only for the system prefix, and no charge passes its hold', async () => {
    const events: BudgetEvent[] = [];
    const turnStarts: { inputTokensBound: number; maxTokens: number }[] = [];
    const budget = createBudget({ usd: '20', onEvent: (event) => events.push(event) });
    const workloadTools = createWorkloadTools(workload);
    const result = await runAgent({
      client: createAnthropicClient({ apiKey: 'sk-scenario', baseURL: url }),
      budget,
      model: 'claude-sonnet-4-6',
      prompt: task.prompt,
      system: [workload.systemPrompt, longSystem],
      tools: workloadTools.definitions.map((definition) => ({
        name: definition.name,
        description: definition.description,
        input: z.record(z.string(), z.unknown()),
        execute: (input: Record<string, unknown>) => workloadTools.execute(definition.name, input),
      })),
      maxTurns: 60,
      onEvent: (event) => {
        if (event.type === 'agent.turn.start') turnStarts.push(event);
      },
    });
    expect(result.status).toBe('completed');
    const charges = events.flatMap((event) =>
      event.type === 'budget.reservation.charge' ? [event] : [],
    );
    expect(charges.length).toBe(result.turns);
    // The system really is written for an hour, and the conversation for five minutes.
    expect(result.usage.cacheWrite1h).toBeGreaterThan(1_024);
    expect(result.usage.cacheWrite5m).toBeGreaterThan(0);
    for (const charge of charges) expect(charge.overrun.usd).toBe(0);
    expect(budget.spent.usd).toBe(simulator.invoice().total);

    // Each hold is at most the whole prompt bound at the 1-hour price (the rule before); a turn held
    // from the last billed prompt may have a bound below the prefix's byte bound, then they are equal.
    const holds = events.flatMap((event) =>
      event.type === 'budget.reservation.create' ? [event.held.usd] : [],
    );
    expect(holds).toHaveLength(turnStarts.length);
    turnStarts.forEach((start, index) => {
      const whole = budget.bound({
        model: 'claude-sonnet-4-6',
        inputTokensBound: start.inputTokensBound,
        maxTokens: start.maxTokens,
        cacheWrites: '1h',
      }).usd;
      expect(holds[index]).toBeLessThanOrEqual(whole);
    });
  });
});
