import { describe, expect, it } from 'vitest';
import { createBudget } from '../budget/budget';
import { degradationKinds } from '../budget/degradation-ladder';
import { defaultPriceTable } from '../pricing/price-table';
import { createFakeTaskClient, parallelPlan } from './fake-task-client.test-helper';
import { fitConfiguration, type FitConfigurationInput } from './fit-configuration';
import { defaultGradePriors, expectedGrade, workKindOf } from './grade-priors';
import { runTask } from './run-task';
import type { TaskPlan } from './task-plan';
import { defaultWorkEstimates } from './work-estimates';

const parallel: TaskPlan = JSON.parse(parallelPlan(4)) as TaskPlan;
const chain: TaskPlan = {
  subtasks: [
    { id: 'a', question: 'First?', dependsOn: [] },
    { id: 'b', question: 'Then?', dependsOn: ['a'] },
    { id: 'c', question: 'Last?', dependsOn: ['b'] },
  ],
};

function input(
  usd: string,
  plan: TaskPlan,
  overrides: Partial<FitConfigurationInput> = {},
): FitConfigurationInput {
  return {
    task: 'Compare the rivers.',
    prefixTokens: 2_000,
    estimates: defaultWorkEstimates,
    current: {
      shape: 'single',
      workModel: 'claude-sonnet-4-6',
      synthesizeModel: 'claude-sonnet-4-6',
      prune: false,
      maxTokens: 1024,
    },
    plan,
    kind: workKindOf(plan, undefined),
    snapshot: createBudget({ usd }).snapshot(),
    priceTable: defaultPriceTable,
    priors: defaultGradePriors,
    open: { shape: true, models: true, prune: true },
    models: ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-opus-4-6'],
    minOutputTokens: 256,
    allowed: degradationKinds,
    ...overrides,
  };
}

describe('the grade priors', () => {
  it('read the kind of work from the plan, else the triage', () => {
    expect(workKindOf(parallel, undefined)).toBe('parallel');
    expect(workKindOf(chain, undefined)).toBe('serial');
    expect(workKindOf(undefined, { size: 'large', parallelizable: false, subtasks: 30 })).toBe(
      'longSerial',
    );
    expect(workKindOf(undefined, undefined)).toBe('serial');
    expect(expectedGrade(defaultGradePriors, 'claude-haiku-4-5', 'serial', 'single')).toBe(0.23);
    expect(expectedGrade(defaultGradePriors, 'claude-sonnet-4-6', 'serial', 'single')).toBe(1);
  });
});

describe('fitConfiguration', () => {
  it('prefers the cheaper of two configurations of equal expected grade', () => {
    // At $0.05 sonnet pruned ($0.0238 expected) and a haiku fan-out ($0.027) both fit at 1.00.
    const fitted = fitConfiguration(input('0.05', parallel));
    expect(fitted.chosen).toMatchObject({
      shape: 'single',
      workModel: 'claude-sonnet-4-6',
      prune: true,
    });
  });

  it('keeps the task as asked when its peak fits', () => {
    const fitted = fitConfiguration(input('5', parallel));
    expect(fitted.chosen).toBe(fitted.current);
    expect(fitted.reason).toMatch(/^as asked/);
  });

  it('moves parallel work to a haiku fan-out when no sonnet configuration fits', () => {
    // Sonnet's peaks: $0.0716 alone, $0.0428 pruned; haiku's fan-out: $0.030.
    const fitted = fitConfiguration(input('0.035', parallel));
    expect(fitted.chosen).toMatchObject({ shape: 'fanOut', workModel: 'claude-haiku-4-5' });
    expect(fitted.chosen.peak).toBeLessThanOrEqual(0.9 * 35_000_000);
    expect(fitted.chosen.expectedGrade).toBe(1);
  });

  it('keeps sonnet on a chain when pruning brings its peak under the limit, rather than haiku', () => {
    const asked = fitConfiguration(input('5', chain)).current;
    const pruned = fitConfiguration(
      input('5', chain, { current: { ...asked, prune: true } }),
    ).current;
    // A limit between the two peaks: only pruning makes sonnet fit.
    const limit = Math.floor((asked.peak + pruned.peak) / 2 / 0.9);
    const fitted = fitConfiguration(input((limit / 1e9).toFixed(9), chain));
    expect(fitted.chosen).toMatchObject({ workModel: 'claude-sonnet-4-6', prune: true });
  });

  it('changes only what the user left open', () => {
    const fitted = fitConfiguration(
      input('0.02', parallel, { open: { shape: false, models: false, prune: true } }),
    );
    expect(fitted.chosen).toMatchObject({ shape: 'single', workModel: 'claude-sonnet-4-6' });
  });
});

describe('runTask: budget-fit planning', () => {
  it('records the plan it chose when the task as asked does not fit, and stays within the limit', async () => {
    const client = createFakeTaskClient({ plan: parallelPlan(4) });
    const budget = createBudget({ usd: '0.03' });
    const result = await runTask({
      task: 'Compare the rivers.',
      client,
      budget,
      maxFanOutPremium: 10,
    });
    const plan = result.report.decisions.find((decision) => decision.kind === 'plan');
    expect(plan?.reason).toMatch(/claude-haiku-4-5/);
    expect(
      client.calls
        .filter((call) => call.agent?.role === 'subagent')
        .every((call) => call.model === 'claude-haiku-4-5'),
    ).toBe(true);
    expect(budget.snapshot().spent.usd).toBeLessThanOrEqual(30_000_000);
  });

  it('plans nothing with room to spare, and says nothing was traded', async () => {
    const client = createFakeTaskClient({ plan: parallelPlan(4) });
    const result = await runTask({ task: 'Compare the rivers.', client, budget: { usd: '5' } });
    expect(result.report.decisions.some((decision) => decision.kind === 'plan')).toBe(false);
    expect(result.degradation).toBeUndefined();
  });

  it('says what a degraded run traded: the models each agent ran on and the expected grade lost', async () => {
    const client = createFakeTaskClient({ plan: parallelPlan(6), outputTokens: 600 });
    const result = await runTask({
      task: 'Compare the rivers.',
      client,
      budget: { usd: '0.05' },
      shape: 'fanOut',
      concurrency: 1,
      ladder: { order: ['downgrade', 'stop'] },
      models: { work: 'claude-sonnet-4-6' },
    });
    expect(result.degradation?.expectedGradeLost).toBeGreaterThan(0);
    expect(result.degradation?.decisions.some((decision) => decision.kind === 'downgrade')).toBe(
      true,
    );
    const models = Object.values(result.degradation?.models ?? {}).flat();
    expect(models).toContain('claude-haiku-4-5');
    expect(models).toContain('claude-sonnet-4-6');
  });
});
