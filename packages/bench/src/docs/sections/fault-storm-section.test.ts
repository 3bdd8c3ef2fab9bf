import { describe, expect, it } from 'vitest';
import {
  faultStormSchema,
  renderFaultStormSection,
  type FaultStormResults,
} from './fault-storm-section';
import { flat, testRun } from './run-info.test-helper';

interface RunSpec {
  readonly task: string;
  readonly ledger: number | null;
  readonly invoiced: number;
  readonly streamCuts?: number;
  readonly status?: string;
}

function results(runs: readonly RunSpec[]): FaultStormResults {
  return faultStormSchema.parse({
    ...testRun,
    faultRate: 0.1,
    kinds: ['rate_limit', 'stream_cut'],
    budgets: ['1000', '0.05'],
    runs: runs.map((spec, index) => ({
      task: spec.task,
      budget: index % 2 === 0 ? '1000' : '0.05',
      streamed: index % 2 === 0,
      status: spec.status ?? 'done',
      ledger: spec.ledger,
      invoiced: spec.invoiced,
      requests: 10,
      failedResponses: { '429': 1 },
      dropped: 0,
      streamCuts: spec.streamCuts ?? 0,
      retries: 1,
      realMs: 100,
    })),
  });
}

describe('renderFaultStormSection', () => {
  it('says the ledger is never below the invoice, and that the runs above it are the cut ones', () => {
    const text = flat(
      renderFaultStormSection(
        results([
          { task: 'chain-01', ledger: 1000, invoiced: 1000 },
          { task: 'chain-01', ledger: 1200, invoiced: 1000, streamCuts: 1 },
        ]),
      ),
    );
    expect(text).toContain(
      '**The ledger is never below the invoice, and equals it in 1 of 2 runs.**',
    );
    expect(text).toContain(
      'The 1 above it are exactly the 1 run with a stream cut (1 cut in all).',
    );
    expect(text).toContain('never below it, so a hard limit stays hard');
    expect(text).toContain('Every run ended with a status: no throw, no hang');
    expect(text).toContain('15.0% of requests failed (3 of 20) against a fault rate of 10%');
  });

  it('says when the ledger falls below the invoice, and when a run threw', () => {
    const text = flat(
      renderFaultStormSection(
        results([
          { task: 'loop-a', ledger: 900, invoiced: 1000 },
          { task: 'loop-a', ledger: null, invoiced: 500, status: 'threw' },
        ]),
      ),
    );
    expect(text).toContain(
      '**The ledger is below the invoice in 2 of 2 runs**, and equals it in 0 of 2.',
    );
    expect(text).toContain('1 runs threw and 0 hung');
    expect(text).not.toContain('so a hard limit stays hard');
  });

  it('counts the overshoots against each run’s budget', () => {
    const text = flat(
      renderFaultStormSection(
        results([
          { task: 'parallelqa-1', ledger: 1000, invoiced: 1000 },
          {
            task: 'parallelqa-1',
            ledger: 60_000_000,
            invoiced: 60_000_000,
            status: 'budgetExhausted',
          },
        ]),
      ),
    );
    expect(text).toContain('and 1 of 2 runs spent past their limit.');
    expect(text).toContain(
      'parallelqa take 20 requests, and 1 of their 1 runs under $0.05 end `budgetExhausted`.',
    );
  });
});
