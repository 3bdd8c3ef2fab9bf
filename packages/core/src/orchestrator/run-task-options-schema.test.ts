import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { AgentTool } from '../agent/agent-tool';
import { createBudget } from '../budget/budget';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { createFakeTaskClient, parallelPlan, roleOf } from './fake-task-client.test-helper';
import { resumeTask, runTask } from './run-task';
import { checkRunTaskOptions } from './run-task-options-schema';
import { createMemoryTaskStore } from './task-checkpoint';
import type { TaskEvent } from './task-events';

const task = 'Compare the three rivers.';
const search: AgentTool<{ query: string }> = {
  name: 'search',
  description: 'Searches.',
  input: z.object({ query: z.string() }),
  execute: () => 'found',
};

function show(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'not an Error';
}

async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('runTask: every option is checked before anything is spent', () => {
  // Of the 137 wrong inputs, these crashed with a TypeError (some
  // after a triage call was paid), were silently accepted, or named nothing.
  it.each([
    ['budget: null', { budget: null }, 'budget', null, /expected a Budget .*or budget options/],
    ['client: {}', { client: {} }, 'client.complete', undefined, /complete and boundInputTokens/],
    [
      'a tool without an input schema',
      { tools: [{ name: 'search', description: 'x', execute: () => 'x' }] },
      'tools[0].input',
      undefined,
      /zod 4 schema/,
    ],
    [
      'two tools with one name',
      { tools: [search, { ...search }] },
      'tools[1].name',
      'search',
      /each tool name once/,
    ],
    ["system: 'text'", { system: 'text' }, 'system', 'text', /list of texts/],
    ["store: 'yes'", { store: 'yes' }, 'store', 'yes', /TaskStore/],
    ["signal: 'abort'", { signal: 'abort' }, 'signal', 'abort', /AbortSignal/],
    ["now: 'x'", { now: 'x' }, 'now', 'x', /a clock/],
    ['maxRetries: -1', { maxRetries: -1 }, 'maxRetries', -1, /at least 0/],
    [
      'estimates.turns: -1 (no such estimate)',
      { estimates: { turns: -1 } },
      'estimates.turns',
      -1,
      /unknown option estimates.turns; known options of estimates: turnsPerSubtask/,
    ],
    [
      'a negative estimate',
      { estimates: { outputPerTurn: -1 } },
      'estimates.outputPerTurn',
      -1,
      /positive number/,
    ],
    ['a zero estimate', { estimates: { growthPerTurn: 0 } }, 'estimates.growthPerTurn', 0, /./],
    [
      'thresholds.caution: 2',
      { thresholds: { caution: 2 } },
      'thresholds.caution',
      2,
      /above 0 and at most 1/,
    ],
    [
      'caution above critical',
      { thresholds: { caution: 0.9, critical: 0.85 } },
      'thresholds.caution',
      0.9,
      /below critical \(0.85\)/,
    ],
    [
      'critical under the default caution',
      { thresholds: { critical: 0.5 } },
      'thresholds.critical',
      0.5,
      /above caution/,
    ],
    [
      'a missing dependency',
      { subtasks: [{ id: 'a', question: 'A?', dependsOn: ['b'] }] },
      'subtasks[0].dependsOn[0]',
      'b',
      /subtask of the list \(a\)/,
    ],
    [
      'a cycle',
      {
        subtasks: [
          { id: 'a', question: 'A?', dependsOn: ['b'] },
          { id: 'b', question: 'B?', dependsOn: ['a'] },
        ],
      },
      'subtasks[0].dependsOn',
      ['b'],
      /no cycle: a -> b -> a/,
    ],
    [
      'a subtask waiting on itself',
      { subtasks: [{ id: 'a', question: 'A?', dependsOn: ['a'] }] },
      'subtasks[0].dependsOn',
      ['a'],
      /no cycle: a -> a/,
    ],
    [
      'duplicate ids',
      {
        subtasks: [
          { id: 'a', question: 'A?' },
          { id: 'a', question: 'Again?' },
        ],
      },
      'subtasks[1].id',
      'a',
      /each id once; subtasks\[0\] has it too/,
    ],
    [
      'the typo maxAgent',
      { maxAgent: 3 },
      'maxAgent',
      3,
      /unknown option maxAgent; known options: task, client, budget, .*maxAgents/,
    ],
    [
      'maxTokens past the work model',
      { maxTokens: 1e9 },
      'maxTokens',
      1e9,
      /at most 128000, the largest output of claude-sonnet-4-6/,
    ],
    [
      'maxTokens past the synthesis model',
      { maxTokens: 20_000, models: { synthesize: 'claude-3-5-haiku-20241022' } },
      'maxTokens',
      20_000,
      /largest output of/,
    ],
    [
      'budget options with a typo',
      { budget: { usd: '1', limit: 2 } },
      'budget.limit',
      2,
      /unknown option budget.limit; known options of budget: usd, tokens/,
    ],
    ['budget options with no limit', { budget: { name: 'x' } }, 'budget', { name: 'x' }, /usd/],
    [
      'a tool named recall',
      { tools: [{ ...search, name: 'recall' }] },
      'tools[0].name',
      'recall',
      /pruning adds/,
    ],
    ['an unknown ladder step', { ladder: { order: ['nap'] } }, 'ladder.order[0]', 'nap', /step/],
    [
      'an unknown ladder tier',
      { ladder: { modelTiers: ['gpt-9'] } },
      'ladder.modelTiers[0]',
      'gpt-9',
      /./,
    ],
    ['a router that is not one', { router: {} }, 'router', {}, /createRouter/],
    ['a negative grace', { abortGraceMs: -1 }, 'abortGraceMs', -1, /milliseconds/],
  ])('%s', async (_name, change, argument, value, message) => {
    const client = createFakeTaskClient({});
    const error = await rejection(() =>
      runTask({ task, client, budget: { usd: '1' }, ...change } as never),
    );
    expect(InvalidArgumentError.isInstance(error), show(error)).toBe(true);
    expect(error).toMatchObject({ argument, value });
    expect((error as Error).message).toMatch(message);
    expect(client.calls).toHaveLength(0);
  });

  it('checks a long chain of subtasks without overflowing, and finds a cycle round it', () => {
    const chain = Array.from({ length: 20_000 }, (_, index) => ({
      id: `s${String(index)}`,
      question: 'Q?',
      dependsOn: index === 0 ? [] : [`s${String(index - 1)}`],
    }));
    const options = { task, client: createFakeTaskClient({}), budget: { usd: '1' } };
    expect(() => {
      checkRunTaskOptions({ ...options, subtasks: chain });
    }).not.toThrow();
    const closed = [{ ...chain[0], dependsOn: ['s19999'] }, ...chain.slice(1)];
    expect(() => {
      checkRunTaskOptions({ ...options, subtasks: closed });
    }).toThrow(
      /^Invalid subtasks\[0\]\.dependsOn: expected no cycle: s0 -> s19999 -> s19998 -> s19997 -> \.\.\. \(19994 more\) -> s2 -> s1 -> s0 waits on itself/,
    );
  });

  it('rejects options that are not an object, naming them', async () => {
    for (const options of [null, undefined, 'task', 42]) {
      const error = await rejection(() => runTask(options as never));
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ argument: 'options', value: options });
    }
  });

  it('keeps a dependency on a later subtask (it was dropped without a word)', async () => {
    const client = createFakeTaskClient({});
    const result = await runTask({
      task,
      client,
      budget: { usd: '5' },
      shape: 'fanOut',
      subtasks: [
        { id: 'y', question: 'Y after X?', dependsOn: ['x'] },
        { id: 'x', question: 'X?', dependsOn: [] },
      ],
    });
    expect(result.status).toBe('done');
    const subagents = client.calls.filter((call) => roleOf(call) === 'subagent');
    const prompts = subagents.map((call) => JSON.stringify(call.messages));
    expect(prompts).toHaveLength(2);
    expect(prompts[0]).not.toContain('Y after X?');
    // y ran second, and read what x found.
    expect(prompts[1]).toContain('Y after X?');
    expect(prompts[1]).toContain('Found: X?');
  });
});

