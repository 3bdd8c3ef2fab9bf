import * as z from 'zod';
import { benchmarkSection } from '../benchmark-section';
import { count, joinWords, ofTotal, ratio, usd } from '../format-figures';
import { joinBlocks } from '../markdown/join-blocks';
import { markdownTable } from '../markdown/markdown-table';
import { paragraph } from '../markdown/wrap-prose';
import { runHeading } from '../run-heading';
import { runInfoShape } from '../run-info-schema';

/** The fields of results/routing-eval.json this section reads. */
export const routingEvalSchema = z.looseObject({
  ...runInfoShape,
  settings: z.looseObject({
    workloads: z.array(z.string()).min(1),
    trainTasks: z.number().int().nonnegative(),
    heldOutTasks: z.number().int().positive(),
  }),
  training: z.looseObject({ nanodollars: z.number().int() }),
  results: z
    .array(
      z.looseObject({
        policy: z.string(),
        invoiceNanodollars: z.number().int(),
        nanodollars: z.number().int(),
        meanGrade: z.number(),
        failedTryNanodollars: z.number().int(),
      }),
    )
    .min(1),
});

/** {@link routingEvalSchema}'s type. */
export type RoutingEvalResults = z.infer<typeof routingEvalSchema>;

/**
 * The routing eval section: cost and grade of each routing policy on the
 * held-out tasks, against always the top tier.
 *
 * @example
 * ```ts
 * renderRoutingEvalSection(parseResults(file, routingEvalSchema, json));
 * ```
 */
export function renderRoutingEvalSection(results: RoutingEvalResults): string {
  const { settings } = results;
  const top = results.results[0];
  if (top === undefined) throw new Error('results/routing-eval.json: no policy');
  const equal = results.results.filter((row) => row.nanodollars === row.invoiceNanodollars);
  const ledgerText =
    equal.length === results.results.length
      ? "In every policy's run the ledger equals the simulator's invoice to the nano-dollar."
      : `The ledger equals the simulator's invoice in ${ofTotal(equal.length, results.results.length)} policies' runs; not in ${joinWords(results.results.filter((row) => row.nanodollars !== row.invoiceNanodollars).map((row) => row.policy))}.`;
  return joinBlocks([
    runHeading({
      title: 'Routing: cost against grade per policy',
      script: 'routing-eval',
      resultsFile: 'routing-eval.json',
      run: results,
    }),
    paragraph('The simulator is deterministic, so these figures repeat exactly.'),
    paragraph(
      `The ${count(settings.heldOutTasks)} held-out tasks of ${joinWords(settings.workloads.map((workload) => `\`${workload}\``))} ` +
        `(the other ${count(settings.trainTasks)} train the learned policies), one subagent per subtask and a synthesis, ` +
        'through `@bursar/anthropic` and the official SDK on the in-process simulator, graded by the simulator; failed ' +
        'tries are in the cost. What each policy does, and what the numbers say: [routing.md](routing.md#the-routing-eval).',
    ),
    markdownTable(
      ['policy', 'cost', 'grade', `vs ${top.policy.replace(/\s*\(.*\)$/, '')}`, 'failed tries'],
      results.results.map((row) => [
        row.policy,
        usd(row.invoiceNanodollars),
        row.meanGrade.toFixed(3),
        ratio(row.invoiceNanodollars / top.invoiceNanodollars),
        usd(row.failedTryNanodollars),
      ]),
    ),
    paragraph(
      `${ledgerText} Training (every tier on the ${count(settings.trainTasks)} training tasks) cost ${usd(results.training.nanodollars)}.`,
    ),
  ]);
}

/** The routing eval section of docs/benchmarks.md. */
export const routingEvalSection = benchmarkSection(
  'routing-eval.json',
  routingEvalSchema,
  renderRoutingEvalSection,
);
