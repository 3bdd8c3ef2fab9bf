import { describe, expect, it } from 'vitest';
import {
  contextSavingsSchema,
  renderContextSavingsSection,
  type ContextSavingsResults,
} from './context-savings-section';
import { flat, testRun } from './run-info.test-helper';

const usage = (read: number, write: number, write1h = 0) => ({
  input: 0,
  cacheWrite5m: write,
  cacheWrite1h: write1h,
  cacheRead: read,
  output: 100,
});

function row(strategy: string, nanodollars: number, grade = 1, write1h = 0) {
  return {
    workload: 'tool-loops',
    tasks: 2,
    strategy,
    nanodollars,
    meanGrade: grade,
    turns: 10,
    calls: strategy.includes('pruning') ? 12 : 10,
    prewarms: strategy.includes('pruning') ? 2 : 0,
    usage: usage(5000, 2000, write1h),
  };
}

function results(options: {
  compaction: number;
  prunedGrade?: number;
  write1h?: number;
}): ContextSavingsResults {
  return contextSavingsSchema.parse({
    ...testRun,
    model: 'claude-sonnet-4-6',
    results: [
      {
        workload: 'tool-loops',
        tasks: 2,
        strategy: 'oracle',
        nanodollars: 100_000_000,
        usage: usage(1000, 1000),
      },
      row('naive (no cache, full resend)', 1_000_000_000),
      row('cached', 300_000_000, 1, options.write1h ?? 0),
      row('cached + pruning', 120_000_000, options.prunedGrade ?? 1),
      row('cached + pruning + compaction', options.compaction),
      { workload: 'tool-loops', strategy: 'other', skipped: 'not measured here' },
    ],
  });
}

describe('renderContextSavingsSection', () => {
  it('finds the cheapest strategy at equal grade and says compaction changed nothing', () => {
    const text = flat(renderContextSavingsSection(results({ compaction: 120_000_000 })));
    expect(text).toContain('| tool-loops | cached + pruning | 8.33x | 1.20x | 10.00x |');
    expect(text).toContain("Every strategy got the naive loop's grade on every workload");
    expect(text).toContain('**Compaction** changed nothing');
    expect(text).toContain('"other" is not measured on tool-loops: not measured here.');
    expect(text).toContain('the 1-hour breakpoint wrote nothing in any run');
    expect(text).toContain('sends a pre-warm where it pays (2 on tool-loops)');
  });

  it('says when compaction changed a cost, a grade differed, or the 1-hour breakpoint wrote', () => {
    const text = flat(
      renderContextSavingsSection(
        results({ compaction: 110_000_000, prunedGrade: 0.9, write1h: 500 }),
      ),
    );
    expect(text).toContain(
      '**Compaction** changed the cost on tool-loops ($0.11 against $0.12 without)',
    );
    expect(text).toContain(
      "Not every strategy got the naive loop's grade: cached + pruning on tool-loops (0.900)",
    );
    expect(text).toContain(
      '| tool-loops | cached + pruning + compaction | 9.09x | 1.10x | 10.00x |',
    );
    expect(text).toContain('the 1-hour breakpoint wrote 500 tokens over the cached runs');
  });
});
