import { createUsage, emptyUsage, type TaskReport } from '@bursar/core';
import { describe, expect, it } from 'vitest';
import type { ComparisonRun } from './run-comparison';
import { formatComparison } from './format-comparison';
import { summarizeComparison } from './summarize-comparison';
import type { TaskCase, TaskSetName } from './task-sets';

function taskCase(set: TaskSetName, id: string): TaskCase {
  return {
    set,
    workload: { id: `${set}-workload` } as TaskCase['workload'],
    task: { id } as TaskCase['task'],
  };
}

interface RunFacts {
  readonly shape: ComparisonRun['shape'];
  readonly cost: number;
  readonly grade: number;
  readonly ran: 'single' | 'fanOut';
  readonly durationMs?: number;
  readonly billed?: number;
  readonly projected?: { readonly taken: number; readonly other: number };
}

function run(of: TaskCase, facts: RunFacts): ComparisonRun {
  const report: TaskReport = {
    format: 'bursar-report/v1',
    taskId: `${of.task.id}-${facts.shape}`,
    status: 'done',
    shape: facts.ran,
    budget: { limit: 50_000_000, spent: facts.cost, shareUsed: facts.cost / 50_000_000 },
    usage: createUsage({ input: 100, output: 10 }),
    cost: facts.cost,
    byClass: {
      input: { tokens: 100, cost: facts.cost },
      cacheWrite5m: { tokens: 0, cost: 0 },
      cacheWrite1h: { tokens: 0, cost: 0 },
      cacheRead: { tokens: 0, cost: 0 },
      output: { tokens: 10, cost: 0 },
    },
    byAgent: [
      {
        agent: 'plan',
        role: 'plan',
        model: 'm',
        status: 'completed',
        calls: 1,
        usage: emptyUsage,
        cost: 1_000,
      },
      {
        agent: facts.ran,
        role: 'single',
        model: 'm',
        status: 'completed',
        calls: 1,
        usage: emptyUsage,
        cost: facts.cost - 1_000,
      },
    ],
    byModel: [],
    cacheHitShare: 0,
    decisions: [
      {
        at: 0,
        kind: 'shape',
        reason: `${facts.ran}: test`,
        projectedBefore: facts.projected?.other,
        projectedAfter: facts.projected?.taken,
      },
    ],
    timeline: [],
    counterfactuals: { withoutCaching: facts.cost, shapeNotTaken: undefined },
    durationMs: facts.durationMs ?? 10_000,
  };
  return {
    taskCase: of,
    shape: facts.shape,
    status: 'done',
    output: '',
    report,
    grade: facts.grade,
    billed: facts.billed ?? facts.cost,
  };
}

describe('summarizeComparison', () => {
  const wide = taskCase('parallel', 'wide');
  const chain = taskCase('sequential', 'chain');
  const runs = [
    // The parallel task: fan-out dearer but the only one with the full grade; auto ran it.
    run(wide, { shape: 'single', cost: 20_000_000, grade: 0.6, ran: 'single', durationMs: 9_000 }),
    run(wide, { shape: 'fanOut', cost: 30_000_000, grade: 1, ran: 'fanOut', durationMs: 8_000 }),
    run(wide, {
      shape: 'auto',
      cost: 31_000_000,
      grade: 1,
      ran: 'fanOut',
      projected: { taken: 60_001_000, other: 80_000_000 },
    }),
    // The chain: equal grades, single cheaper, but auto fanned out; one bill differs from the ledger.
    run(chain, { shape: 'single', cost: 10_000_000, grade: 1, ran: 'single' }),
    run(chain, { shape: 'fanOut', cost: 15_000_000, grade: 1, ran: 'fanOut', billed: 15_000_001 }),
    run(chain, { shape: 'auto', cost: 16_000_000, grade: 1, ran: 'fanOut' }),
  ];
  const summary = summarizeComparison(runs);

  it('has one row per set and shape, summing cost and averaging grade', () => {
    expect(summary.rows.map((row) => `${row.set}/${row.shape}`)).toEqual([
      'parallel/single',
      'parallel/fanOut',
      'parallel/auto',
      'sequential/single',
      'sequential/fanOut',
      'sequential/auto',
    ]);
    expect(summary.rows[2]?.cost).toBe(31_000_000);
    expect(summary.rows[2]?.ran).toEqual({ fanOut: 1 });
    expect(summary.rows[0]?.decisions).toEqual({ shape: 1 });
  });

  it('judges the cheaper shape at equal grade: a better grade beats a lower price', () => {
    const [parallel, sequential] = summary.verdicts;
    expect(parallel?.cheaper).toBe('fanOut');
    expect(parallel?.autoPickedCheaper).toBe(true);
    expect(parallel?.fanOutFaster).toBe(true);
    expect(sequential?.cheaper).toBe('single');
    expect(sequential?.autoPickedCheaper).toBe(false);
    // Auto paid 16 where single's 10 would do.
    expect(summary.autoOverpaid).toBe(6_000_000);
    expect(summary.cheapestBySet.map(({ set, row }) => `${set}:${row.shape}`)).toEqual([
      'parallel:fanOut',
      'sequential:single',
    ]);
  });

  it("compares auto's projections with the working agents' measured cost, planning left out", () => {
    expect(summary.projections).toEqual([
      { shape: 'fanOut', projected: 60_001_000, measured: 29_999_000 },
      { shape: 'single', projected: 80_000_000, measured: 19_999_000 },
    ]);
  });

  it('counts the runs whose ledger is not the bill', () => {
    expect(summary.ledger).toEqual({ checked: 6, equal: 5 });
    expect(summary.withinLimit).toBe(6);
  });

  it("says whether a miss lost grade from auto's own run, not the shape's", () => {
    const context = { backend: 'simulator', perTaskUsd: '0.05' } as const;
    const wide = taskCase('parallel', 'wide');
    // Auto ran single, the shape that graded 0.6 alone; its own run reached 1.0 for less than the fan-out.
    const kept = summarizeComparison([
      run(wide, { shape: 'single', cost: 30_000_000, grade: 0.6, ran: 'single' }),
      run(wide, { shape: 'fanOut', cost: 47_000_000, grade: 1, ran: 'fanOut' }),
      run(wide, { shape: 'auto', cost: 43_000_000, grade: 1, ran: 'single' }),
    ]);
    const text = formatComparison(kept, context);
    expect(text).toContain('it paid no more, at no lower grade.');
    const lost = summarizeComparison([
      run(wide, { shape: 'single', cost: 30_000_000, grade: 0.6, ran: 'single' }),
      run(wide, { shape: 'fanOut', cost: 47_000_000, grade: 1, ran: 'fanOut' }),
      run(wide, { shape: 'auto', cost: 31_000_000, grade: 0.6, ran: 'single' }),
    ]);
    expect(formatComparison(lost, context)).toContain('it paid no more, but got a lower grade.');
  });

  it('lists failed runs with the reason, and no block when none failed', () => {
    const context = { backend: 'real', perTaskUsd: '0.08' } as const;
    expect(summary.failed).toEqual([]);
    expect(formatComparison(summary, context)).not.toContain('failed');
    const [first, ...rest] = runs;
    if (first === undefined) throw new Error('no run');
    const refused: ComparisonRun = {
      ...first,
      status: 'failed',
      error: 'single failed (the task result gives no reason)',
    };
    const failing = summarizeComparison([refused, ...rest]);
    expect(failing.failed).toEqual([refused]);
    expect(formatComparison(failing, context)).toContain(
      '1 of 6 runs failed (the tables count them as far as they got):\n  wide single: single failed (the task result gives no reason)',
    );
  });
});
