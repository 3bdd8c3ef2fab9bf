import { loadShippedWorkloads } from '@bursar/simulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkHalfPrice } from './check-half-price';
import { createSimulatorBackend } from './create-simulator-backend';
import { laneChecks } from './lane-checks';
import { runBatchLaneExample, type BatchLaneExample } from './run-batch-lane-example';

const workloads = loadShippedWorkloads();

describe('the batch-lane example on the simulator', () => {
  let example: BatchLaneExample;
  beforeAll(async () => {
    example = await runBatchLaneExample({
      backend: createSimulatorBackend({ workloads }),
      workloads,
      items: 80,
      faults: { erroredRate: 0.1, expiredRate: 0.1 },
    });
  });

  function parts() {
    const { bulk, tasks } = example;
    if (bulk === undefined || tasks === undefined) throw new Error('a part did not run');
    return { bulk, tasks };
  }

  it('bills the batch lane exactly half the interactive price for the same usage', () => {
    const { bulk } = parts();
    const { batch, interactive, halfPrice } = bulk;
    expect(batch.chosen?.lane).toBe('batch');
    expect(interactive.chosen?.lane).toBe('interactive');
    expect(halfPrice.compared).toBe(batch.result.totals.byLane.batch.requests);
    expect(halfPrice.compared).toBeGreaterThan(50);
    // On the simulator the same ticket bills the same usage in either lane...
    expect(halfPrice.sameUsage).toBe(halfPrice.compared);
    // ...and the batch lane charged exactly half of it, item by item and in sum.
    expect(halfPrice.exactHalf).toBe(halfPrice.compared);
    expect(halfPrice.sameUsageBatchCost * 2).toBe(halfPrice.sameUsageInteractiveCost);
    expect(halfPrice.holds).toBe(true);
    // The retries paid full price, so the whole run costs a little more than half.
    expect(batch.result.totals.cost * 2).toBeGreaterThan(interactive.result.totals.cost);
    expect(batch.result.totals.cost).toBeLessThan(interactive.result.totals.cost * 0.75);
  });

  it('retries what the batch lane did not answer, interactively, within the deadline', () => {
    const { batch } = parts().bulk;
    expect(batch.result.status).toBe('completed');
    expect(batch.retriedAfter.errored).toBeGreaterThan(0);
    expect(batch.retriedAfter.expired).toBeGreaterThan(0);
    expect(batch.result.totals.byLane.interactive.requests).toBe(batch.result.totals.retried);
    expect(batch.durationMs).toBeLessThanOrEqual(parts().bulk.deadlineMs);
    // A batch takes 30 simulated minutes; 80 interactive calls, eight at a time, far less.
    expect(batch.durationMs).toBeGreaterThanOrEqual(30 * 60_000);
    expect(parts().bulk.interactive.durationMs).toBeLessThan(5 * 60_000);
  });

  it("keeps every ledger equal to the simulator's invoice, to the nano-dollar", () => {
    const { bulk, tasks } = parts();
    for (const run of [bulk.batch, bulk.interactive]) {
      expect(run.invoice?.total).toBe(run.spent);
      expect(run.result.totals.cost).toBe(run.spent);
      expect(run.spent).toBeGreaterThan(0);
    }
    for (const run of [tasks.interactive, tasks.batch, tasks.roomy, tasks.rushed]) {
      expect(run.billed).toBe(run.report.cost);
    }
  });

  it('runs the working agents in the batch lane for less, at the same grade', () => {
    const { interactive, batch } = parts().tasks;
    expect(batch.status).toBe('done');
    expect(batch.grade).toBe(interactive.grade);
    expect(batch.calls.batch).toBeGreaterThan(0);
    expect(interactive.calls.batch).toBe(0);
    expect(batch.workingCost).toBeLessThan(interactive.workingCost * 0.75);
  });

  it("moves work to the batch lane on auto with a day's deadline, not with a minute's", () => {
    const { roomy, rushed } = parts().tasks;
    const kinds = (run: typeof roomy) => run.report.decisions.map((decision) => decision.kind);
    expect(kinds(roomy)).toContain('batch');
    expect(roomy.calls.batch).toBeGreaterThan(0);
    expect(kinds(rushed)).not.toContain('batch');
    expect(rushed.calls.batch).toBe(0);
    expect(rushed.report.decisions[0]?.reason).toMatch(/interactive only/);
  });

  it('prints both parts, the decisions and every check passed', () => {
    expect(example.checks.length).toBe(9);
    expect(example.checks.every((check) => check.passed)).toBe(true);
    expect(example.text).toMatch(/^auto\s+batch\s+completed/m);
    expect(example.text).toMatch(/^interactive\s+interactive\s+completed/m);
    expect(example.text).toContain('is exactly half. PASS');
    expect(example.text).toMatch(/^\s+[\d.]+ s\s+batch\s+projected/m);
    expect(example.text).toContain('All 9 checks passed');
  });

  it('would catch a batch item not billed at half, and a ledger off its invoice', () => {
    const { bulk, tasks } = parts();
    const [first, ...rest] = bulk.batch.result.items;
    if (first?.status !== 'succeeded') throw new Error('the first ticket was not answered');
    const overcharged = {
      ...bulk.batch.result,
      items: [{ ...first, cost: first.cost + 1 }, ...rest],
    };
    const check = checkHalfPrice(overcharged, bulk.interactive.result, bulk.model);
    expect(check.holds).toBe(false);
    expect(check.exactHalf).toBe(check.compared - 1);

    const offInvoice = { ...bulk.batch, spent: bulk.batch.spent + 1 };
    const failed = laneChecks({ bulk: { ...bulk, batch: offInvoice }, tasks }).filter(
      (candidate) => !candidate.passed,
    );
    expect(failed.map((candidate) => candidate.claim)).toEqual([
      'each bulk run: result totals == budget ledger == invoice',
    ]);
    const noBatchStep = {
      ...tasks.roomy,
      report: {
        ...tasks.roomy.report,
        decisions: tasks.roomy.report.decisions.filter((decision) => decision.kind !== 'batch'),
      },
    };
    expect(
      laneChecks({ tasks: { ...tasks, roomy: noBatchStep } }).some(
        (candidate) => !candidate.passed,
      ),
    ).toBe(true);
  });
});
