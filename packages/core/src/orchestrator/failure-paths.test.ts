import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { AnyAgentTool } from '../agent/agent-tool';
import { MaxTurnsExceededError } from '../errors/max-turns-exceeded-error';
import { ProviderApiError } from '../model/provider-api-error';
import { usdToNanodollars } from '../money/nanodollars';
import { createFakeTaskClient, parallelPlan } from './fake-task-client.test-helper';
import { createHostileClient, seededRandom } from './hostile-task-client.test-helper';
import { resumeTask, runTask } from './run-task';
import { committedSpend, createMemoryTaskStore, type TaskCheckpoint } from './task-checkpoint';

const task = 'Compare the three rivers.';
const subtasks = [1, 2, 3].map((n) => ({
  id: `s${String(n)}`,
  question: `Q${String(n)}?`,
  dependsOn: [],
}));
const noWait = (): Promise<void> => Promise.resolve();

function probe(result: () => unknown): AnyAgentTool {
  return {
    name: 'probe',
    description: 'Looks something up.',
    input: z.object({ query: z.string() }),
    execute: () => result() as string,
  };
}

// Every run here must end without an unhandled rejection: count them.
let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  // Let any stray rejection surface before counting.
  await new Promise((resolve) => setImmediate(resolve));
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe('runTask: hostile tool results are text', () => {
  it.each([
    ['a number', () => 42, '42'],
    ['null', () => null, ''],
    ['undefined', () => undefined, ''],
    ['an object', () => ({ river: 'Amber' }), '{"river":"Amber"}'],
  ])(
    'a tool returning %s: every subagent finishes, and the model reads text',
    async (_, result, text) => {
      const client = createHostileClient(1);
      const read: unknown[] = [];
      const watched = {
        ...client,
        complete: (request: Parameters<typeof client.complete>[0]) => {
          for (const message of request.messages)
            for (const part of message.content)
              if (part.type === 'tool-result') read.push(part.content);
          return client.complete(request);
        },
      };
      const outcome = await runTask({
        task,
        client: watched,
        budget: { usd: '5' },
        shape: 'fanOut',
        subtasks,
        tools: [probe(result)],
        sleep: noWait,
      });
      expect(outcome.status).toBe('done');
      for (const id of ['s1', 's2', 's3'])
        expect(outcome.checkpoint.subtasks[id]?.status).toBe('completed');
      expect(read.length).toBeGreaterThan(0);
      for (const content of read) expect(content).toBe(text);
      expect(outcome.report.cost).toBe(client.invoice);
    },
  );

  it('a 5 MB result does not crash the run: the budget refuses what it cannot hold', async () => {
    const client = createHostileClient(2);
    const outcome = await runTask({
      task,
      client,
      budget: { usd: '0.50' },
      shape: 'single',
      tools: [probe(() => 'x'.repeat(5_000_000))],
      sleep: noWait,
    });
    expect(['done', 'budgetExhausted']).toContain(outcome.status);
    expect(client.invoice).toBeLessThanOrEqual(usdToNanodollars('0.50'));
  });
});

describe('runTask: a failing subagent fails the task', () => {
  it('ends failed with the subagent error and the partial answer, never done', async () => {
    const base = createFakeTaskClient({ plan: parallelPlan(3) });
    let subagentCalls = 0;
    const denied = new ProviderApiError({
      message: 'permission_error: this key cannot use the model',
      provider: 'fake',
      statusCode: 403,
      isRetryable: false,
    });
    const client = {
      ...base,
      complete: (request: Parameters<typeof base.complete>[0]) => {
        if (request.agent?.role === 'subagent' && (subagentCalls += 1) === 2)
          return Promise.reject(denied);
        return base.complete(request);
      },
    };
    const outcome = await runTask({
      task,
      client,
      budget: { usd: '5' },
      shape: 'fanOut',
      subtasks,
      concurrency: 1,
      sleep: noWait,
    });
    expect(outcome.status).toBe('failed');
    expect(
      ProviderApiError.isInstance((outcome.error as { cause?: unknown }).cause) ||
        outcome.error === denied,
    ).toBe(true);
    // The subagent that finished is kept as the partial answer.
    expect(outcome.output).toContain('Found: Q1?');
  });

  it('gives a failed run its reason when an agent runs out of turns', async () => {
    const client = createHostileClient(3);
    const outcome = await runTask({
      task,
      client,
      budget: { usd: '5' },
      shape: 'single',
      maxTurns: 1,
      tools: [probe(() => 'nothing yet')],
      sleep: noWait,
    });
    expect(outcome.status).toBe('failed');
    expect(MaxTurnsExceededError.isInstance(outcome.error)).toBe(true);
    // The report says why, too.
    expect(outcome.report.error).toMatch(/MaxTurnsExceededError: .* used all 1 turns/);
  });
});

