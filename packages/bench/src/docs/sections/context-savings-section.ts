import { cost, createUsage, type TokenClass } from '@bursar/core/pricing';
import * as z from 'zod';
import { benchmarkSection } from '../benchmark-section';
import { earlierRuns } from '../earlier-runs';
import { count, joinWords, ratio, usd } from '../format-figures';
import { joinBlocks, list } from '../markdown/join-blocks';
import { markdownTable } from '../markdown/markdown-table';
import { bullet, paragraph } from '../markdown/wrap-prose';
import { runHeading } from '../run-heading';
import { runInfoShape } from '../run-info-schema';
import { usageSchema } from '../usage-schema';

const skippedRow = z.looseObject({
  workload: z.string(),
  strategy: z.string(),
  skipped: z.string(),
});
const oracleRow = z.looseObject({
  workload: z.string(),
  strategy: z.literal('oracle'),
  tasks: z.number().int().positive(),
  nanodollars: z.number().int().positive(),
  usage: usageSchema,
});
const measuredRow = z.looseObject({
  workload: z.string(),
  strategy: z.string(),
  tasks: z.number().int().positive(),
  nanodollars: z.number().int().positive(),
  meanGrade: z.number(),
  turns: z.number().int(),
  calls: z.number().int(),
  prewarms: z.number().int(),
  usage: usageSchema,
});

/** The fields of results/context-savings.json this section reads. */
export const contextSavingsSchema = z.looseObject({
  ...runInfoShape,
  model: z.string(),
  results: z.array(z.union([skippedRow, oracleRow, measuredRow])).min(1),
});

/** {@link contextSavingsSchema}'s type. */
export type ContextSavingsResults = z.infer<typeof contextSavingsSchema>;
type Measured = z.infer<typeof measuredRow>;
type Oracle = z.infer<typeof oracleRow>;

const naivePrefix = 'naive';
const pruning = 'cached + pruning';
const compaction = 'cached + pruning + compaction';

interface Workload {
  readonly name: string;
  readonly oracle: Oracle;
  readonly naive: Measured;
  readonly measured: readonly Measured[];
  readonly skipped: readonly z.infer<typeof skippedRow>[];
}

function groupWorkloads(results: ContextSavingsResults): Workload[] {
  const names = [...new Set(results.results.map((row) => row.workload))];
  return names.map((name) => {
    const rows = results.results.filter((row) => row.workload === name);
    const oracle = rows.find((row): row is Oracle => row.strategy === 'oracle' && 'usage' in row);
    const measured = rows.filter(
      (row): row is Measured => row.strategy !== 'oracle' && 'meanGrade' in row,
    );
    const naive = measured.find((row) => row.strategy.startsWith(naivePrefix));
    if (oracle === undefined || naive === undefined) {
      throw new Error(`results/context-savings.json: ${name} has no oracle or no naive row`);
    }
    const skipped = rows.filter((row): row is z.infer<typeof skippedRow> => 'skipped' in row);
    return { name, oracle, naive, measured, skipped };
  });
}

/** The cheapest measured strategy, other than naive, at the naive loop's grade. */
function cheapestAtEqualGrade(workload: Workload): Measured | undefined {
  const equal = workload.measured.filter(
    (row) => row !== workload.naive && row.meanGrade === workload.naive.meanGrade,
  );
  return equal.reduce<Measured | undefined>(
    (best, row) => (best === undefined || row.nanodollars < best.nanodollars ? row : best),
    undefined,
  );
}

const gapClasses: readonly { tokenClass: TokenClass; label: string }[] = [
  { tokenClass: 'cacheWrite5m', label: 'written (5 min)' },
  { tokenClass: 'cacheWrite1h', label: 'written (1 h)' },
  { tokenClass: 'cacheRead', label: 'read' },
  { tokenClass: 'input', label: 'uncached' },
  { tokenClass: 'output', label: 'output' },
];

/** More tokens of one class than the oracle's, and what they cost at the model's rates. */
function gapCell(row: Measured, oracle: Oracle, tokenClass: TokenClass, model: string): string {
  const more = row.usage[tokenClass] - oracle.usage[tokenClass];
  if (more === 0) return '0';
  const price = cost(createUsage({ [tokenClass]: Math.abs(more) }), model);
  return `${more > 0 ? '+' : ''}${count(more)} (${more > 0 ? '' : '-'}${usd(price, 3)})`;
}

/**
 * The context savings section: one agent per task under each context
 * strategy, against the naive loop and the oracle lower bound.
 *
 * @example
 * ```ts
 * renderContextSavingsSection(parseResults(file, contextSavingsSchema, json));
 * ```
 */
