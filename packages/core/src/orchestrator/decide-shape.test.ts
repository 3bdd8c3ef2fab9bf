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
  it('fans out a parallel plan the budget holds when it is within the premium, with both projections in the reason', () => {
    const decision = decideShape(input({ maxFanOutPremium: 10 }));
    expect(decision.shape).toBe('fanOut');
    expect(decision.reason).toMatch(/parallel: 4 of 4 subtasks/);
    expect(decision.reason).toMatch(/fan-out projected \$[0-9.]+ against \$[0-9.]+ single/);
  });

  it('refuses a fan-out dearer than the allowed premium', () => {
    const priced = decideShape(input({ maxFanOutPremium: 10 }));
    const premium = (priced.projectedFanOut ?? 0) / (priced.projectedSingle ?? 1) - 1;
    expect(premium).toBeGreaterThan(0);
    const below = decideShape(input({ maxFanOutPremium: premium * 0.9 }));
    expect(below.shape).toBe('single');
    expect(below.reason).toMatch(/would cost more than \d+% over a single agent/);
    expect(decideShape(input({ maxFanOutPremium: premium * 1.1 })).shape).toBe('fanOut');
  });

  it('keeps a chain single while one context is cheaper, and fans it out when isolated contexts are', () => {
    const cheapGrowth = decideShape(input({ plan: chain }));
    expect(cheapGrowth.shape).toBe('single');
    expect(cheapGrowth.reason).toMatch(/sequential: no two subtasks can run at once/);
    // Twenty subtasks of 6k-token results: one context would carry them all.
    const long: TaskPlan = {
      subtasks: Array.from({ length: 20 }, (_, index) => ({
        id: `s${String(index)}`,
        question: `Step ${String(index)}?`,
        dependsOn: index === 0 ? [] : [`s${String(index - 1)}`],
      })),
    };
    const heavy = decideShape(
      input({
        plan: long,
        estimates: { ...defaultWorkEstimates, turnsPerSubtask: 3, growthPerTurn: 6000 },
      }),
    );
    expect(heavy.projectedFanOut).toBeLessThan(heavy.projectedSingle ?? 0);
    expect(heavy.shape).toBe('fanOut');
    expect(heavy.reason).toMatch(/isolated contexts/);
  });

  it('stays single when the budget holds one agent but not a fan-out', () => {
    const free = decideShape(input({ maxFanOutPremium: 10 }));
    const single = free.projectedSingle ?? 0;
    const fanOut = free.projectedFanOut ?? 0;
    expect(fanOut).toBeGreaterThan(single);
    const between = Math.floor((single + fanOut) / 2);
    const tight = createBudget({ usd: (between / 1e9).toFixed(9) });
    const decision = decideShape(input({ maxFanOutPremium: 10, snapshot: tight.snapshot() }));
    expect(decision.shape).toBe('single');
    expect(decision.reason).toMatch(/budget holds a single agent but not a fan-out/);
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
