import { formatTable, formatUsd4 } from '@bursar-examples/support';
import type {
  ComparisonSummary,
  ProjectionCheck,
  ShapeRow,
  TaskVerdict,
} from './summarize-comparison';

/** What the text says about where the runs went. */
export interface FormatContext {
  readonly backend: 'simulator' | 'real';
  /** Each run's budget, dollars as a decimal string. */
  readonly perTaskUsd: string;
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

function counted(counts: Readonly<Record<string, number | undefined>>): string {
  const parts = Object.entries(counts).flatMap(([key, count]) =>
    count === undefined || count === 0 ? [] : [`${key}×${String(count)}`],
  );
  return parts.length === 0 ? '-' : parts.join(' ');
}

/**
 * The comparison as text: a table per set and shape (tokens by class, cost,
 * grade, wall time, decisions, the shape that ran), a table per task, and the
 * findings, each computed from the summary.
 *
 * @example
 * ```ts
 * console.log(formatComparison(summarizeComparison(runs), { backend: 'simulator', perTaskUsd: '0.50' }));
 * ```
 */
export function formatComparison(summary: ComparisonSummary, context: FormatContext): string {
  const clock = context.backend === 'simulator' ? 'simulated' : 'wall';
  const bySet = formatTable(
    [
      { header: 'set' },
      { header: 'shape' },
      { header: 'input', align: 'right' },
      { header: 'cache write', align: 'right' },
      { header: 'cache read', align: 'right' },
      { header: 'output', align: 'right' },
      { header: 'cost', align: 'right' },
      { header: 'grade', align: 'right' },
      { header: `${clock} s/task`, align: 'right' },
      { header: 'decisions' },
      { header: 'ran' },
    ],
    summary.rows.map((row) => [
      row.set,
      row.shape,
      String(row.usage.input),
      String(row.usage.cacheWrite5m + row.usage.cacheWrite1h),
      String(row.usage.cacheRead),
      String(row.usage.output),
      formatUsd4(row.cost),
      row.meanGrade.toFixed(2),
      seconds(row.meanDurationMs),
      counted(row.decisions),
      counted(row.ran),
    ]),
  );
  const byTask = formatTable(
    [
      { header: 'task' },
      { header: 'set' },
      { header: 'single', align: 'right' },
      { header: 'fanOut', align: 'right' },
      { header: 'auto', align: 'right' },
      { header: 'auto ran' },
      { header: 'cheaper at equal grade' },
      { header: 'fan-out faster' },
    ],
    summary.verdicts.map((verdict) => [
      verdict.taskCase.task.id,
      verdict.taskCase.set,
      `${formatUsd4(verdict.single.report.cost)} ${verdict.single.grade.toFixed(2)}`,
      `${formatUsd4(verdict.fanOut.report.cost)} ${verdict.fanOut.grade.toFixed(2)}`,
      `${formatUsd4(verdict.auto.report.cost)} ${verdict.auto.grade.toFixed(2)}`,
      verdict.autoChose ?? 'none',
      verdict.cheaper,
      verdict.fanOutFaster ? 'yes' : 'no',
    ]),
  );
  const failed =
    summary.failed.length === 0
      ? []
      : [
          '',
          `${String(summary.failed.length)} of ${String(summary.runs)} runs failed (the tables count them as far as they got):`,
          ...summary.failed.map(
            (run) => `  ${run.taskCase.task.id} ${run.shape}: ${run.error ?? 'no reason given'}`,
          ),
        ];
  return [
    `Per set and shape (sums over the set's tasks; grade and time are means), each run under a $${context.perTaskUsd} hard budget:`,
    '',
    bySet,
    '',
    'Per task (cost and grade of each shape):',
    '',
    byTask,
    ...failed,
    '',
    'What it shows:',
    ...findings(summary, context).map((line) => `- ${line}`),
  ].join('\n');
}

function findings(summary: ComparisonSummary, context: FormatContext): string[] {
  const lines: string[] = [];
  for (const { set, row } of summary.cheapestBySet) {
    const others = summary.rows
      .filter((other) => other.set === set && other !== row)
      .map(
        (other) =>
          `${other.shape} ${formatUsd4(other.cost)} (${premium(other, row)}, grade ${other.meanGrade.toFixed(2)})`,
      );
    lines.push(
      `${set}: ${row.shape} was cheapest at the best grade (${row.meanGrade.toFixed(2)}): ${formatUsd4(row.cost)}, against ${others.join(', ')}.`,
    );
  }
  const verdicts = summary.verdicts;
  if (verdicts.length > 0) {
    const picked = verdicts.filter((verdict) => verdict.autoPickedCheaper).length;
    const missed = verdicts.filter((verdict) => !verdict.autoPickedCheaper);
    lines.push(
      `auto picked the cheaper shape at equal grade on ${String(picked)} of ${String(verdicts.length)} tasks` +
        (missed.length === 0
          ? '.'
          : `; on the other ${String(missed.length)} (${missed.map((verdict) => `${verdict.taskCase.set} ${verdict.taskCase.task.id}: ran ${verdict.autoChose ?? 'none'}, ${verdict.cheaper} was the cheaper shape at the best grade`).join('; ')}) ` +
            (summary.autoOverpaid > 0
              ? `it paid ${formatUsd4(summary.autoOverpaid)} more than those shapes in all`
              : 'it paid no more') +
            lowerGradeText(missed)),
    );
    const faster = verdicts.filter((verdict) => verdict.fanOutFaster).length;
    const meanOf = (pick: (verdict: (typeof verdicts)[number]) => number) =>
      verdicts.reduce((sum, verdict) => sum + pick(verdict), 0) / verdicts.length;
    lines.push(
      `fan-out finished first (${context.backend === 'simulator' ? 'simulated' : 'wall'} time) on ${String(faster)} of ${String(verdicts.length)} tasks; mean ${seconds(meanOf((verdict) => verdict.fanOut.report.durationMs))} against ${seconds(meanOf((verdict) => verdict.single.report.durationMs))} single.`,
    );
  }
  for (const shape of ['single', 'fanOut'] as const) {
    const checks = summary.projections.filter((check) => check.shape === shape);
    if (checks.length > 0)
      lines.push(
        `auto's projection of ${shape} was ${ratioRange(checks)} what ${shape}'s working agents cost when run (${String(checks.length)} decisions).`,
      );
  }
  if (summary.ledger.checked > 0)
    lines.push(
      `ledger = simulator invoice, to the nano-dollar, on ${String(summary.ledger.equal)} of ${String(summary.ledger.checked)} runs.`,
    );
  lines.push(
    `spend stayed within the $${context.perTaskUsd} limit on ${String(summary.withinLimit)} of ${String(summary.runs)} runs.`,
  );
  return lines;
}

function premium(row: ShapeRow, cheapest: ShapeRow): string {
  if (cheapest.cost === 0) return 'n/a';
  const percent = ((row.cost - cheapest.cost) / cheapest.cost) * 100;
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(0)}%`;
}

function ratioRange(checks: readonly ProjectionCheck[]): string {
  const ratios = checks
    .filter((check) => check.measured > 0)
    .map((check) => check.projected / check.measured);
  if (ratios.length === 0) return 'not comparable to';
  const low = Math.min(...ratios);
  const high = Math.max(...ratios);
  return low.toFixed(1) === high.toFixed(1)
    ? `${low.toFixed(1)}x`
    : `${low.toFixed(1)}x to ${high.toFixed(1)}x`;
}

/** How many of auto's misses also lost grade against the shape it should have run (auto's own run, not the shape's). */
function lowerGradeText(missed: readonly TaskVerdict[]): string {
  const lower = missed.filter((verdict) => verdict.auto.grade < verdict[verdict.cheaper].grade);
  if (lower.length === 0) return ', at no lower grade.';
  return lower.length === missed.length
    ? ', but got a lower grade.'
    : `, and got a lower grade on ${String(lower.length)} of them (${lower.map((verdict) => verdict.taskCase.task.id).join(', ')}).`;
}
