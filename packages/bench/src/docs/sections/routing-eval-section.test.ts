import { describe, expect, it } from 'vitest';
import {
  renderRoutingEvalSection,
  routingEvalSchema,
  type RoutingEvalResults,
} from './routing-eval-section';
import { flat, testRun } from './run-info.test-helper';

function results(ledgerOfCheap: number): RoutingEvalResults {
  return routingEvalSchema.parse({
    ...testRun,
    settings: { workloads: ['parallelqa'], trainTasks: 4, heldOutTasks: 5 },
    training: { nanodollars: 2_000_000_000 },
    results: [
      {
        policy: 'always top (opus 4.6)',
        invoiceNanodollars: 1e9,
        nanodollars: 1e9,
        meanGrade: 1,
        failedTryNanodollars: 0,
      },
      {
        policy: 'always cheap',
        invoiceNanodollars: 2e8,
        nanodollars: ledgerOfCheap,
        meanGrade: 0.9,
        failedTryNanodollars: 1e7,
      },
    ],
  });
}

describe('renderRoutingEvalSection', () => {
  it('says the ledger equals the invoice in every run when it does', () => {
    const text = flat(renderRoutingEvalSection(results(2e8)));
    expect(text).toContain("In every policy's run the ledger equals the simulator's invoice");
    expect(text).toContain('| always cheap | $0.20 | 0.900 | 0.20x | $0.01 |');
    expect(text).toContain('Training (every tier on the 4 training tasks) cost $2.00.');
  });

  it('names the policies whose ledger differs', () => {
    expect(flat(renderRoutingEvalSection(results(2e8 + 1)))).toContain(
      "The ledger equals the simulator's invoice in 1 of 2 policies' runs; not in always cheap.",
    );
  });
});
