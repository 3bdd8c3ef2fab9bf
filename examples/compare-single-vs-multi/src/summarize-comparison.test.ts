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
    expect(parallel?.autoReachedBest).toBe(true);
    expect(parallel?.fanOutFaster).toBe(true);
    expect(sequential?.cheaper).toBe('single');
    expect(sequential?.autoPickedCheaper).toBe(false);
    // Auto paid 16 where single's 10 would do.
    expect(sequential?.autoAgainstCheaper).toBe(6_000_000);
    expect(
      summary.bySet.map(({ set, atBest, below }) => ({
        set,
        atBest: atBest.map((row) => row.shape),
        below: below.map((row) => row.shape),
      })),
    ).toEqual([
      { set: 'parallel', atBest: ['fanOut', 'auto'], below: ['single'] },
      { set: 'sequential', atBest: ['single', 'fanOut', 'auto'], below: [] },
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

  it('names the cheapest shape only among those at the best grade, and where it stands in cost', () => {
    const context = { backend: 'simulator', perTaskUsd: '0.50' } as const;
    const text = formatComparison(summary, context);
    expect(text).toContain(
      '- parallel: fanOut and auto graded 1.00; fanOut was the cheaper, at $0.0300; auto $0.0310 (3% more), single $0.0200 (33% less, grade 0.60).',
    );
    expect(text).toContain(
      '- sequential: all 3 graded 1.00; single was the cheapest, at $0.0100; fanOut $0.0150 (50% more), auto $0.0160 (60% more).',
    );
    // The dearest shape, alone at the best grade, is never called the cheapest.
    const wide = taskCase('parallel', 'wide');
    const alone = formatComparison(
      summarizeComparison([
        run(wide, { shape: 'single', cost: 30_000_000, grade: 0.6, ran: 'single' }),
        run(wide, { shape: 'fanOut', cost: 47_000_000, grade: 1, ran: 'fanOut' }),
        run(wide, { shape: 'auto', cost: 43_000_000, grade: 0.8, ran: 'single' }),
      ]),
      context,
    );
    expect(alone).toContain(
      '- parallel: only fanOut graded 1.00, at $0.0470, the dearest; single $0.0300 (36% less, grade 0.60), auto $0.0430 (9% less, grade 0.80).',
    );
    expect(alone).not.toMatch(/cheapest/);
  });

  it('judges auto by its own run: the best grade for less than the fan-out is no miss, and a different grade from the shape it ran is explained', () => {
    const context = { backend: 'simulator', perTaskUsd: '0.05' } as const;
    const wide = taskCase('parallel', 'wide');
    // Auto ran single, the shape that graded 0.6 alone; its own run reached 1.0 for less than the fan-out.
    const autoRun = run(wide, { shape: 'auto', cost: 43_000_000, grade: 1, ran: 'single' });
    const single = run(wide, { shape: 'single', cost: 30_000_000, grade: 0.6, ran: 'single' });
    const kept = summarizeComparison([
      {
        ...single,
        report: {
          ...single.report,
          decisions: [
            ...single.report.decisions,
            { at: 1, kind: 'downgrade', reason: 'r', projectedBefore: 1, projectedAfter: 1 },
          ],
        },
      },
      run(wide, { shape: 'fanOut', cost: 47_000_000, grade: 1, ran: 'fanOut' }),
      {
        ...autoRun,
        report: {
          ...autoRun.report,
          decisions: [
            ...autoRun.report.decisions,
            { at: 1, kind: 'prune', reason: 'r', projectedBefore: 1, projectedAfter: 1 },
          ],
        },
      },
    ]);
    expect(kept.verdicts[0]?.autoReachedBest).toBe(true);
    const text = formatComparison(kept, context);
    expect(text).toMatch(/^wide\s+parallel\s.*single\s+fanOut\s+same grade, -9%\s+no$/m);
    expect(text).toContain(
      '- auto ran the best-grade-for-less shape on 0 of 1 tasks (it ran single×1).',
    );
    expect(text).toContain(
      "- auto's own run reached the best grade on 1 of 1 tasks, at -9% against the best-grade-for-less run",
    );
    expect(text).toContain(
      "- on wide auto ran single and graded 1.00, where the single run graded 0.60: auto's agent started after triage and a plan had spent $0.0000 of the budget, and the governor projected its work from the plan; its decisions were prune×1, the single run's downgrade×1.",
    );
    const lost = summarizeComparison([
      run(wide, { shape: 'single', cost: 30_000_000, grade: 0.6, ran: 'single' }),
      run(wide, { shape: 'fanOut', cost: 47_000_000, grade: 1, ran: 'fanOut' }),
      run(wide, { shape: 'auto', cost: 31_000_000, grade: 0.6, ran: 'single' }),
    ]);
    const lostText = formatComparison(lost, context);
    expect(lostText).toContain("it got a lower grade on 1: wide 0.60 against fanOut's 1.00.");
    expect(lostText).toMatch(/lower grade, -34%/);
  });

  it('says every run failed instead of giving verdicts, and leaves failed rows out of them', () => {
    const context = { backend: 'real', perTaskUsd: '0.08' } as const;
    const refused = runs.map((each): ComparisonRun => ({
      ...each,
      status: 'failed',
      grade: 0,
      error: 'refused',
    }));
    const text = formatComparison(summarizeComparison(refused), context);
    const shown = text.slice(text.indexOf('What it shows:'));
    expect(shown).toContain(
      '- every run failed (6 of 6), so there is nothing to compare: the reasons are listed above.',
    );
    expect(shown).not.toMatch(/graded|cheapest|auto ran|finished first|projection/);
    expect(shown).toContain('spend stayed within the $0.08 limit on 6 of 6 runs.');

    // The fan-out failed on the chain: its sequential row and the chain's task verdict are left out.
    const partly = runs.map((each): ComparisonRun =>
      each.taskCase === chain && each.shape === 'fanOut'
        ? { ...each, status: 'failed', grade: 0, error: 'refused' }
        : each,
    );
    const partial = formatComparison(summarizeComparison(partly), context);
    expect(partial).toContain(
      '- sequential: single and auto graded 1.00; single was the cheaper, at $0.0100; auto $0.0160 (60% more) (fanOut: 1 of 1 runs failed, left out).',
    );
    expect(partial).toMatch(/^chain\s+sequential\s.*- \(a run failed\)\s+-\s+no$/m);
    expect(partial).toContain('auto ran the best-grade-for-less shape on 1 of 1 tasks');
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