export function renderContextSavingsSection(results: ContextSavingsResults): string {
  const workloads = groupWorkloads(results);
  const tasks = [...new Set(workloads.map((workload) => workload.oracle.tasks))];

  const mainRows = workloads.flatMap((workload) => [
    [
      workload.name,
      'oracle (lower bound)',
      usd(workload.oracle.nanodollars),
      '-',
      '-',
      '-',
      ratio(workload.naive.nanodollars / workload.oracle.nanodollars),
      ratio(1),
    ],
    ...workload.measured.map((row) => [
      workload.name,
      row.strategy,
      usd(row.nanodollars),
      row.meanGrade.toFixed(3),
      count(row.turns),
      count(row.calls),
      ratio(workload.naive.nanodollars / row.nanodollars),
      ratio(row.nanodollars / workload.oracle.nanodollars),
    ]),
  ]);

  const best = workloads.flatMap((workload) => {
    const cheapest = cheapestAtEqualGrade(workload);
    return cheapest === undefined ? [] : [{ workload, cheapest }];
  });
  const bestTable = markdownTable(
    ['workload', 'cheapest at equal grade', 'naive / this', 'this / oracle', 'naive / oracle'],
    best.map(({ workload, cheapest }) => [
      workload.name,
      cheapest.strategy,
      ratio(workload.naive.nanodollars / cheapest.nanodollars),
      ratio(cheapest.nanodollars / workload.oracle.nanodollars),
      ratio(workload.naive.nanodollars / workload.oracle.nanodollars),
    ]),
  );
  const usedClasses = gapClasses.filter(({ tokenClass }) =>
    best.some(
      ({ workload, cheapest }) => cheapest.usage[tokenClass] !== workload.oracle.usage[tokenClass],
    ),
  );
  const gapTable = markdownTable(
    [
      'workload',
      'strategy',
      ...usedClasses.map(({ label }) => `${label} vs oracle`),
      'cost vs oracle',
    ],
    best.map(({ workload, cheapest }) => [
      workload.name,
      cheapest.strategy,
      ...usedClasses.map(({ tokenClass }) =>
        gapCell(cheapest, workload.oracle, tokenClass, results.model),
      ),
      `+${usd(cheapest.nanodollars - workload.oracle.nanodollars, 3)}`,
    ]),
  );

  const gradeDiffers = workloads.flatMap((workload) =>
    workload.measured
      .filter((row) => row.meanGrade !== workload.naive.meanGrade)
      .map((row) => `${row.strategy} on ${workload.name} (${row.meanGrade.toFixed(3)})`),
  );
  const sameTurns = workloads.filter((workload) =>
    workload.measured.every((row) => row.turns === workload.naive.turns),
  );
  const grades =
    gradeDiffers.length === 0
      ? "Every strategy got the naive loop's grade on every workload, so the savings are at equal grade."
      : `Not every strategy got the naive loop's grade: ${joinWords(gradeDiffers)}; the tables below leave those out.`;
  const turns =
    sameTurns.length === workloads.length
      ? " Every strategy ran as many turns as the naive loop on every workload; the calls past the turns are pruning's pre-warms."
      : ` Every strategy ran as many turns as the naive loop on ${joinWords(sameTurns.map((workload) => workload.name))}.`;
  const traces = workloads.some((workload) => workload.name === 'claude-code-traces')
    ? ' (Trace tasks carry no answer facts, so their grade is 1 for any run that reaches the end.)'
    : '';

  const cached = workloads.flatMap((workload) =>
    workload.measured.filter((row) => row !== workload.naive),
  );
  const oneHourWrites = cached.reduce((sum, row) => sum + row.usage.cacheWrite1h, 0);
  const ttl =
    oneHourWrites === 0
      ? '**TTL** is not a factor here: the 1-hour breakpoint wrote nothing in any run (the tools and system prompts are under the minimum cacheable prompt), and with zero latency no 5-minute entry expires between turns.'
      : `**TTL**: the 1-hour breakpoint wrote ${count(oneHourWrites)} tokens over the cached runs; with zero latency no 5-minute entry expires between turns.`;

  const compacted = workloads.flatMap((workload) => {
    const withCompaction = workload.measured.find((row) => row.strategy === compaction);
    const without = workload.measured.find((row) => row.strategy === pruning);
    return withCompaction === undefined || without === undefined
      ? []
      : [{ workload, withCompaction, without }];
  });
  const changed = compacted.filter(
    ({ withCompaction, without }) => withCompaction.nanodollars !== without.nanodollars,
  );
  const compactionText =
    compacted.length === 0
      ? undefined
      : changed.length === 0
        ? `**Compaction** changed nothing: with it, pruned runs cost exactly what they cost without it on all ${String(compacted.length)} workloads it ran on (the pruned contexts stay under its threshold).`
        : `**Compaction** changed the cost on ${joinWords(changed.map(({ workload, withCompaction, without }) => `${workload.name} (${usd(withCompaction.nanodollars)} against ${usd(without.nanodollars)} without)`))}, and on ${String(compacted.length - changed.length)} other workloads nothing.`;
  const skipped = workloads.flatMap((workload) =>
    workload.skipped.map(
      (row) => `"${row.strategy}" is not measured on ${workload.name}: ${row.skipped}.`,
    ),
  );
  const pruned = workloads.flatMap((workload) => {
    const row = workload.measured.find((candidate) => candidate.strategy === pruning);
    return row === undefined ? [] : [`${count(row.prewarms)} on ${workload.name}`];
  });
  const prewarmText =
    pruned.length === 0
      ? undefined
      : `**Pruning** prices each choice against the cache entries the conversation really wrote, prunes when the reads already paid on the used results cover that price (rent or buy), edits only after an entry it can still read, and sends a pre-warm where it pays (${joinWords(pruned)}), so the next pruning reads what this one wrote ([docs/caching.md](caching.md)).`;

  return joinBlocks([
    runHeading({
      title: 'Context savings at equal grade',
      script: 'context-savings',
      resultsFile: 'context-savings.json',
      run: results,
    }),
    paragraph('The simulator is deterministic, so these figures repeat exactly.'),
    paragraph(
      `One agent per task (\`runAgent\` over \`@bursar/anthropic\`, ${results.model}) on the first ` +
        `${joinWords(tasks.map((value) => count(value)))} tasks of ${count(workloads.length)} shipped workloads ` +
        `(${joinWords(workloads.map((workload) => `\`${workload.name}\``))}), on the in-process simulator. ` +
        'The trace-shaped sessions (`claude-code-traces`) are segments of real Claude Code sessions, replayed with ' +
        'their recorded output and tool-result sizes. "Naive" sends no cache breakpoints and resends everything; ' +
        "the others cache the system for an hour and the conversation's end for five minutes, then add pruning of " +
        'used results ([docs/caching.md](caching.md)), then compaction. "calls" counts every billed request: the ' +
        "turns, plus pruning's pre-warms.",
    ),
    paragraph(
      '**The oracle lower bound** is what a context manager that knew the future would pay for the same turns and ' +
        'outputs: each turn it sends only the stable prefix and the task (read from cache after the first turn), the ' +
        "model's own earlier words (read), and the one tool result the turn needs (written once, then dropped); " +
        'nothing is written twice, nothing is read after it stops mattering, and framing tokens are left out (which ' +
        "only lowers the bound). It is computed from the naive run's turns (`oracleCost` in " +
        "packages/bench/src/context/oracle-cost.ts; a trace call's result is its recorded size).",
    ),
    markdownTable(
      ['workload', 'strategy', 'cost', 'grade', 'turns', 'calls', 'naive / this', 'this / oracle'],
      mainRows,
    ),
    best.length > 0 &&
      paragraph(
        'The cheapest strategy at the naive loop\'s grade on each workload, against the naive loop and the oracle ("naive / oracle" is the most any strategy could save):',
      ),
    best.length > 0 && bestTable,
    best.length > 0 &&
      paragraph(
        "What is left between that strategy and the oracle, by token class: more tokens than the oracle's, and what they cost at " +
          `${results.model}'s rates.`,
      ),
    best.length > 0 && gapTable,
    'What it says:',
    list([
      bullet(`${grades}${turns}${traces}`),
      prewarmText !== undefined && bullet(prewarmText),
      best.length > 0 &&
        bullet(
          'The oracle pays for none of that gap: it keeps no notes or message framing, writes each result once, reads nothing after it stops mattering, and reads even a prompt too short for the model to cache.',
        ),
      bullet(ttl),
      compactionText !== undefined &&
        bullet(`${compactionText}${skipped.length > 0 ? ` ${skipped.join(' ')}` : ''}`),
      compactionText === undefined && skipped.length > 0 && bullet(skipped.join(' ')),
    ]),
    earlierRuns([
      'At commit 34dd38d, pruning fired once used results added up to 8,000 tokens: the tool loops cost $2.4781 (9.52x cheaper than naive, 1.31x the oracle) and the traces $15.0648 (8.72x, 1.47x).',
      'Before commit dd6ed31, pruning every used result at once gave 7.12x on the tool loops.',
    ]),
  ]);
}

/** The context savings section of docs/benchmarks.md. */
export const contextSavingsSection = benchmarkSection(
  'context-savings.json',
  contextSavingsSchema,
  renderContextSavingsSection,
);
