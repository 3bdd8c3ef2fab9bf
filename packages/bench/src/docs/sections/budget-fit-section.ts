import * as z from 'zod';
import { benchmarkSection } from '../benchmark-section';
import { joinBlocks } from '../markdown/join-blocks';
import { markdownTable } from '../markdown/markdown-table';
import { paragraph } from '../markdown/wrap-prose';
import { runHeading } from '../run-heading';
import { runInfoShape } from '../run-info-schema';

const budgetFitSchema = z.looseObject({
  ...runInfoShape,
  set: z.string(),
  rows: z.array(
    z.looseObject({
      percent: z.number(),
      oracle: z.number(),
      governor: z.number(),
      overshoots: z.number(),
    }),
  ),
  tasks: z.array(z.looseObject({ task: z.string() })),
});
type BudgetFitResults = z.infer<typeof budgetFitSchema>;

function renderBudgetFit(
  results: BudgetFitResults,
  resultsFile: string,
  script: string,
  title: string,
): string {
  const within = results.rows.filter((row) => row.oracle - row.governor <= 0.05).length;
  const overshoots = results.rows.reduce((sum, row) => sum + row.overshoots, 0);
  return joinBlocks([
    runHeading({ title, script, resultsFile, run: results }),
    paragraph(
      `Mean grade of runTask auto under a hard limit of each share of the task's unconstrained cost (its default configuration run without a limit), against the static oracle: the best grade among the fixed configurations (the default; single or fan-out x haiku-4-5 or sonnet-4-6 x pruning on or off) whose unconstrained cost fits that share. Tasks: ${String(results.tasks.length)}, ${results.set}. Within 0.05 of the oracle at ${String(within)} of ${String(results.rows.length)} levels; ${String(overshoots)} overshoots by the simulator's invoice.`,
    ),
    markdownTable(
      ['budget', 'static oracle', 'runTask auto', 'gap', 'overshoots'],
      results.rows.map((row) => [
        `${String(row.percent)}%`,
        row.oracle.toFixed(3),
        row.governor.toFixed(3),
        (row.governor - row.oracle).toFixed(3),
        String(row.overshoots),
      ]),
    ),
  ]);
}

/** Budget-fit planning against the static oracle, on tasks its priors were not fitted on. */
export const budgetFitSection = benchmarkSection('budget-fit.json', budgetFitSchema, (results) =>
  renderBudgetFit(results, 'budget-fit.json', 'budget-fit', 'Budget-fit planning: held-out tasks'),
);

/** The same on the tasks the priors were fitted on. */
export const budgetFitTrainSection = benchmarkSection(
  'budget-fit-train.json',
  budgetFitSchema,
  (results) =>
    renderBudgetFit(
      results,
      'budget-fit-train.json',
      'budget-fit-train',
      'Budget-fit planning: training tasks',
    ),
);
