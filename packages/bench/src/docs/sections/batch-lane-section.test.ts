import { describe, expect, it } from 'vitest';
import {
  batchLaneSchema,
  renderBatchLaneSection,
  type BatchLaneResults,
} from './batch-lane-section';
import { flat, testRun } from './run-info.test-helper';

interface SettingSpec {
  readonly name: string;
  readonly seconds: number;
  readonly budgetUsd?: string;
  readonly retried?: number;
  readonly batches?: number;
  readonly virtualSeconds?: number;
  readonly invoice?: number;
  readonly ledgerOff?: number;
}

function results(settings: readonly SettingSpec[]): BatchLaneResults {
  return batchLaneSchema.parse({
    ...testRun,
    model: 'claude-sonnet-4-6',
    targetSeconds: 10,
    results: settings.map((spec) => {
      const invoice = spec.invoice ?? 1_000_000;
      return {
        setting: {
          name: spec.name,
          items: 100,
          batchProcessingMs: 2_400_000,
          deadlineMs: 21_600_000,
          budgetUsd: spec.budgetUsd ?? '400',
        },
        medianRealSeconds: spec.seconds,
        runs: [
          {
            realSeconds: spec.seconds,
            virtualSeconds: spec.virtualSeconds ?? 2410,
            status: 'completed',
            batches: spec.batches ?? 1,
            polls: 12,
            bytes: 2_000_000,
            succeeded: 100,
            retried: spec.retried ?? 0,
            usage: {
              input: 1,
              cacheWrite5m: 0,
              cacheWrite1h: 300,
              cacheRead: 30_000,
              output: 4000,
            },
            invoiceNanodollars: invoice,
            ledgerNanodollars: invoice + (spec.ledgerOff ?? 0),
            batchLinesNanodollars: 1_000_000,
            batchLinesAtInteractiveNanodollars: 2_000_000,
            allInteractiveNanodollars: 2_000_000,
          },
        ],
      };
    }),
  });
}

describe('renderBatchLaneSection', () => {
  it('says the target is met in every setting, and the ledger equals the invoice', () => {
    const text = flat(
      renderBatchLaneSection(
        results([
          { name: 'one batch', seconds: 4.5 },
          {
            name: 'small budget',
            seconds: 4.7,
            budgetUsd: '100',
            batches: 4,
            virtualSeconds: 9640,
          },
        ]),
      ),
    );
    expect(text).toContain('is met in every setting (4.5 s to 4.7 s here)');
    expect(text).toContain("In every run the budget's ledger equals the simulator's invoice");
    expect(text).toContain('With $100 the job ran in 4 batches');
    expect(text).toContain('4.0x the simulated time of "one batch", the same bill.');
    expect(text).toContain('batches take 40 minutes of simulated time, the deadline is 6 hours');
  });

  it('says in how many settings the target is met when not in all, and counts ledger mismatches', () => {
    const text = flat(
      renderBatchLaneSection(
        results([
          { name: 'one batch', seconds: 4.5 },
          { name: 'faults', seconds: 12, retried: 4, invoice: 1_100_000, ledgerOff: 5 },
        ]),
      ),
    );
    expect(text).toContain('is met in 1 of 2 settings');
    expect(text).toContain("The budget's ledger equals the simulator's invoice in 1 of 2 runs");
    expect(text).toContain(
      'The 4 requests the batch lane errored or expired in "faults" were answered interactively at the full price ($0.0001 more than all at the batch price).',
    );
  });
});
