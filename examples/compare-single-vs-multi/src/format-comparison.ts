import { formatTable, formatUsd4 } from '@bursar-examples/support';
import type {
  ComparisonSummary,
  ProjectionCheck,
  SetVerdict,
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

/** What the by-set table's last two columns mean. */
export const columnLegend = [
  "decisions: the decisions in the runs' reports, counted by kind (shape×3: a shape decision in each",
  'of 3 runs; the other kinds, such as downgrade or cap-output, are steps the governor took: docs/report.md).',
  'ran: the shape each run ran, counted (auto chooses one; none: the run stopped before choosing).',
].join('\n');

/**
 * The comparison as text: a table per set and shape (tokens by class, cost,
 * grade, wall time, decisions, the shape that ran) with a legend, a table
 * per task, and the findings, each computed from the summary.
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
      { header: 'best grade for less' },
      { header: 'auto against it' },
      { header: 'fan-out faster' },
    ],
    summary.verdicts.map((verdict) => [
      verdict.taskCase.task.id,
      verdict.taskCase.set,
      `${formatUsd4(verdict.single.report.cost)} ${verdict.single.grade.toFixed(2)}`,
      `${formatUsd4(verdict.fanOut.report.cost)} ${verdict.fanOut.grade.toFixed(2)}`,
      `${formatUsd4(verdict.auto.report.cost)} ${verdict.auto.grade.toFixed(2)}`,
      verdict.autoChose ?? 'none',
      verdict.anyFailed ? '- (a run failed)' : verdict.cheaper,
      verdict.anyFailed ? '-' : autoAgainst(verdict),
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
    columnLegend,
    '',
    'Per task (cost and grade of each run; "best grade for less": the cheaper of single and fanOut',
    'at the better grade of the two; "auto against it": auto\'s own run against that one):',
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
  if (summary.runs > 0 && summary.failed.length === summary.runs) {
    lines.push(
      `every run failed (${String(summary.runs)} of ${String(summary.runs)}), so there is nothing to compare: the reasons are listed above.`,
    );
  } else {
    for (const verdict of summary.bySet) {
      const line = setFinding(verdict);
      if (line !== undefined) lines.push(line);
    }
    lines.push(...autoFindings(summary.verdicts.filter((verdict) => !verdict.anyFailed)));
    const verdicts = summary.verdicts.filter((verdict) => !verdict.anyFailed);
    if (verdicts.length > 0) {
      const faster = verdicts.filter((verdict) => verdict.fanOutFaster).length;
      const meanOf = (pick: (verdict: TaskVerdict) => number) =>
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

/**
 * One set: which shapes reached the best grade, which of them was cheapest,
 * and where that one stands in cost among all the shapes.
 */
function setFinding(verdict: SetVerdict): string | undefined {
  const [lead, ...tied] = verdict.atBest;
  const leftOut =
    verdict.leftOut.length === 0
      ? ''
      : ` (${verdict.leftOut.map((row) => `${row.shape}: ${String(row.failed)} of ${String(row.tasks)} runs failed`).join('; ')}, left out)`;
  if (lead === undefined) return `${verdict.set}: no shape to judge${leftOut}.`;
  const grade = verdict.bestGrade.toFixed(2);
  const judged = [...verdict.atBest, ...verdict.below];
  const against = (row: ShapeRow) =>
    `${row.shape} ${formatUsd4(row.cost)} (${relative(row.cost, lead.cost)}${verdict.below.includes(row) ? `, grade ${row.meanGrade.toFixed(2)}` : ''})`;
  const others = [...tied, ...verdict.below].map(against).join(', ');
  const rank =
    judged.length < 2
      ? ''
      : judged.every((row) => row.cost >= lead.cost)
        ? ', the cheapest'
        : judged.every((row) => row.cost <= lead.cost)
          ? ', the dearest'
          : '';
  const names = verdict.atBest.map((row) => row.shape);
  const cheapest = verdict.atBest.length > 2 ? 'cheapest' : 'cheaper';
  const head =
    tied.length === 0
      ? `${verdict.below.length === 0 ? '' : 'only '}${lead.shape} graded ${grade}`
      : `${verdict.below.length === 0 && names.length > 2 ? `all ${String(names.length)}` : names.join(' and ')} graded ${grade}; ${lead.shape} was the ${cheapest}`;
  return `${verdict.set}: ${head}, at ${formatUsd4(lead.cost)}${tied.length === 0 ? rank : ''}${others === '' ? '' : `; ${others}`}${leftOut}.`;
}

/** How auto did: the shape it chose, then its own run against the best grade for less. */
function autoFindings(verdicts: readonly TaskVerdict[]): string[] {
  if (verdicts.length === 0) return [];
  const lines: string[] = [];
  const total = String(verdicts.length);
  const picked = verdicts.filter((verdict) => verdict.autoPickedCheaper).length;
  const ran = counted(
    Object.fromEntries(
      ['single', 'fanOut', 'none'].map((shape) => [
        shape,
        verdicts.filter((verdict) => (verdict.autoChose ?? 'none') === shape).length,
      ]),
    ),
  );
  lines.push(
    `auto ran the best-grade-for-less shape on ${String(picked)} of ${total} tasks (it ran ${ran}).`,
  );
  const reached = verdicts.filter((verdict) => verdict.autoReachedBest);
  const lower = verdicts.filter((verdict) => !verdict.autoReachedBest);
  const parts: string[] = [];
  if (reached.length > 0) {
    const shares = reached.map(
      (verdict) => verdict.autoAgainstCheaper / Math.max(1, cheaperRun(verdict).report.cost),
    );
    const low = Math.min(...shares);
    const high = Math.max(...shares);
    const span =
      percent(low) === percent(high)
        ? signedPercent(low)
        : `${signedPercent(low)} to ${signedPercent(high)}`;
    parts.push(
      `auto's own run reached the best grade on ${String(reached.length)} of ${total} tasks, at ${span} against the best-grade-for-less run (auto pays for triage, and for a plan when it plans)`,
    );
  }
  if (lower.length > 0)
    parts.push(
      `it got a lower grade on ${String(lower.length)}: ${lower
        .map(
          (verdict) =>
            `${verdict.taskCase.task.id} ${verdict.auto.grade.toFixed(2)} against ${verdict.cheaper}'s ${verdict.bestGrade.toFixed(2)}`,
        )
        .join(', ')}`,
    );
  lines.push(`${parts.join('; ')}.`);
  for (const verdict of verdicts) {
    const difference = verdict.autoDiffers;
    if (difference === undefined) continue;
    const own = verdict[difference.shape];
    lines.push(
      `on ${verdict.taskCase.task.id} auto ran ${difference.shape} and graded ${verdict.auto.grade.toFixed(2)}, where the ${difference.shape} run graded ${own.grade.toFixed(2)}: ` +
        `auto's agent started after triage${difference.planned ? ' and a plan' : ''} had spent ${formatUsd4(difference.spentBefore)} of the budget` +
        `${difference.planned ? ', and the governor projected its work from the plan' : ''}; ` +
        `its decisions were ${counted(difference.autoDecisions)}, the ${difference.shape} run's ${counted(difference.shapeDecisions)}.`,
    );
  }
  return lines;
}

function cheaperRun(verdict: TaskVerdict) {
  return verdict.cheaper === 'single' ? verdict.single : verdict.fanOut;
}

/** `cost` against `base`: `+31%`, `25% less`, `same`. */
function relative(cost: number, base: number): string {
  if (base === 0) return cost === 0 ? 'same' : 'n/a';
  const share = (cost - base) / base;
  if (percent(share) === '0%') return 'same';
  return share > 0 ? `${percent(share)} more` : `${percent(-share)} less`;
}

function percent(share: number): string {
  return `${(Math.abs(share) * 100).toFixed(0)}%`;
}

function signedPercent(share: number): string {
  const text = percent(share);
  return text === '0%' ? '+0%' : `${share < 0 ? '-' : '+'}${text}`;
}

/** auto's own run against the best-grade-for-less run of the same task. */
function autoAgainst(verdict: TaskVerdict): string {
  const share = verdict.autoAgainstCheaper / Math.max(1, cheaperRun(verdict).report.cost);
  const grade =
    verdict.auto.grade > verdict.bestGrade
      ? 'higher grade'
      : verdict.autoReachedBest
        ? 'same grade'
        : 'lower grade';
  return `${grade}, ${signedPercent(share)}`;
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
