import { loadShippedWorkloads } from '@bursar/simulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatLongLoop, sampledTurns } from './format-long-loop';
import { defaultVariants, runLongLoop, type LoopRun } from './run-long-loop';

describe('the long-run-compaction example', () => {
  let none: LoopRun;
  let prune: LoopRun;
  let compaction: LoopRun;
  let runs: LoopRun[];
  beforeAll(async () => {
    // The shortest loop (30 pages), instant responses: the same tokens, no waiting.
    runs = await runLongLoop({
      workloads: loadShippedWorkloads(),
      taskId: 'loop-northwind-invoices',
      variants: defaultVariants.slice(0, 3),
      latency: { mode: 'zero' },
    });
    [none, prune, compaction] = runs as [LoopRun, LoopRun, LoopRun];
  });

  it('without context options the prompt grows every page; with them it stays bounded', () => {
    expect(none.variant).toBe('none');
    expect(none.turns).toBeGreaterThanOrEqual(30);
    expect(none.promptByTurn.at(-1)).toBeGreaterThan(20 * (none.promptByTurn[1] ?? 0));
    const largest = (run: LoopRun) => Math.max(...run.promptByTurn);
    expect(compaction.compactions).toBeGreaterThan(0);
    // Bounded: never far past the threshold (one page over at most), wherever the loop is.
    expect(largest(compaction)).toBeLessThan(20_000 + 5_000);
    expect(largest(compaction)).toBeLessThan(largest(none) / 2);
    expect(prune.prunes).toBeGreaterThan(0);
    expect(largest(prune)).toBeLessThan(largest(none) / 2);
  });

  it('costs less at the same grade, the compaction calls counted, and each ledger is the invoice', () => {
    for (const run of runs) {
      expect(run.status).toBe('completed');
      expect(run.grade).toBe(1);
      expect(run.cost).toBe(run.billed);
    }
    expect(compaction.compactionCost).toBeGreaterThan(0);
    expect(compaction.cost).toBeLessThan(none.cost);
    expect(prune.cost).toBeLessThan(none.cost);
  });

  it('prints prompt sizes per turn and a row per variant', () => {
    const text = formatLongLoop(runs, 'loop-northwind-invoices');
    for (const run of runs)
      expect(text).toMatch(new RegExp(`^${run.variant}\\s+${String(run.turns)}\\s`, 'm'));
    expect(text).toContain(`ledger equals the simulator's invoice on 3 of 3 runs`);
    expect(sampledTurns(31)).toEqual([1, 5, 10, 15, 20, 25, 30, 31]);
    expect(sampledTurns(1)).toEqual([1]);
  });
});
