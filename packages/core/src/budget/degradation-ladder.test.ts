import { describe, expect, it } from 'vitest';
import { defaultPriceTable } from '../pricing/price-table';
import { createBudget } from './budget';
import type { BudgetEvent } from './budget-events';
import { applyAction, planDegradation } from './degradation-ladder';
import { createGovernor } from './governor';
import { forecastStep, project } from './projection';
import type { PlannedStep } from './work-plan';

const priceTable = defaultPriceTable;

// Ten turns of a sonnet-4-6 agent: a 10,000-token context growing 2,000 a turn,
// 500 output tokens a turn. Cached turn to turn:
//   reads  = 9 * 10,000 + 2,000 * (0 + 1 + ... + 8) = 162,000  x $0.30 = $0.0486
//   writes = prompts (10 * 10,000 + 2,000 * 45 = 190,000) - reads = 28,000 x $3.75 = $0.105
//   output = 5,000 x $15 = $0.075                                   total $0.2286
const agent: PlannedStep = {
  id: 'A',
  model: 'claude-sonnet-4-6',
  turns: 10,
  contextTokens: 10_000,
  growthPerTurn: 2_000,
  outputPerTurn: 500,
  maxTokens: 4_096,
};
const agentCost = 228_600_000;

describe('forecastStep', () => {
  it('forecasts a cached step turn by turn', () => {
    expect(forecastStep(agent, { priceTable })).toEqual({
      usage: { input: 0, cacheWrite5m: 28_000, cacheWrite1h: 0, cacheRead: 162_000, output: 5_000 },
      cost: agentCost,
    });
  });

  it('forecasts an uncached step: every turn pays its whole prompt', () => {
    // 190,000 input x $3 = $0.57, + $0.075 output
    expect(forecastStep({ ...agent, caching: false }, { priceTable }).cost).toBe(645_000_000);
  });

  it('reads what is already cached on the first turn', () => {
    // 10,000 more read ($0.003) and 10,000 fewer written ($0.0375).
    expect(forecastStep({ ...agent, cachedTokens: 10_000 }, { priceTable }).cost).toBe(
      agentCost + 3_000_000 - 37_500_000,
    );
  });

  it('prices each turn alone on a model with a per-request tier', () => {
    const big: PlannedStep = {
      ...agent,
      model: 'claude-haiku-5-5',
      contextTokens: 95_000,
      growthPerTurn: 10_000,
      turns: 2,
    };
    // Turn 0: 95,000 written at $0.125 (standard tier) + 500 out at $0.50.
    // Turn 1: prompt 105,000 > 100k: 95,000 read at $0.05, 10,000 written at $0.625, 500 out at $2.50.
    const expected = 11_875_000 + 250_000 + 4_750_000 + 6_250_000 + 1_250_000;
    expect(forecastStep(big, { priceTable }).cost).toBe(expected);
  });
});

describe('project', () => {
  it('adds spent, reserved and the forecast; siblings read a shared prefix the first wrote', () => {
    const budget = createBudget({ usd: '1' });
    budget.reserve({ model: 'claude-sonnet-4-6', inputTokensBound: 1_000, maxTokens: 100 }); // $0.0075 held
    const sibling = (id: string): PlannedStep => ({
      ...agent,
      id,
      group: 'fan',
      sharedPrefixTokens: 8_000,
    });
    const projection = project(
      budget.snapshot(),
      { steps: [sibling('one'), sibling('two')] },
      { priceTable },
    );
    // The second reads the 8,000 shared tokens on turn 0 instead of writing them:
    // 8,000 x ($3.75 - $0.30) = $0.0276 less.
    expect(projection.steps.map((step) => step.cost)).toEqual([agentCost, agentCost - 27_600_000]);
    expect(projection.reserved).toBe(7_500_000);
    expect(projection.total).toBe(7_500_000 + 2 * agentCost - 27_600_000);
  });
});