describe('runTask: abort', () => {
  it('ends within the grace period when a tool ignores its signal, discarding its late result', async () => {
    const controller = new AbortController();
    const client = createHostileClient(4);
    const waited: number[] = [];
    const outcome = await runTask({
      task,
      client,
      budget: { usd: '5' },
      shape: 'single',
      tools: [
        probe(() => {
          controller.abort(new Error('the user stopped it'));
          // Never settles: the tool ignores the abort.
          return new Promise<string>(() => undefined);
        }),
      ],
      signal: controller.signal,
      // The task's clock: the grace passes at once, and is recorded.
      sleep: (milliseconds) => {
        waited.push(milliseconds);
        return Promise.resolve();
      },
    });
    expect(outcome.status).toBe('aborted');
    expect(waited).toContain(1000);
  });
});

describe('runTask: the write-ahead checkpoint', () => {
  it('does not send a call whose hold could not be saved, and ends failed with the store error', async () => {
    const client = createHostileClient(5);
    const full = new Error('ENOSPC: no space left on device');
    const outcome = await runTask({
      task,
      client,
      budget: { usd: '5' },
      shape: 'single',
      store: { save: () => Promise.reject(full), load: () => Promise.resolve(undefined) },
      sleep: noWait,
    });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toBe(full);
    expect(client.calls).toBe(0);
  });
});

/** A store frozen at the crash: what it held when the process died is all a resume sees. */
function crashableStore(client: { crashed: boolean }) {
  const store = createMemoryTaskStore();
  return {
    store: {
      save: (checkpoint: TaskCheckpoint) =>
        client.crashed ? Promise.resolve() : store.save(checkpoint),
      load: (id: string) => store.load(id),
    },
    last: (id: string) => store.checkpoints.get(id),
  };
}

describe('crash and resume keep the limit', () => {
  it('never lets the invoice across a crash pass the limit, at any call (seeded)', async () => {
    const random = seededRandom(2026);
    let crashedRuns = 0;
    for (let trial = 0; trial < 120; trial += 1) {
      const limit = ['0.02', '0.05', '0.10', '0.40'][trial % 4] ?? '0.10';
      const shape = trial % 2 === 0 ? 'single' : 'fanOut';
      const client = createHostileClient(trial, { retryable: 0.1, cutStream: 0.05 });
      client.crashAt = 1 + Math.floor(random() * 12);
      const { store, last } = crashableStore(client);
      const taskId = `crash_${String(trial)}`;
      const first = runTask({
        task,
        taskId,
        client,
        budget: { usd: limit },
        shape,
        subtasks,
        tools: [probe(() => 'the Amber')],
        store,
        sleep: noWait,
      });
      // Either it finished before the crash point, or the process "died".
      const settled = await Promise.race([
        first.then(() => true),
        new Promise<boolean>((resolve) => {
          setTimeout(() => {
            resolve(false);
          }, 0);
        }),
      ]);
      for (let spin = 0; !settled && !client.crashed && spin < 100; spin += 1)
        await new Promise((resolve) => setImmediate(resolve));
      if (!client.crashed) continue;
      crashedRuns += 1;
      const checkpoint = last(taskId);
      if (checkpoint === undefined) {
        // It died before anything was written: nothing was sent but the crashing call.
        expect(client.invoice).toBeLessThanOrEqual(usdToNanodollars(limit));
        continue;
      }
      const billedBefore = client.invoice;
      expect(committedSpend(checkpoint)).toBeGreaterThanOrEqual(0);
      // The resumed run works until its budget ends it: any spend the crash hid would show.
      const revived = createHostileClient(trial + 10_000, { retryable: 0.1, toolTurns: 1000 });
      const resumed = await resumeTask(checkpoint, {
        client: revived,
        maxTurns: 1000,
        tools: [probe(() => 'the Amber')],
        store: false,
        sleep: noWait,
      });
      expect(['done', 'budgetExhausted', 'failed']).toContain(resumed.status);
      expect(billedBefore + revived.invoice).toBeLessThanOrEqual(usdToNanodollars(limit));
    }
    expect(crashedRuns).toBeGreaterThan(40);
  }, 600_000);
});

