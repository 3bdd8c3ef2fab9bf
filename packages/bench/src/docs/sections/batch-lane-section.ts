import * as z from 'zod';
import { benchmarkSection } from '../benchmark-section';
import { count, joinWords, ofTotal, range, ratio, usd } from '../format-figures';
import { joinBlocks, list } from '../markdown/join-blocks';
import { markdownTable } from '../markdown/markdown-table';
import { bullet, paragraph } from '../markdown/wrap-prose';
import { runHeading } from '../run-heading';
import { runInfoShape } from '../run-info-schema';
import { usageSchema } from '../usage-schema';

const runSchema = z.looseObject({
  realSeconds: z.number(),
  virtualSeconds: z.number(),
  status: z.string(),
  batches: z.number().int(),
  polls: z.number().int(),
  bytes: z.number().int(),
  succeeded: z.number().int(),
  retried: z.number().int(),
  usage: usageSchema,
  invoiceNanodollars: z.number().int(),
  ledgerNanodollars: z.number().int(),
  batchLinesNanodollars: z.number().int(),
  batchLinesAtInteractiveNanodollars: z.number().int(),
  allInteractiveNanodollars: z.number().int(),
});

/** The fields of results/batch-lane.json this section reads. */
export const batchLaneSchema = z.looseObject({
  ...runInfoShape,
  model: z.string(),
  targetSeconds: z.number().positive(),
  results: z
    .array(
      z.looseObject({
        setting: z.looseObject({
          name: z.string(),
          items: z.number().int().positive(),
          batchProcessingMs: z.number().int().positive(),
          deadlineMs: z.number().int().positive(),
          budgetUsd: z.string(),
        }),
        medianRealSeconds: z.number(),
        runs: z.array(runSchema).min(1),
      }),
    )
    .min(1),
});

/** {@link batchLaneSchema}'s type. */
export type BatchLaneResults = z.infer<typeof batchLaneSchema>;

function minutes(milliseconds: number): string {
  const value = milliseconds / 60_000;
  return value >= 60 && value % 60 === 0
    ? `${String(value / 60)} hour${value === 60 ? '' : 's'}`
    : `${count(value, Number.isInteger(value) ? 0 : 1)} minutes`;
}

/**
 * The batch lane section: a 10,000-request bulk job end to end through
 * `runBatch` in virtual time, per setting, against the real-time target, with
 * the batch bill against the interactive price.
 *
 * @example
 * ```ts
 * renderBatchLaneSection(parseResults(file, batchLaneSchema, json));
 * ```
 */
