import { readFileSync } from 'node:fs';
import { createActor, toPromise } from 'xstate';
import { describe, expect, it } from 'vitest';
import { machineToMermaid } from './machine-diagram';
import {
  createOrchestratorMachine,
  type OrchestratorInput,
  type OrchestratorServices,
} from './orchestrator-machine';
import type { ShapeDecision } from './task-checkpoint';

function services(calls: string[], overrides: Partial<OrchestratorServices> = {}) {
  const record =
    <T>(name: string, value: T) =>
    () => {
      calls.push(name);
      return Promise.resolve(value);
    };
  const fanOutDecision: ShapeDecision = {
    shape: 'fanOut',
    reason: 'parallel',
    projectedSingle: 2,
    projectedFanOut: 1,
  };
  const all: OrchestratorServices = {
    triage: record('triage', { status: 'ok', triage: undefined, noPlanReason: undefined }),
    plan: record('plan', {
      status: 'ok',
      plan: { subtasks: [] },
      noPlanReason: undefined,
    }),
    decide: record('decide', fanOutDecision),
    single: record('single', { status: 'done' }),
    fanOut: record('fanOut', { status: 'ok', continuation: false }),
    continuation: record('continuation', { status: 'done' }),
    synthesize: record('synthesize', { status: 'done' }),
    ...overrides,
  };
  return all;
}

const fresh: OrchestratorInput = {
  requested: 'auto',
  triage: undefined,
  plan: undefined,
  decision: undefined,
  finalStatus: undefined,
};

async function run(input: OrchestratorInput, overrides: Partial<OrchestratorServices> = {}) {
  const calls: string[] = [];
  const actor = createActor(createOrchestratorMachine(services(calls, overrides)), { input });
  actor.start();
  const output = await toPromise(actor);
  return { calls, output, state: actor.getSnapshot().value };
}

describe('the orchestrator machine', () => {
  it('walks triage -> plan -> decide -> fanOut -> synthesize -> done', async () => {
    const { calls, state } = await run(fresh);
    expect(calls).toEqual(['triage', 'plan', 'decide', 'fanOut', 'synthesize']);
    expect(state).toBe('done');
  });

  it('skips the plan when triage says none is needed', async () => {
    const { calls } = await run(fresh, {
      triage: () =>
        Promise.resolve({ status: 'ok', triage: undefined, noPlanReason: 'small and serial' }),
      decide: () =>
        Promise.resolve({
          shape: 'single',
          reason: 'x',
          projectedSingle: undefined,
          projectedFanOut: undefined,
        }),
    });
    expect(calls).toEqual(['single']);
  });

  it('hands collapsed subtasks to a continuation instead of synthesizing', async () => {
    const { calls } = await run(fresh, {
      fanOut: () => Promise.resolve({ status: 'ok', continuation: true }),
    });
    expect(calls.slice(-2)).toEqual(['decide', 'continuation']);
    expect(calls).not.toContain('synthesize');
  });

  it('synthesizes partial work when the budget stops the fan-out, and ends budgetExhausted', async () => {
    const { calls, state } = await run(fresh, {
      fanOut: () => Promise.resolve({ status: 'budgetExhausted', continuation: false }),
    });
    expect(calls.at(-1)).toBe('synthesize');
    expect(state).toBe('budgetExhausted');
  });

  it('ends failed, with the error, when an actor throws', async () => {
    const boom = new Error('boom');
    const { output, state } = await run(fresh, { plan: () => Promise.reject(boom) });
    expect(state).toBe('failed');
    expect(output.error).toBe(boom);
  });

  it('resumes at the first step its checkpoint has not settled', async () => {
    const decided = await run({
      ...fresh,
      plan: { subtasks: [] },
      decision: { shape: 'fanOut', reason: '', projectedSingle: 1, projectedFanOut: 1 },
    });
    expect(decided.calls).toEqual(['fanOut', 'synthesize']);
    const planned = await run({ ...fresh, plan: { subtasks: [] } });
    expect(planned.calls[0]).toBe('decide');
    const over = await run({ ...fresh, finalStatus: 'done' });
    expect(over.calls).toEqual([]);
  });

  it('is drawn in docs/orchestrator.md from its own definition', () => {
    const diagram = machineToMermaid(createOrchestratorMachine(services([])));
    for (const state of ['triage', 'plan', 'decide', 'single', 'fanOut', 'synthesize'])
      expect(diagram).toContain(`  ${state} -->`);
    expect(diagram).toContain('budgetExhausted --> [*]');
    const page = readFileSync(new URL('../../../../docs/orchestrator.md', import.meta.url), 'utf8');
    expect(page).toContain(diagram);
  });
});