describe('runTask keeps no checkpoint unless given a store', () => {
  it('saves nothing without a store, and each settled step with one', async () => {
    const events: TaskEvent[] = [];
    const result = await runTask({
      task,
      client: createFakeTaskClient({}),
      budget: { usd: '5' },
      shape: 'single',
      onEvent: (event) => events.push(event),
    });
    expect(result.status).toBe('done');
    // Before, the default store wrote .bursar/tasks/<id>.json in the working directory.
    expect(events.filter((event) => event.type === 'task.checkpoint')).toEqual([]);

    // The crash: a fan-out with every other option at its default
    // saved concurrently to the default file store (ENOENT, unhandled).
    const fanOut = await runTask({
      task,
      client: createFakeTaskClient({ plan: parallelPlan(4) }),
      budget: { usd: '5' },
      shape: 'fanOut',
      onEvent: (event) => events.push(event),
    });
    expect(fanOut.status).toBe('done');
    expect(events.filter((event) => event.type === 'task.checkpoint')).toEqual([]);

    const store = createMemoryTaskStore();
    const kept = await runTask({
      task,
      client: createFakeTaskClient({}),
      budget: { usd: '5' },
      shape: 'single',
      store,
    });
    expect(store.checkpoints.get(kept.taskId)?.status).toBe('done');
  });
});