export function renderBatchLaneSection(results: BatchLaneResults): string {
  const settings = results.results.map((entry) => {
    const last = entry.runs.at(-1);
    if (last === undefined)
      throw new Error(`results/batch-lane.json: ${entry.setting.name} has no run`);
    return { ...entry, last };
  });
  const first = settings[0];
  if (first === undefined) throw new Error('results/batch-lane.json: no setting');
  const allRuns = settings.flatMap((entry) => entry.runs);
  const items = [...new Set(settings.map((entry) => entry.setting.items))];
  const oneHourWrites = [...new Set(allRuns.map((run) => run.usage.cacheWrite1h))];

  const rows = settings.map((entry) => [
    entry.setting.name,
    entry.medianRealSeconds.toFixed(2),
    entry.runs.map((run) => run.realSeconds.toFixed(2)).join(' / '),
    count(entry.last.virtualSeconds / 60, 1),
    String(entry.last.batches),
    `$${entry.setting.budgetUsd}`,
    String(entry.last.polls),
    count(entry.last.succeeded),
    count(entry.last.retried),
    usd(entry.last.invoiceNanodollars),
    usd(entry.last.allInteractiveNanodollars),
  ]);

  const target = results.targetSeconds;
  const medians = settings.map((entry) => entry.medianRealSeconds);
  const met = settings.filter((entry) => entry.medianRealSeconds < target);
  const targetText =
    met.length === settings.length
      ? `The target, under ${String(target)} s of real time for the ${joinWords(items.map((value) => count(value)))}-item job, is met in every setting (${range(medians, (value) => `${value.toFixed(1)} s`)} here).`
      : `The target, under ${String(target)} s of real time for the ${joinWords(items.map((value) => count(value)))}-item job, is met in ${ofTotal(met.length, settings.length)} settings (medians ${range(medians, (value) => `${value.toFixed(1)} s`)}).`;
  const bytes = [...new Set(allRuns.map((run) => run.bytes))];
  const timeText = `${targetText} Most of it is the simulator answering the requests and the ${joinWords(bytes.map((value) => `${count(value / 1e6, 1)} MB`))} of request bodies (each request carries its whole prompt) going through JSON both ways.`;

  const ledgerEqual = allRuns.filter((run) => run.ledgerNanodollars === run.invoiceNanodollars);
  const half = allRuns.filter(
    (run) => run.batchLinesNanodollars * 2 === run.batchLinesAtInteractiveNanodollars,
  );
  const ledgerText =
    ledgerEqual.length === allRuns.length
      ? "In every run the budget's ledger equals the simulator's invoice to the nano-dollar"
      : `The budget's ledger equals the simulator's invoice in ${ofTotal(ledgerEqual.length, allRuns.length)} runs`;
  const halfText =
    half.length === allRuns.length
      ? 'every batch line costs exactly half the same usage at the interactive price'
      : `the batch lines cost exactly half the interactive price in ${ofTotal(half.length, allRuns.length)} runs`;
  const billText = `${ledgerText}, and ${halfText}; the batch bill of "${first.setting.name}" is ${usd(first.last.invoiceNanodollars)} against ${usd(first.last.allInteractiveNanodollars)} all interactive.`;

  const retriedTexts = settings
    .filter((entry) => entry.last.retried > 0)
    .map(
      (entry) =>
        `The ${count(entry.last.retried)} requests the batch lane errored or expired in "${entry.setting.name}" were answered interactively at the full price (${usd(entry.last.invoiceNanodollars - entry.last.allInteractiveNanodollars / 2)} more than all at the batch price).`,
    );

  const firstBudget = Number(first.setting.budgetUsd);
  const roundTexts = settings
    .filter((entry) => entry !== first && Number(entry.setting.budgetUsd) < firstBudget)
    .map((entry) => {
      const sameBill = entry.last.invoiceNanodollars === first.last.invoiceNanodollars;
      return (
        `Holds are worst cases: each request is billed about ${usd(first.last.invoiceNanodollars / first.last.succeeded, 5)} but holds its whole prompt bound and output cap. ` +
        `With $${entry.setting.budgetUsd} the job ran in ${String(entry.last.batches)} batches, each submitted when the last had settled and freed its holds: ` +
        `${ratio(entry.last.virtualSeconds / first.last.virtualSeconds, 1)} the simulated time of "${first.setting.name}", ` +
        (sameBill ? 'the same bill.' : `a bill of ${usd(entry.last.invoiceNanodollars)}.`)
      );
    });

  return joinBlocks([
    runHeading({
      title: 'Batch lane',
      script: 'batch-lane',
      resultsFile: 'batch-lane.json',
      run: results,
    }),
    paragraph(
      `A bulk job of ${joinWords(items.map((value) => count(value)))} classification requests to ${results.model} ` +
        `(a routing policy cached for an hour: ${joinWords(oneHourWrites.map((value) => count(value)))} tokens written to the 1-hour cache; a one-line ticket) ` +
        'end to end through `runBatch`, `@bursar/anthropic` and the official SDK on the in-process simulator, in virtual time: ' +
        `batches take ${minutes(first.setting.batchProcessingMs)} of simulated time, the deadline is ${minutes(first.setting.deadlineMs)}, ` +
        'interactive calls take no simulated time. "all interactive" prices every line of the invoice at the interactive rate: ' +
        'what the same usage costs without the batch lane.',
    ),
    markdownTable(
      [
        'setting',
        'real s (median)',
        'runs (s)',
        'virtual min',
        'batches',
        'budget',
        'polls',
        'succeeded',
        'retried',
        'cost',
        'all interactive',
      ],
      rows,
    ),
    'What it says:',
    list([
      bullet(timeText),
      bullet(billText),
      ...retriedTexts.map((text) => bullet(text)),
      ...roundTexts.map((text) => bullet(text)),
    ]),
  ]);
}

/** The batch lane section of docs/benchmarks.md. */
export const batchLaneSection = benchmarkSection(
  'batch-lane.json',
  batchLaneSchema,
  renderBatchLaneSection,
);
