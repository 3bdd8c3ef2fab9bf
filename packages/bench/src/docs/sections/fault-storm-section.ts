import { usdToNanodollars } from '@bursar/core/pricing';
import * as z from 'zod';
import { benchmarkSection } from '../benchmark-section';
import { earlierRuns } from '../earlier-runs';
import { count, counted, joinWords, ofTotal, percent, usd } from '../format-figures';
import { joinBlocks, list } from '../markdown/join-blocks';
import { markdownTable } from '../markdown/markdown-table';
import { bullet, paragraph } from '../markdown/wrap-prose';
import { runHeading } from '../run-heading';
import { runInfoShape } from '../run-info-schema';
import { workloadOfTask } from '../workload-of-task';

const runSchema = z.looseObject({
  task: z.string(),
  budget: z.string(),
  streamed: z.boolean(),
  status: z.string(),
  // NaN (no report: the run threw or hung) is written as null.
  ledger: z.number().int().nullable(),
  invoiced: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  failedResponses: z.record(z.string(), z.number().int()),
  dropped: z.number().int().nonnegative(),
  streamCuts: z.number().int().nonnegative(),
  retries: z.number().int().nonnegative(),
  realMs: z.number().nonnegative(),
});

/** The fields of results/fault-storm.json this section reads. */
export const faultStormSchema = z.looseObject({
  ...runInfoShape,
  faultRate: z.number().min(0).max(1),
  kinds: z.array(z.string()).min(1),
  budgets: z.array(z.string()).min(1),
  runs: z.array(runSchema).min(1),
});

/** {@link faultStormSchema}'s type. */
export type FaultStormResults = z.infer<typeof faultStormSchema>;
type Run = z.infer<typeof runSchema>;

const statuses = ['done', 'budgetExhausted', 'failed', 'aborted', 'threw', 'hung'] as const;

const kindNames: Readonly<Record<string, string>> = {
  rate_limit: '`rate_limit` 429 with a `retry-after`',
  overloaded: '`overloaded` 529',
  api_error: '`api_error` 500',
  connection_drop: '`connection_drop`',
  stream_cut: '`stream_cut`',
};

function dollars(budget: string): string {
  return `$${Number(budget).toLocaleString('en-US', { maximumFractionDigits: 9 })}`;
}

/**
 * The fault storm section: many runTask runs while the simulator fails a
 * share of requests; every run must end with a status, and the ledger must
 * never fall below the invoice.
 *
 * @example
 * ```ts
 * renderFaultStormSection(parseResults(file, faultStormSchema, json));
 * ```
 */