describe('a resumed single agent', () => {
  it('continues from its last settled turn: no settled turn is paid twice', async () => {
    const client = createHostileClient(11, { toolTurns: 3 });
    client.crashAt = 3;
    const { store, last } = crashableStore(client);
    // Never settles (its client died mid-call); a rejection would be counted by afterEach.
    runTask({
      task,
      taskId: 'resume_turns',
      client,
      budget: { usd: '1' },
      shape: 'single',
      tools: [probe(() => 'the Amber')],
      store,
      sleep: noWait,
    }).catch((error: unknown) => unhandled.push(error));
    for (let spin = 0; !client.crashed && spin < 100; spin += 1)
      await new Promise((resolve) => setImmediate(resolve));
    const checkpoint = last('resume_turns');
    expect(checkpoint?.holds).toHaveLength(1);
    const revived = createHostileClient(12, { toolTurns: 3 });
    const sent: number[] = [];
    const watched = {
      ...revived,
      complete: (request: Parameters<typeof revived.complete>[0]) => {
        sent.push(request.messages.length);
        return revived.complete(request);
      },
    };
    const resumed = await resumeTask(checkpoint as TaskCheckpoint, {
      client: watched,
      tools: [probe(() => 'the Amber')],
      sleep: noWait,
    });
    expect(resumed.status).toBe('done');
    // Two turns had settled (task, call, result, call, result): the third is the first sent again.
    expect(sent[0]).toBe(5);
    // The hold of the call in flight at the crash is counted at its worst case.
    expect(resumed.checkpoint.unreconciled).toHaveLength(1);
  });
});

describe('randomized runs with faults on both endpoints', () => {
  it('always end with a status, never throw, and never pass the limit by the invoice', async () => {
    const random = seededRandom(7);
    const results = { done: 0, budgetExhausted: 0, failed: 0, aborted: 0 };
    for (let run = 0; run < 2000; run += 1) {
      const limit = Math.ceil(random() * 200) * 1_000_000; // $0.001 to $0.20
      const client = createHostileClient(run, {
        retryable: random() * 0.3,
        cutStream: random() * 0.1,
        fatal: random() * 0.05,
        count: random() * 0.5,
      });
      const hostile = [() => 42, () => null, () => ({ x: [1, 2] }), () => 'y'.repeat(2_000)][
        run % 4
      ];
      const outcome = await runTask({
        task,
        client,
        budget: { usd: (limit / 1e9).toFixed(9) },
        shape: (['single', 'fanOut', 'auto'] as const)[run % 3] ?? 'auto',
        ...(run % 3 === 2 ? {} : { subtasks }),
        tools: [probe(hostile ?? (() => 'x'))],
        maxTurns: 4,
        sleep: noWait,
      });
      results[outcome.status] += 1;
      expect(client.invoice).toBeLessThanOrEqual(limit);
      // No cut stream goes unbooked: the ledger is the invoice.
      expect(outcome.report.cost).toBe(client.invoice);
      if (outcome.status === 'failed') expect(outcome.error).toBeDefined();
    }
    expect(results.done).toBeGreaterThan(0);
    expect(results.budgetExhausted).toBeGreaterThan(0);
    expect(results.failed).toBeGreaterThan(0);
  }, 600_000);
});
