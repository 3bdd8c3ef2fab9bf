import { describe, expect, it } from 'vitest';
import { budgetSweepSchema, type BudgetSweepResults } from './budget-sweep-schema';
import { renderProjectionErrorSection } from './projection-error-section';
import { flat, testRun } from './run-info.test-helper';

function results(decided: readonly number[], atHalf: readonly number[]): BudgetSweepResults {
  return budgetSweepSchema.parse({
    ...testRun,
    percents: [100],
    sweep: [
      {
        task: 'parallelqa-1',
        workload: 'parallelqa',
        unconstrained: {
          limit: 1e12,
          status: 'done',
          invoiced: 100,
          ledger: 100,
          overshoot: 0,
          grade: 1,
          calls: 4,
          decisions: [],
        },
        runs: [
          {
            limit: 100,
            status: 'done',
            invoiced: 60,
            ledger: 60,
            overshoot: 0,
            grade: 1,
            calls: 4,
            decisions: [],
          },
        ],
      },
    ],
    projection: {
      runs: decided.map((projected, index) => ({
        task: `parallelqa-${String(index)}`,
        workload: 'parallelqa',
        shape: 'single',
        actual: 100,
        calls: 4,
        decided: projected,
        at: [{ fraction: 0.5, call: 2, projected: atHalf[index] ?? 100 }],
      })),
    },
  });
}

describe('renderProjectionErrorSection', () => {
  it('says the decision forecast is close when its median error is within 10%', () => {
    const text = flat(renderProjectionErrorSection(results([95, 105, 100], [150, 160, 140])));
    expect(text).toContain(
      'At the decision the forecast is close: median +0.0%, 3 of 3 runs within 25%.',
    );
    expect(text).toContain('Mid-run the re-projection is worse than at the decision');
    expect(text).toContain('| decision (0%) | 3 | +0.0% |');
  });

  it('says it is not close when it is not, and when mid-run is no worse', () => {
    const text = flat(renderProjectionErrorSection(results([200, 210, 190], [101, 99, 100])));
    expect(text).toContain(
      'At the decision the forecast is not close: median +100.0%, 0 of 3 runs within 25%.',
    );
    expect(text).toContain('Mid-run the re-projection is no worse than at the decision');
    expect(text).toContain(
      'By 50% of the calls the median error is +0.0% and 3 of 3 runs are within 25%.',
    );
  });
});
