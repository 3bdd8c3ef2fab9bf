import { formatTable, formatUsd4 } from '@bursar-examples/support';
import type { LoopRun } from './run-long-loop';

function percentOf(value: number, base: number): string {
  return base === 0 ? 'n/a' : `${((value / base) * 100).toFixed(0)}%`;
}

/** The turns the per-turn table shows: the first, every fifth, and the last. */
export function sampledTurns(turns: number): number[] {
  const picked = new Set([1]);
  for (let turn = 5; turn < turns; turn += 5) picked.add(turn);
  picked.add(turns);
  return [...picked].filter((turn) => turn >= 1 && turn <= turns);
}

/**
 * The comparison as text: prompt tokens per turn (sampled), then per
 * variant the turns, largest and total prompt, cost against the run without
 * context options, grade and the invoice, and the findings computed from
 * them. The first run is the baseline.
 *
 * @example
 * ```ts
 * console.log(formatLongLoop(await runLongLoop({ workloads }), 'loop-access-audit-log'));
 * ```
 */
export function formatLongLoop(runs: readonly LoopRun[], taskId: string): string {
  const [baseline] = runs;
  if (baseline === undefined) return 'No runs.';
  const most = Math.max(...runs.map((run) => run.promptByTurn.length));
  const perTurn = formatTable(
    [
      { header: 'turn', align: 'right' },
      ...runs.map((run) => ({ header: run.variant, align: 'right' as const })),
    ],
    sampledTurns(most).map((turn) => [
      String(turn),
      ...runs.map((run) => {
        const tokens = run.promptByTurn[turn - 1];
        return tokens === undefined ? '' : String(tokens);
      }),
    ]),
  );
  const total = (run: LoopRun) => run.promptByTurn.reduce((sum, tokens) => sum + tokens, 0);
  const largest = (run: LoopRun) => Math.max(0, ...run.promptByTurn);
  const summary = formatTable(
    [
      { header: 'context' },
      { header: 'turns', align: 'right' },
      { header: 'largest prompt', align: 'right' },
      { header: 'prompt tokens', align: 'right' },
      { header: 'prunes', align: 'right' },
      { header: 'compactions', align: 'right' },
      { header: 'cost', align: 'right' },
      { header: 'vs none', align: 'right' },
      { header: 'grade', align: 'right' },
      { header: 'invoice', align: 'right' },
    ],
    runs.map((run) => [
      run.variant,
      String(run.turns),
      String(largest(run)),
      String(total(run)),
      String(run.prunes),
      String(run.compactions),
      formatUsd4(run.cost),
      percentOf(run.cost, baseline.cost),
      run.grade.toFixed(2),
      formatUsd4(run.billed),
    ]),
  );
  const findings = runs.slice(1).map((run) => {
    const saved = baseline.cost - run.cost;
    const compaction =
      run.compactions > 0
        ? `; its ${String(run.compactions)} compaction call(s) cost ${formatUsd4(run.compactionCost)}, counted in the cost`
        : run.compactionThreshold === undefined
          ? ''
          : `; compaction never fired: every prompt stayed under its ${String(run.compactionThreshold)}-token threshold`;
    return `${run.variant}: largest prompt ${String(largest(run))} tokens (${percentOf(largest(run), largest(baseline))} of none's ${String(largest(baseline))}); ${saved >= 0 ? `${formatUsd4(saved)} cheaper` : `${formatUsd4(-saved)} dearer`} (${percentOf(run.cost, baseline.cost)} of the cost) at grade ${run.grade.toFixed(2)} against ${baseline.grade.toFixed(2)}${compaction}.`;
  });
  const matching = runs.filter((run) => run.cost === run.billed).length;
  return [
    `A ${String(baseline.turns)}-turn tool loop (${taskId}: one page of JSON a turn), claude-sonnet-4-6 on the simulator, prompt caching on in every run.`,
    '',
    'Prompt tokens per turn (input + cache writes + cache reads):',
    '',
    perTurn,
    '',
    summary,
    '',
    'What it shows:',
    ...findings.map((line) => `- ${line}`),
    `- the agent's ledger equals the simulator's invoice on ${String(matching)} of ${String(runs.length)} runs.`,
  ].join('\n');
}