describe('resumeTask checks the checkpoint it is given', () => {
  it.each([
    ['null', null, 'checkpoint', null],
    ['text', 'task_1', 'checkpoint', 'task_1'],
    ['another format', { format: 'bursar-task/v0' }, 'checkpoint.format', 'bursar-task/v0'],
  ])('%s', async (_name, checkpoint, argument, value) => {
    const client = createFakeTaskClient({});
    const error = await rejection(() => resumeTask(checkpoint as never, { client }));
    expect(InvalidArgumentError.isInstance(error), show(error)).toBe(true);
    expect(error).toMatchObject({ argument, value });
  });

  it('names a damaged field of a real checkpoint, and a bad option', async () => {
    const store = createMemoryTaskStore();
    const client = createFakeTaskClient({});
    const first = await runTask({ task, client, budget: { usd: '5' }, shape: 'single', store });
    const checkpoint = first.checkpoint;
    const entry = checkpoint.ledger[0];
    if (entry === undefined) throw new Error('expected a ledger entry');
    const damaged = { ...checkpoint, ledger: [{ ...entry, cost: -5 }] };
    const error = await rejection(() => resumeTask(damaged, { client }));
    expect(error).toMatchObject({ argument: 'checkpoint.ledger[0].cost', value: -5 });
    const typo = await rejection(() => resumeTask(checkpoint, { client, stor: store } as never));
    expect(typo).toMatchObject({ argument: 'stor' });
    expect((typo as Error).message).toMatch(/known options: client, /);
    const resumed = await resumeTask(checkpoint, { client, store });
    expect(resumed.status).toBe('done');
  });
});