describe('planDegradation', () => {
  it('moves patient work to the batch lane when that alone is enough (no quality lost)', () => {
    const budget = createBudget({ usd: '0.40' });
    const plan = { steps: [agent, { ...agent, id: 'B', latencyTolerant: true }] };
    // 2 x $0.2286 = $0.4572 > $0.40: critical. Batch halves B: $0.3429 < 95% of $0.40.
    const decision = planDegradation(budget.snapshot(), plan, {
      priceTable,
      target: 0.95,
      allowed: 'all',
    });
    expect(decision.actions).toEqual([{ kind: 'batch', steps: ['B'] }]);
    expect(decision.before.total).toBe(457_200_000);
    expect(decision.after.total).toBe(342_900_000);
    expect(decision.qualityLoss).toBe(0);
  });

  it('prunes under caution: the growth and the conversation halve, the cache past the edit is lost', () => {
    const budget = createBudget({ usd: '0.25' });
    // $0.2286 of $0.25 is 91%: caution, quality-neutral steps only, aim under 80% ($0.20).
    // Pruned: context 5,000 growing 1,000: reads 81,000 ($0.0243), writes 14,000
    // ($0.0525), output $0.075: $0.1518.
    const decision = planDegradation(
      budget.snapshot(),
      { steps: [agent] },
      { priceTable, target: 0.8, allowed: 'neutral' },
    );
    expect(decision.actions).toEqual([{ kind: 'prune', steps: ['A'] }]);
    expect(decision.after.total).toBe(151_800_000);
  });

  it('downgrades one tier when nothing cheaper in quality is enough', () => {
    const budget = createBudget({ usd: '0.30' });
    const opus: PlannedStep = { ...agent, model: 'claude-opus-4-6', prunableShare: 0 };
    // On opus-4-6: 162,000 x $0.50 + 28,000 x $6.25 + 5,000 x $25 = $0.381, 127% of $0.30.
    // One tier down (sonnet-4-6): $0.2286 < $0.285.
    const decision = planDegradation(
      budget.snapshot(),
      { steps: [opus] },
      {
        priceTable,
        target: 0.95,
        allowed: 'all',
        modelTiers: ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-opus-4-6'],
      },
    );
    expect(decision.before.total).toBe(381_000_000);
    expect(decision.actions).toEqual([
      { kind: 'downgrade', steps: [{ id: 'A', from: 'claude-opus-4-6', to: 'claude-sonnet-4-6' }] },
    ]);
    expect(decision.after.total).toBe(agentCost);
  });

  it('never downgrades below a step minimum: stops with a partial result instead', () => {
    const budget = createBudget({ usd: '0.30' });
    const opus: PlannedStep = {
      ...agent,
      model: 'claude-opus-4-6',
      prunableShare: 0,
      minimumModel: 'claude-opus-4-6',
    };
    const decision = planDegradation(
      budget.snapshot(),
      { steps: [opus] },
      {
        priceTable,
        target: 0.95,
        allowed: 'all',
        modelTiers: ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-opus-4-6'],
      },
    );
    expect(decision.actions).toEqual([{ kind: 'stop' }]);
    expect(decision.plan.steps).toEqual([]);
    expect(decision.after.total).toBe(0);
  });

  it('picks the set with the least quality loss, not the first that works', () => {
    // A ($0.2286) plus a patient B on haiku-4-5 ($0.0762): $0.3048 against $0.22
    // (target $0.209). Batch alone: $0.2667; prune alone: $0.228; neither is
    // enough. Batch + prune: $0.1518 + $0.0381 = $0.1899 (loss 0.02), which
    // beats a downgrade ($0.1438, loss 0.15).
    const budget = createBudget({ usd: '0.22' });
    const patient: PlannedStep = {
      ...agent,
      id: 'B',
      model: 'claude-haiku-4-5',
      latencyTolerant: true,
      prunableShare: 0,
    };
    const plan = { steps: [agent, patient] };
    const decision = planDegradation(budget.snapshot(), plan, {
      priceTable,
      target: 0.95,
      allowed: 'all',
    });
    expect(decision.actions.map((action) => action.kind).sort()).toEqual(['batch', 'prune']);
    expect(decision.qualityLoss).toBeCloseTo(0.02);
    expect(decision.before.total).toBe(304_800_000);
    expect(decision.after.total).toBe(189_900_000);
  });

  it('does not prune when re-writing the lost cache costs more than pruning saves', () => {
    // Two turns over a fully cached 50,000-token context: pruning would drop the
    // cache and write 25,000 tokens again at $3.75 to save reads at $0.30.
    const cachedAgent: PlannedStep = {
      ...agent,
      turns: 2,
      contextTokens: 50_000,
      cachedTokens: 50_000,
      growthPerTurn: 100,
    };
    const plan = { steps: [cachedAgent] };
    const pruned = applyAction(plan, { kind: 'prune', steps: ['A'] });
    expect(
      project(createBudget({ usd: 1 }).snapshot(), pruned, { priceTable }).total,
    ).toBeGreaterThan(project(createBudget({ usd: 1 }).snapshot(), plan, { priceTable }).total);
    const decision = planDegradation(createBudget({ usd: '0.04' }).snapshot(), plan, {
      priceTable,
      target: 0.8,
      allowed: 'neutral',
    });
    expect(decision.actions).toEqual([]);
  });

  it('evaluates a collapse by its forecast: merging siblings that share a cached prefix costs more here', () => {
    const sibling = (id: string): PlannedStep => ({
      ...agent,
      id,
      turns: 3,
      contextTokens: 12_000,
      growthPerTurn: 1_500,
      outputPerTurn: 400,
      group: 'fan',
      sharedPrefixTokens: 10_000,
    });
    const plan = { steps: ['a', 'b', 'c', 'd'].map(sibling) };
    const collapsed = applyAction(plan, { kind: 'collapse', group: 'fan', from: 4, to: 1 });
    expect(collapsed.steps).toHaveLength(1);
    expect(collapsed.steps[0]).toMatchObject({
      turns: 12,
      contextTokens: 12_000,
      growthPerTurn: 2_000,
    });
    const snapshot = createBudget({ usd: 1 }).snapshot();
    expect(project(snapshot, collapsed, { priceTable }).total).toBeGreaterThan(
      project(snapshot, plan, { priceTable }).total,
    );
    const decision = planDegradation(createBudget({ usd: '0.12' }).snapshot(), plan, {
      priceTable,
      target: 0.95,
      allowed: 'all',
      order: ['collapse', 'stop'],
    });
    expect(decision.actions).toEqual([{ kind: 'stop' }]);
  });

  it('refuses an unknown step in the order, naming it', () => {
    expect(() =>
      planDegradation(
        createBudget({ usd: 1 }).snapshot(),
        { steps: [agent] },
        { priceTable, target: 0.95, allowed: 'all', order: ['teleport' as never] },
      ),
    ).toThrow(/ladder\.order.*"teleport"/);
  });
});

describe('Governor', () => {
  it('reports pressure changes and decisions as events, with the projection before and after', () => {
    const events: BudgetEvent[] = [];
    const budget = createBudget({
      usd: '0.40',
      onEvent: (event) => events.push(event),
      now: () => 42,
    });
    const governor = createGovernor({ budget });
    const relaxed = governor.assess({ steps: [agent] });
    expect(relaxed).toMatchObject({ level: 'ok', decision: undefined });
    const tight = governor.assess({ steps: [agent, { ...agent, id: 'B', latencyTolerant: true }] });
    expect(tight.level).toBe('critical');
    expect(tight.decision?.actions).toEqual([{ kind: 'batch', steps: ['B'] }]);
    expect(events.map((event) => event.type)).toEqual([
      'budget.pressure.change',
      'budget.decision',
    ]);
    expect(events[1]).toMatchObject({
      at: 42,
      budget: 'task',
      before: { total: 457_200_000 },
      after: { total: 342_900_000 },
    });
    governor.markExhausted();
    expect(governor.assess({ steps: [agent] }).level).toBe('exhausted');
  });
});
