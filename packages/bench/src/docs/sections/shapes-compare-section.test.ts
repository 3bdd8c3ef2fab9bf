import { describe, expect, it } from 'vitest';
import { flat, testRun } from './run-info.test-helper';
import {
  renderShapesCompareSection,
  shapesCompareSchema,
  type ShapesCompareResults,
} from './shapes-compare-section';

function shapeRun(requested: string, ran: string, cost: number, grade = 1) {
  return {
    requested,
    ran,
    cost,
    grade,
    calls: 5,
    reason: `${ran}: because; fan-out projected $1 against $2 single`,
    spentBeforeDecision: requested === 'single' ? 0 : 10,
    ...(requested === 'single' ? {} : { projectedSingle: 110, projectedFanOut: 160 }),
  };
}

function results(autoRan: readonly string[]): ShapesCompareResults {
  const runs = autoRan.map((ran, index) => ({
    task: `parallelqa-${String(index + 1)}`,
    single: shapeRun('single', 'single', 100),
    fanOut: shapeRun('fanOut', 'fanOut', 150),
    auto: shapeRun('auto', ran, ran === 'single' ? 110 : 160),
  }));
  const cheaper = autoRan.filter((ran) => ran === 'single').length;
  return shapesCompareSchema.parse({
    ...testRun,
    maxTurns: 80,
    maxTokens: 2000,
    ledgerMismatches: 0,
    results: [
      {
        set: 'parallel',
        workloads: ['parallelqa'],
        tasks: runs.length,
        equalGrade: runs.length,
        fanOutCheaperAtEqualGrade: 0,
        autoRanCheaperAtEqualGrade: cheaper,
        autoOverCheaperAtEqualGrade: 1.1,
        autoRanBetter: cheaper,
        medianProjectedOverActualSingle: 1,
        medianProjectedOverActualFanOut: 1,
        runs,
      },
    ],
  });
}

describe('renderShapesCompareSection', () => {
  it('says auto ran the cheaper shape on every task when it did, with no miss', () => {
    const text = flat(renderShapesCompareSection(results(['single', 'single'])));
    expect(text).toContain('Auto ran the cheaper shape on 2 of 2 equal-grade tasks');
    expect(text).not.toContain('miss');
    expect(text).toContain('the ledger equalled it in every run');
  });

  it('names a miss with its reason and what it cost against the cheaper run', () => {
    const text = flat(renderShapesCompareSection(results(['single', 'fanOut'])));
    expect(text).toContain('Auto ran the cheaper shape on 1 of 2 equal-grade tasks');
    expect(text).toContain(
      'Its one miss: parallelqa-2 ran fanOut ("fanOut: because; fan-out projected $1 against $2 single") and cost 1.60x the single run.',
    );
  });
});