describe('checkRunTaskOptions, property: wrong input gets an InvalidArgumentError naming the option', () => {
  const client = createFakeTaskClient({});
  const valid = { task, client, budget: { usd: '1' } };
  const keys = [
    'task',
    'client',
    'budget',
    'shape',
    'subtasks',
    'tools',
    'system',
    'reference',
    'models',
    'router',
    'maxTokens',
    'minOutputTokens',
    'maxTurns',
    'concurrency',
    'maxAgents',
    'maxDepth',
    'maxFanOutPremium',
    'estimates',
    'ladder',
    'thresholds',
    'context',
    'lane',
    'deadline',
    'batch',
    'maxRetries',
    'store',
    'taskId',
    'signal',
    'abortGraceMs',
    'onEvent',
    'now',
    'sleep',
  ];

  /** What checking `options` threw, or undefined. */
  function outcome(options: unknown): unknown {
    try {
      checkRunTaskOptions(options);
      return undefined;
    } catch (error) {
      return error;
    }
  }

  it('any value for any option: accepted, or an InvalidArgumentError naming that option', () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.anything(), (key, value) => {
        const error = outcome({ ...valid, [key]: value });
        if (error === undefined) return;
        rejected += 1;
        expect(InvalidArgumentError.isInstance(error), show(error)).toBe(true);
        const named = (error as InvalidArgumentError).argument;
        expect(named === key || named.startsWith(`${key}.`) || named.startsWith(`${key}[`)).toBe(
          true,
        );
        expect((error as Error).message).toContain(named);
      }),
      { numRuns: 1000 },
    );
    // Nearly every random value is wrong for a typed option.
    expect(rejected).toBeGreaterThan(500);
  }, 30_000);

  it('any value at a nested option: accepted, or an InvalidArgumentError naming its path', () => {
    const nested: readonly (readonly [string, (value: unknown) => object])[] = [
      ['thresholds.caution', (value) => ({ thresholds: { caution: value } })],
      ['thresholds', (value) => ({ thresholds: { critical: value, target: value } })],
      ['estimates.turnsPerSubtask', (value) => ({ estimates: { turnsPerSubtask: value } })],
      ['models.work', (value) => ({ models: { work: value } })],
      ['ladder.qualityLoss', (value) => ({ ladder: { qualityLoss: { prune: value } } })],
      ['ladder.order', (value) => ({ ladder: { order: [value] } })],
      ['batch.poll', (value) => ({ batch: { poll: { multiplier: value } } })],
      ['context.compaction', (value) => ({ context: { compaction: { thresholdTokens: value } } })],
      ['context.prune', (value) => ({ context: { prune: value } })],
      ['subtasks[0]', (value) => ({ subtasks: [{ id: 'a', question: value }] })],
      ['subtasks', (value) => ({ subtasks: [{ id: 'a', question: 'A?', dependsOn: value }] })],
      ['subtasks', (value) => ({ subtasks: [{ id: value, question: 'A?' }, value] })],
      ['tools[0]', (value) => ({ tools: [{ ...search, input: value }] })],
      ['tools', (value) => ({ tools: [search, value] })],
      ['budget', (value) => ({ budget: { usd: value } })],
      ['budget', (value) => ({ budget: { tokens: value, enforcement: value } })],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...nested), fc.anything(), ([path, place], value) => {
        const error = outcome({ ...valid, ...place(value) });
        if (error === undefined) return;
        expect(InvalidArgumentError.isInstance(error), show(error)).toBe(true);
        expect((error as InvalidArgumentError).argument.startsWith(path)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  }, 30_000);

  it('through runTask: a wrong option rejects with an InvalidArgumentError and nothing is called', async () => {
    const modelKeys = ['models', 'maxTokens', 'ladder', 'context', 'budget', 'lane', 'tools'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...modelKeys), fc.anything(), async (key, value) => {
        const calls = createFakeTaskClient({});
        const error = await rejection(() =>
          runTask({ ...valid, client: calls, [key]: value, shape: 'single' } as never),
        );
        if (error === undefined) return;
        expect(InvalidArgumentError.isInstance(error), show(error)).toBe(true);
        expect((error as InvalidArgumentError).argument.startsWith(key)).toBe(true);
        expect(calls.calls).toHaveLength(0);
      }),
      { numRuns: 200 },
    );
  }, 30_000);

  it('any unknown key: an InvalidArgumentError naming it and listing the known ones', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((key) => !keys.includes(key) && key !== '__proto__'),
        fc.anything(),
        (key, value) => {
          const error = outcome({ ...valid, [key]: value });
          expect(InvalidArgumentError.isInstance(error), show(error)).toBe(true);
          expect((error as Error).message).toMatch(/unknown option .*; known options: task, /);
        },
      ),
      { numRuns: 300 },
    );
  }, 30_000);

  it('any value as the options: never anything but an InvalidArgumentError', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true }), (options) => {
        const error = outcome(options);
        expect(InvalidArgumentError.isInstance(error), show(error)).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it('a budget drawn on passes; one from another copy of the package passes by its shape', () => {
    expect(outcome({ ...valid, budget: createBudget({ usd: '1' }) })).toBeUndefined();
    const budget = createBudget({ usd: '1' });
    const copy = {
      tryReserve: budget.tryReserve.bind(budget),
      snapshot: budget.snapshot.bind(budget),
      subscribe: budget.subscribe.bind(budget),
      priceTable: budget.priceTable,
    };
    expect(outcome({ ...valid, budget: copy })).toBeUndefined();
  });
});
