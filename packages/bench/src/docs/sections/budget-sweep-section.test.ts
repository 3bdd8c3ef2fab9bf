import { describe, expect, it } from 'vitest';
import { budgetSweepSchema, type BudgetSweepResults } from './budget-sweep-schema';
import { renderBudgetSweepSection } from './budget-sweep-section';
import { flat, testRun } from './run-info.test-helper';

interface RunSpec {
  readonly grade: number;
  readonly status?: string;
  readonly overshoot?: number;
  readonly ledgerOff?: number;
}

function run(limit: number, spec: RunSpec, invoicedAt = Math.floor(limit * 0.6)) {
  const invoiced = invoicedAt + (spec.overshoot ?? 0);
  return {
    limit,
    status: spec.status ?? 'done',
    shape: 'single',
    invoiced,
    ledger: invoiced + (spec.ledgerOff ?? 0),
    overshoot: spec.overshoot ?? 0,
    grade: spec.grade,
    calls: 5,
    decisions: spec.status === 'budgetExhausted' ? ['downgrade'] : [],
  };
}

function results(runs: readonly RunSpec[]): BudgetSweepResults {
  const percents = [50, 100, 200];
  const cost = 1_000_000;
  return budgetSweepSchema.parse({
    ...testRun,
    percents,
    sweep: [
      {
        task: 'chain-01',
        workload: 'sequential-chains',
        unconstrained: run(1e12, { grade: 1 }, cost),
        runs: runs.map((spec, index) => run(((percents[index] ?? 100) * cost) / 100, spec)),
      },
    ],
    projection: {
      runs: [
        {
          task: 'chain-01',
          workload: 'sequential-chains',
          shape: 'single',
          actual: 100,
          calls: 4,
          decided: 105,
          at: [],
        },
      ],
    },
  });
}

describe('renderBudgetSweepSection', () => {
  it('says the hard limit holds when no run overshoots and every ledger equals its invoice', () => {
    const text = flat(
      renderBudgetSweepSection(results([{ grade: 0.5 }, { grade: 1 }, { grade: 1 }])),
    );
    expect(text).toContain(
      "No overshoot in any of the 3 limited runs, by the simulator's invoice, and the ledger equals the invoice in every run: the hard limit holds.",
    );
    expect(text).toContain('More budget never did worse');
    expect(text).toContain('comes back, and stays at every larger budget, from 100% for chain-01');
  });

  it('counts the overshoots and the ledger mismatches when there are some', () => {
    const text = flat(
      renderBudgetSweepSection(
        results([{ grade: 0.5, overshoot: 7 }, { grade: 1, ledgerOff: 1 }, { grade: 1 }]),
      ),
    );
    expect(text).toContain('1 of 3 limited runs overshot their limit');
    expect(text).toContain('the ledger differs from the invoice in 1 of 4 runs.');
    expect(text).not.toContain('the hard limit holds');
  });

  it('says when more budget did worse, and when the grade never comes back', () => {
    const text = flat(
      renderBudgetSweepSection(
        results([{ grade: 0.5 }, { grade: 0.25, status: 'budgetExhausted' }, { grade: 0.75 }]),
      ),
    );
    expect(text).toContain(
      'More budget did worse in 1 task: chain-01 (0.25 at 100% after 0.50 at 50%)',
    );
    expect(text).toContain('not within 200% for chain-01');
    expect(text).toContain(
      'A budget equal to the unconstrained cost does not buy the unconstrained grade',
    );
    expect(text).toContain('| chain-01 | $0.001 | 1.00 | 0.50 | 0.25* | 0.75 |');
  });
});
