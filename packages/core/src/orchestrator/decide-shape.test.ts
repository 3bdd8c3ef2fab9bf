import { describe, expect, it } from 'vitest';
import { createBudget } from '../budget/budget';
import { decideShape, type ShapeChoiceInput } from './decide-shape';
import { parsePlan, parseTriage } from './parse-role-output';
import { planWidth, type TaskPlan } from './task-plan';
import { defaultWorkEstimates } from './work-estimates';

const parallel: TaskPlan = {
  subtasks: ['a', 'b', 'c', 'd'].map((id) => ({ id, question: `${id}?`, dependsOn: [] })),
};
const chain: TaskPlan = {
  subtasks: ['a', 'b', 'c'].map((id, index, ids) => ({
    id,
    question: `${id}?`,
    dependsOn: index === 0 ? [] : [ids[index - 1] ?? ''],
  })),
};

function input(overrides: Partial<ShapeChoiceInput> = {}): ShapeChoiceInput {
  const budget = createBudget({ usd: '10' });
  return {
    requested: 'auto',
    plan: parallel,
    snapshot: budget.snapshot(),
    priceTable: budget.priceTable,
    task: 'A task.',
    prefixTokens: 2000,
    model: 'claude-sonnet-4-6',
    synthesizeModel: 'claude-sonnet-4-6',
    maxTokens: 1024,
    estimates: defaultWorkEstimates,
    maxFanOutPremium: 0.25,
    ...overrides,
  };
}

describe('decideShape', () => {
  it('fans out a parallel plan the budget holds, with both projections in the reason', () => {
    const decision = decideShape(input());
    expect(decision.shape).toBe('fanOut');
    expect(decision.reason).toMatch(/parallel: 4 of 4 subtasks/);
    expect(decision.projectedFanOut).toBeLessThan(decision.projectedSingle ?? 0);
  });

  it('keeps a chain single', () => {
    const decision = decideShape(input({ plan: chain }));
    expect(decision.shape).toBe('single');
    expect(decision.reason).toMatch(/sequential/);
  });

  it('stays single when the budget holds one agent but not a fan-out', () => {
    // A 60k-token prefix each subagent pays for: fan-out projects $0.7131, single $0.5636.
    const dear = { prefixTokens: 60_000, maxFanOutPremium: 10 };
    const free = decideShape(input(dear));
    expect(free.shape).toBe('fanOut');
    expect(free.projectedFanOut).toBeGreaterThan(free.projectedSingle ?? Infinity);
    const tight = createBudget({ usd: '0.65' });
    const decision = decideShape(input({ ...dear, snapshot: tight.snapshot() }));
    expect(decision.shape).toBe('single');
    expect(decision.reason).toMatch(/budget holds a single agent but not a fan-out/);
  });

  it('refuses a fan-out dearer than the allowed premium', () => {
    // One turn each, no growth: four prefixes and a synthesis against one agent (+59%).
    const estimates = { ...defaultWorkEstimates, turnsPerSubtask: 1, growthPerTurn: 0 };
    const decision = decideShape(input({ prefixTokens: 5000, estimates }));
    expect(decision.shape).toBe('single');
    expect(decision.reason).toMatch(/more than 25% over a single agent/);
    expect(decideShape(input({ prefixTokens: 5000, estimates, maxFanOutPremium: 1 })).shape).toBe(
      'fanOut',
    );
  });

  it('obeys an explicit shape, and says so', () => {
    expect(decideShape(input({ requested: 'single' })).reason).toBe('asked for a single agent');
    const forced = decideShape(input({ requested: 'fanOut', plan: chain }));
    expect(forced.shape).toBe('fanOut');
    expect(forced.reason).toMatch(/asked for a fan-out/);
  });

  it('runs single without a plan, giving the reason', () => {
    const decision = decideShape(input({ plan: undefined, noPlanReason: 'triage: small' }));
    expect(decision).toMatchObject({ shape: 'single', reason: 'triage: small' });
  });
});

describe('parsing the models answers (untrusted)', () => {
  it('reads triage JSON inside prose, and rejects what does not parse', () => {
    expect(parseTriage('Sure: {"size":"small","parallelizable":false,"subtasks":1} done')).toEqual({
      size: 'small',
      parallelizable: false,
      subtasks: 1,
    });
    expect(parseTriage('{"size":"small","parallelizable":"yes"}')).toBeUndefined();
    expect(parseTriage('no json')).toBeUndefined();
  });

  it('drops duplicate ids, unknown and forward dependencies (no cycles)', () => {
    const plan = parsePlan(
      JSON.stringify({
        subtasks: [
          { id: 'a', question: 'A?', dependsOn: ['b'] },
          { id: 'b', question: 'B?', dependsOn: ['a', 'zzz'] },
          { id: 'a', question: 'again', dependsOn: [] },
          { id: 3, question: 'C?', dependsOn: [] },
        ],
      }),
    );
    expect(plan?.subtasks).toEqual([
      { id: 'a', question: 'A?', dependsOn: [] },
      { id: 'b', question: 'B?', dependsOn: ['a'] },
      { id: '3', question: 'C?', dependsOn: [] },
    ]);
    expect(parsePlan('{"subtasks":[]}')).toBeUndefined();
    expect(parsePlan('{"subtasks":[{"id":"a"')).toBeUndefined();
  });
});

describe('planWidth', () => {
  it('is the widest level of the DAG', () => {
    expect(planWidth(parallel)).toBe(4);
    expect(planWidth(chain)).toBe(1);
    expect(
      planWidth({
        subtasks: [
          { id: 'list', question: 'L?', dependsOn: [] },
          { id: 'x', question: 'X?', dependsOn: ['list'] },
          { id: 'y', question: 'Y?', dependsOn: ['list'] },
        ],
      }),
    ).toBe(2);
    expect(planWidth({ subtasks: [] })).toBe(0);
  });
});
