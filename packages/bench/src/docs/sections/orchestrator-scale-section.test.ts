import { describe, expect, it } from 'vitest';
import {
  orchestratorScaleSchema,
  renderOrchestratorScaleSection,
  type OrchestratorScaleResults,
} from './orchestrator-scale-section';
import { flat, testRun } from './run-info.test-helper';

function results(
  overhead: number,
  samples: readonly number[],
  scale: { wallSeconds?: number; peakRssMiB?: number; invoice?: number } = {},
): OrchestratorScaleResults {
  return orchestratorScaleSchema.parse({
    ...testRun,
    settings: {
      subagents: 100,
      concurrency: 4,
      maxTokens: 32,
      overheadSamples: samples.length,
      warmupSamples: 1,
      targetSeconds: 2,
      targetPeakRssMiB: 300,
      targetOverheadMicroseconds: 50,
    },
    scale: {
      status: 'done',
      subagents: 100,
      calls: 101,
      wallSeconds: scale.wallSeconds ?? 0.5,
      peakRssMiB: scale.peakRssMiB ?? 200,
      ledgerNanodollars: 1000,
      invoiceNanodollars: scale.invoice ?? 1000,
    },
    overhead: {
      callsPerRun: 101,
      bareMicrosecondsPerCall: 0.1,
      orchestratedMicrosecondsPerCall: overhead + 0.1,
      overheadMicrosecondsPerCall: overhead,
      samplesOrchestrated: samples,
    },
  });
}

const render = (input: OrchestratorScaleResults): string =>
  flat(renderOrchestratorScaleSection(input));

describe('renderOrchestratorScaleSection', () => {
  it('says the overhead target is met when the median and every sample are under it', () => {
    const text = render(results(40, [39, 40, 41]));
    expect(text).toContain('is **met**: the median is 40.00 µs, and every sample was under it');
    expect(text).toContain('Both are met in this run.');
  });

  it('says when only the median meets it', () => {
    expect(render(results(45, [44, 45, 55]))).toContain(
      'is **met at the median** (45.00 µs) **but not by every sample**: 2 of 3 were under it',
    );
  });

  it('says when it is not met', () => {
    expect(render(results(52, [49, 52, 58]))).toContain(
      'is **not met**: the median is 52.00 µs, and 1 of 3 samples were under it',
    );
  });

  it('checks the scale targets and the ledger against the invoice', () => {
    const text = render(results(40, [40], { wallSeconds: 3, invoice: 999 }));
    expect(text).toContain('The time target is not met and the memory target met in this run.');
    expect(text).toContain('| 100 | 101 | done | 3.00 | 200 | no |');
    expect(render(results(40, [40], { wallSeconds: 3, peakRssMiB: 400 }))).toContain(
      'Neither is met in this run.',
    );
  });
});
