import { loadShippedWorkloads } from '@bursar/simulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatBudgetLadder, heldTheLimit } from './format-budget-ladder';
import { runBudgetLadder, type BudgetLadder } from './run-budget-ladder';

describe('the per-task-budget example', () => {
  let ladder: BudgetLadder;
  beforeAll(async () => {
    ladder = await runBudgetLadder({ workloads: loadShippedWorkloads(), percents: [100, 25] });
  });

  it('sets each limit as a share of the unconstrained cost, in whole nano-dollars', () => {
    const base = ladder.unconstrained.report.cost;
    expect(ladder.unconstrained.status).toBe('done');
    expect(ladder.unconstrained.grade).toBe(1);
    expect(ladder.runs.map((run) => run.limit)).toEqual([base, Math.floor(base / 4)]);
    expect(ladder.runs.map((run) => run.report.budget.limit)).toEqual(
      ladder.runs.map((run) => run.limit),
    );
  });

  it('never passes a limit: each ledger is the invoice, each invoice at most its limit', () => {
    for (const run of [ladder.unconstrained, ...ladder.runs]) {
      expect(run.report.cost).toBe(run.billed);
      expect(run.billed).toBeLessThanOrEqual(run.limit);
      expect(heldTheLimit(run)).toBe(true);
    }
  });

  it('climbs down the ladder as the budget shrinks', () => {
    const [full, quarter] = ladder.runs;
    const steps = (run: typeof full) =>
      (run?.report.decisions ?? []).filter((decision) => decision.kind !== 'shape');
    // Even at 100% the governor acts (a reservation holds the worst case, not the average).
    expect(steps(full).length).toBeGreaterThan(0);
    expect(steps(quarter).length).toBeGreaterThan(0);
    expect(quarter?.report.cost).toBeLessThan(ladder.unconstrained.report.cost / 4 + 1);
    expect(quarter?.grade).toBeLessThan(1);
  });

  it('prints the table, the reasons and the limit check', () => {
    const text = formatBudgetLadder(ladder);
    expect(text).toMatch(/^100%\s+\$\d/m);
    expect(text).toMatch(/^25%\s+\$\d/m);
    expect(text).toMatch(/^roomy\s+\$5\.0000\s+done/m);
    // Each run's decisions, with the reason the orchestrator or the governor gave.
    expect(text).toMatch(/^roomy \(\$5\.0000\):\n\s+\d+\.\d s {2}shape\s+\S/m);
    expect(text).not.toMatch(/^none\b/m);
    expect(text).toContain('Spend never passed a limit: on all 3 runs');
  });

  it('would report a run billed past its limit', () => {
    const [run] = ladder.runs;
    if (run === undefined) throw new Error('no run');
    const over = { ...run, billed: run.limit + 1 };
    expect(heldTheLimit(over)).toBe(false);
    expect(formatBudgetLadder({ ...ladder, runs: [over] })).toContain(
      'LIMIT CHECK FAILED on 1 of 2',
    );
  });
});