export function renderFaultStormSection(results: FaultStormResults): string {
  const { runs } = results;
  const sum = (pick: (run: Run) => number, from: readonly Run[] = runs): number =>
    from.reduce((total, run) => total + pick(run), 0);
  const withStatus = (status: string): number => runs.filter((run) => run.status === status).length;
  const failed = (code: string): number => sum((run) => run.failedResponses[code] ?? 0);
  const requests = sum((run) => run.requests);
  const dropped = sum((run) => run.dropped);
  const cuts = sum((run) => run.streamCuts);
  const faults = failed('429') + failed('529') + failed('500') + dropped + cuts;
  const ledgerOf = (run: Run): number => run.ledger ?? 0;
  const equal = runs.filter((run) => run.ledger === run.invoiced);
  const under = runs.filter((run) => run.ledger === null || run.ledger < run.invoiced);
  const over = runs.filter((run) => run.ledger !== null && run.ledger > run.invoiced);
  const overshoots = runs.filter((run) => run.invoiced > usdToNanodollars(run.budget));
  const slowest = Math.max(...runs.map((run) => run.realMs));
  const ledgerTotal = sum(ledgerOf);
  const invoiceTotal = sum((run) => run.invoiced);

  const tasks = [...new Set(runs.map((run) => run.task))];
  const workloads = [...new Set(tasks.map(workloadOfTask))];
  const tasksOf = (workload: string): number =>
    tasks.filter((task) => workloadOfTask(task) === workload).length;
  const perTask = tasks.length === 0 ? 0 : runs.length / tasks.length;

  // Every run ended with a status.
  const threw = withStatus('threw');
  const hung = withStatus('hung');
  const failedRuns = withStatus('failed');
  const endText =
    (threw === 0 && hung === 0
      ? `Every run ended with a status: no throw, no hang (the slowest took ${(slowest / 1000).toFixed(2)} s of real time)`
      : `${count(threw)} runs threw and ${count(hung)} hung`) +
    (failedRuns === 0
      ? ', no `failed` (each fault was retried and the retry went through)'
      : `, ${count(failedRuns)} ended \`failed\``) +
    (overshoots.length === 0
      ? ', and no run spent past its limit.'
      : `, and ${ofTotal(overshoots.length, runs.length)} runs spent past their limit.`);

  // The ledger against the invoice.
  const cutRuns = runs.filter((run) => run.streamCuts > 0);
  const overAreCuts = over.length === cutRuns.length && over.every((run) => run.streamCuts > 0);
  const overTotal = sum((run) => ledgerOf(run) - run.invoiced, over);
  const ledgerText =
    (under.length === 0
      ? `**The ledger is never below the invoice, and equals it in ${ofTotal(equal.length, runs.length)} runs.**`
      : `**The ledger is below the invoice in ${ofTotal(under.length, runs.length)} runs**, and equals it in ${ofTotal(equal.length, runs.length)}.`) +
    (over.length === 0
      ? ''
      : (overAreCuts
          ? ` The ${count(over.length)} above it are exactly the ${counted(cutRuns.length, 'run')} with a stream cut (${counted(cuts, 'cut')} in all).`
          : ` ${ofTotal(over.length, runs.length)} runs are above it; ${counted(cutRuns.length, 'run')} had a stream cut (${counted(cuts, 'cut')} in all).`) +
        ' A stream reports output only in `message_start` and `message_delta`, so a client cannot know how much of a cut answer ' +
        "the API generated; the adapter charges it at the request's `max_tokens`, the most it can be " +
        `(\`packages/anthropic/src/read-message-stream.ts\`). The ledger is then above the bill (${usd(overTotal)} over ${usd(invoiceTotal)}, ` +
        `${percent(overTotal / invoiceTotal)})` +
        (under.length === 0 ? ', never below it, so a hard limit stays hard.' : '.'));

  const share = faults / requests;
  const shareText =
    `${percent(share)} of requests failed (${ofTotal(faults, requests)}) against a fault rate of ${percent(results.faultRate, 0)}: ` +
    'the draw is made per request, seeded per run.';

  const parallel = ['fanoutqa-parallel', 'parallelqa'].filter((workload) => tasksOf(workload) > 0);
  const smallBudgets = results.budgets.slice(1);
  const parallelRuns = runs.filter(
    (run) => parallel.includes(workloadOfTask(run.task)) && smallBudgets.includes(run.budget),
  );
  const parallelText =
    parallel.length === 0
      ? undefined
      : `${joinWords(parallel)} take ${joinWords(
          parallel.map((workload) =>
            count(
              sum(
                (run) => run.requests,
                runs.filter((run) => workloadOfTask(run.task) === workload),
              ),
            ),
          ),
        )} requests` +
        (smallBudgets.length > 0
          ? `, and ${count(parallelRuns.filter((run) => run.status === 'budgetExhausted').length)} of their ${count(parallelRuns.length)} runs under ${joinWords(smallBudgets.map(dollars))} end \`budgetExhausted\`.`
          : '.');

  return joinBlocks([
    runHeading({
      title: 'Fault storm',
      script: 'fault-storm',
      resultsFile: 'fault-storm.json',
      run: results,
    }),
    paragraph(
      `${count(runs.length)} \`runTask\` auto runs: each task of ${joinWords(workloads.map((workload) => `${workload} (${count(tasksOf(workload))})`))}` +
        (perTask === 2
          ? ', twice: with every call streamed (a `stream_cut` then cuts a stream after billing began) and not (it is then a dropped connection).'
          : '.') +
        ` Budgets of ${joinWords(results.budgets.map(dollars))} in turn, so some runs end \`budgetExhausted\` mid-storm. ` +
        `The simulator fails ${percent(results.faultRate, 0)} of \`/v1/messages\` requests by a seeded draw ` +
        `(${joinWords(results.kinds.map((kind) => kindNames[kind] ?? `\`${kind}\``))}), seeded per run ` +
        "(`storm-<n>`, so a run replays alone); runTask retries at its defaults, with `sleep` on the simulator's virtual clock.",
    ),
    markdownTable(
      ['runs', ...statuses],
      [[count(runs.length), ...statuses.map((status) => count(withStatus(status)))]],
    ),
    markdownTable(
      ['requests', 'faults', 'share', '429', '529', '500', 'dropped', 'stream cuts', 'retries'],
      [
        [
          count(requests),
          count(faults),
          percent(share),
          count(failed('429')),
          count(failed('529')),
          count(failed('500')),
          count(dropped),
          count(cuts),
          count(sum((run) => run.retries)),
        ],
      ],
    ),
    markdownTable(
      [
        'ledger total',
        'invoice total',
        'runs ledger = invoice',
        'ledger > invoice (cut)',
        'ledger < invoice',
        'overshoots',
        'slowest run ms',
      ],
      [
        [
          usd(ledgerTotal, 9),
          usd(invoiceTotal, 9),
          `${count(equal.length)} / ${count(runs.length)}`,
          count(over.length),
          count(under.length),
          count(overshoots.length),
          count(slowest),
        ],
      ],
    ),
    'What it says:',
    list([
      bullet(endText),
      bullet(ledgerText),
      bullet(
        'Repro of a cut stream: `pnpm --filter @bursar/bench exec tsx --conditions=@bursar/source src/faults/cut-stream-repro.ts`.',
      ),
      bullet(parallelText === undefined ? shareText : `${shareText} ${parallelText}`),
    ]),
    earlierRuns([
      "Before commit da2804d, the adapter charged a cut stream the output last reported (`message_start`'s, 1 token): the 17 ledgers with a cut were short of the invoice by $0.008865 in all, spend a hard budget did not see.",
      'Before commit e1ca4e7, when auto fanned the parallel tasks out, the storm made 2,608 requests and 67 runs ended `budgetExhausted`; FanOutQA and ParallelQA took 1,162 and 859 requests, and 59 of their runs under $0.05 and $0.02 ended `budgetExhausted`.',
    ]),
  ]);
}

/** The fault storm section of docs/benchmarks.md. */
export const faultStormSection = benchmarkSection(
  'fault-storm.json',
  faultStormSchema,
  renderFaultStormSection,
);
