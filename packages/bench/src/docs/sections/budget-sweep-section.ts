import { median } from '../../measure/median';
import { benchmarkSection } from '../benchmark-section';
import { earlierRuns } from '../earlier-runs';
import { count, joinWords, ofTotal, percent, range, signedPercent, usd } from '../format-figures';
import { joinBlocks, list } from '../markdown/join-blocks';
import { markdownTable } from '../markdown/markdown-table';
import { bullet, paragraph } from '../markdown/wrap-prose';
import { runHeading } from '../run-heading';
import { budgetSweepSchema, type BudgetSweepResults } from './budget-sweep-schema';

type Entry = BudgetSweepResults['sweep'][number];
type Run = Entry['runs'][number];

function used(run: Run): number {
  return run.invoiced / run.limit;
}

function percentLabel(value: number): string {
  return `${String(value)}%`;
}

/** The lowest budget from which a task keeps its unconstrained grade, finished, at every larger budget. */
function gradeBackAt(entry: Entry, percents: readonly number[]): number | undefined {
  let from: number | undefined;
  for (let index = percents.length - 1; index >= 0; index -= 1) {
    const run = entry.runs[index];
    if (run === undefined || run.status !== 'done' || run.grade < entry.unconstrained.grade) break;
    from = percents[index];
  }
  return from;
}

/**
 * The budget sweep section: six tasks under hard limits from 10% to 300% of
 * their unconstrained cost, with grade, status, overshoots and the share of
 * the budget used.
 *
 * @example
 * ```ts
 * renderBudgetSweepSection(parseResults(file, budgetSweepSchema, json));
 * ```
 */
export function renderBudgetSweepSection(results: BudgetSweepResults): string {
  const { percents, sweep } = results;
  for (const entry of sweep) {
    if (entry.runs.length !== percents.length) {
      throw new Error(
        `results/budget-sweep.json: ${entry.task} has ${String(entry.runs.length)} runs for ${String(percents.length)} percents`,
      );
    }
  }
  const column = (index: number): Run[] =>
    sweep.flatMap((entry) => {
      const run = entry.runs[index];
      return run === undefined ? [] : [run];
    });
  const limited = sweep.flatMap((entry) => entry.runs);
  const everyRun = [...limited, ...sweep.map((entry) => entry.unconstrained)];

  const sweepRows = percents.map((value, index) => {
    const runs = column(index);
    const grades = runs.map((run) => run.grade);
    const status = (name: string): string =>
      String(runs.filter((run) => run.status === name).length);
    return [
      percentLabel(value),
      String(runs.length),
      status('done'),
      status('budgetExhausted'),
      String(
        runs.filter((run) => run.status !== 'done' && run.status !== 'budgetExhausted').length,
      ),
      (grades.reduce((total, grade) => total + grade, 0) / runs.length).toFixed(3),
      Math.min(...grades).toFixed(3),
      percent(median(runs.map(used))),
      percent(Math.max(...runs.map(used))),
      String(runs.filter((run) => run.overshoot > 0).length),
      String(runs.filter((run) => run.ledger !== run.invoiced).length),
    ];
  });
  const gradeRows = sweep.map((entry) => [
    entry.task,
    usd(entry.unconstrained.invoiced),
    entry.unconstrained.grade.toFixed(2),
    ...entry.runs.map((run) =>
      run.status === 'done' ? run.grade.toFixed(2) : `${run.grade.toFixed(2)}*`,
    ),
  ]);

  const workloads = [...new Set(sweep.map((entry) => entry.workload))];
  const tasksText = joinWords(
    workloads.map((workload) => {
      const tasks = sweep.filter((entry) => entry.workload === workload).map((entry) => entry.task);
      return `${joinWords(tasks)} of ${workload}`;
    }),
  );

  // Findings.
  const overshoots = limited.filter((run) => run.overshoot > 0);
  const mismatches = everyRun.filter((run) => run.ledger !== run.invoiced);
  const holdText =
    (overshoots.length === 0
      ? `No overshoot in any of the ${count(limited.length)} limited runs, by the simulator's invoice`
      : `${ofTotal(overshoots.length, limited.length)} limited runs overshot their limit, by the simulator's invoice`) +
    (mismatches.length === 0
      ? ', and the ledger equals the invoice in every run'
      : `; the ledger differs from the invoice in ${ofTotal(mismatches.length, everyRun.length)} runs`) +
    (overshoots.length === 0 && mismatches.length === 0 ? ': the hard limit holds.' : '.');

  const full = percents.indexOf(100);
  const atFull = full < 0 ? [] : column(full);
  const unconstrainedMean =
    sweep.reduce((total, entry) => total + entry.unconstrained.grade, 0) / sweep.length;
  const fullMean = atFull.reduce((total, run) => total + run.grade, 0) / atFull.length;
  const decidedErrors = results.projection.runs.flatMap((run) =>
    run.decided === undefined ? [] : [(run.decided - run.actual) / run.actual],
  );
  const decidedMedian = decidedErrors.length === 0 ? undefined : median(decidedErrors);
  const sameShape = sweep.filter(
    (entry, index) => atFull[index]?.shape === entry.unconstrained.shape,
  ).length;
  const shapeCounts = (shape: string): string[] =>
    sweep.filter((_entry, index) => atFull[index]?.shape === shape).map((entry) => entry.task);
  const downgraded = atFull.filter((run) => run.decisions.includes('downgrade'));
  const capped = atFull.filter((run) => run.decisions.includes('cap-output'));
  const exhausted = sweep.flatMap((entry, index) => {
    const run = atFull[index];
    return run !== undefined && run.status === 'budgetExhausted'
      ? [
          `${entry.task} ends \`budgetExhausted\` after ${run.decisions.length === 0 ? 'no decision' : `\`${run.decisions.at(-1) ?? ''}\``}`,
        ]
      : [];
  });
  const fullText =
    atFull.length === 0
      ? undefined
      : (fullMean < unconstrainedMean
          ? `A budget equal to the unconstrained cost does not buy the unconstrained grade: at 100% the mean grade is ${fullMean.toFixed(3)}, against ${unconstrainedMean.toFixed(3)} unconstrained. `
          : `A budget equal to the unconstrained cost buys the unconstrained grade: at 100% the mean grade is ${fullMean.toFixed(3)}, against ${unconstrainedMean.toFixed(3)} unconstrained. `) +
        `Auto ran the same shape as unconstrained on ${ofTotal(sameShape, sweep.length)} tasks at 100% (one agent on ${count(shapeCounts('single').length)}, a fan-out on ${count(shapeCounts('fanOut').length)}). ` +
        (decidedMedian !== undefined && Math.abs(decidedMedian) <= 0.1
          ? `The decision's projection is close (median ${signedPercent(decidedMedian)} at the decision, next section), so the shortfall is the hard limit's: `
          : 'The hard limit weighs on it: ') +
        "a turn's reservation holds its worst case (the whole prompt bound at its dearest cache write and `max_tokens` of output), which past the first turns no longer fits what is left of a limit set at the real cost. A turn first runs with the largest output cap that fits (`cap-output`, down to 256 tokens); when even that does not fit, runTask takes the ladder's downgrade for that agent (`cheapenAfterRefusal`), and the rest of the run is on a cheaper model. " +
        `At 100%, ${ofTotal(capped.length, atFull.length)} runs include a \`cap-output\` and ${ofTotal(downgraded.length, atFull.length)} a \`downgrade\`${exhausted.length > 0 ? `; ${joinWords(exhausted)}` : ''}.`;

  const quiet = sweep.flatMap((entry, index) => {
    const run = atFull[index];
    return run !== undefined && run.status === 'done' && run.grade < entry.unconstrained.grade
      ? [`${entry.task} ${run.grade.toFixed(2)}`]
      : [];
  });
  const quietText =
    quiet.length === 0
      ? undefined
      : `The loss is quiet: at 100%, ${joinWords(quiet)}, all with status \`done\`.`;

  const back = new Map<string, string[]>();
  for (const entry of sweep) {
    const at = gradeBackAt(entry, percents);
    const key = at === undefined ? 'never' : percentLabel(at);
    back.set(key, [...(back.get(key) ?? []), entry.task]);
  }
  const backText = `The unconstrained grade comes back, and stays at every larger budget, ${joinWords(
    [...back.entries()].map(([at, tasks]) =>
      at === 'never'
        ? `not within ${percentLabel(Math.max(...percents))} for ${joinWords(tasks)}`
        : `from ${at} for ${joinWords(tasks)}`,
    ),
  )}.`;

  const medianUsed = percents.map((value, index) => ({
    value,
    used: median(column(index).map(used)),
  }));
  const middle = medianUsed.filter(({ value }) => value >= 50 && value <= 100);
  const above = medianUsed.filter(({ value }) => value > 100);
  const exhaustedRuns = limited.filter((run) => run.status === 'budgetExhausted');
  const leftOver = exhaustedRuns.filter((run) => run.invoiced < run.limit);
  const unusedText =
    middle.length === 0
      ? undefined
      : `Much of a budget goes unused: from 50% to 100% the median run spends ${range(
          middle.map(({ used: share }) => share),
          (share) => percent(share, 0),
        )} of its limit${above.length > 0 ? ` (${joinWords(above.map(({ value, used: share }) => `${percent(share, 0)} at ${percentLabel(value)}`))})` : ''}` +
        (exhaustedRuns.length > 0
          ? `, and ${ofTotal(leftOver.length, exhaustedRuns.length)} runs that ended \`budgetExhausted\` had money left (they used ${range(
              leftOver.map(used),
              (share) => percent(share, 0),
            )}), for the same reason: the hard limit refuses a call whose worst case does not fit, though what it would really cost does.`
          : '.');

  const worse = sweep.flatMap((entry) => {
    const drops: string[] = [];
    let best: { grade: number; at: number } | undefined;
    for (const [index, run] of entry.runs.entries()) {
      const at = percents[index] ?? 0;
      if (best !== undefined && run.grade < best.grade) {
        drops.push(
          `${run.grade.toFixed(2)} at ${percentLabel(at)} after ${best.grade.toFixed(2)} at ${percentLabel(best.at)}`,
        );
      }
      if (best === undefined || run.grade > best.grade) best = { grade: run.grade, at };
    }
    return drops.length === 0 ? [] : [`${entry.task} (${drops.join('; ')})`];
  });
  const worseText =
    worse.length === 0
      ? "More budget never did worse: every task's grade is as high at a larger budget as at a smaller one."
      : `More budget did worse in ${count(worse.length)} ${worse.length === 1 ? 'task' : 'tasks'}: ${joinWords(worse)}.`;

  return joinBlocks([
    runHeading({
      title: 'Budget sweep',
      script: 'budget-sweep',
      resultsFile: 'budget-sweep.json',
      run: results,
    }),
    paragraph(
      `${count(sweep.length)} tasks (${tasksText}) by \`runTask\` auto, each first unconstrained, then under hard limits of ` +
        `${joinWords(percents.map(percentLabel))} of that run's cost (past 100% to see where the grade comes back); on the ` +
        `in-process simulator, reset before each run (${count(everyRun.length)} runs). "Used" is the invoice over the limit; ` +
        'an overshoot is any nano-dollar invoiced past it.',
    ),
    markdownTable(
      [
        'budget',
        'runs',
        'done',
        'budgetExhausted',
        'other',
        'mean grade',
        'min grade',
        'median used',
        'max used',
        'overshoots',
        'ledger != invoice',
      ],
      sweepRows,
    ),
    'Grade by task and budget (\\* ended other than `done`):',
    markdownTable(['task', 'unconstrained', 'grade', ...percents.map(percentLabel)], gradeRows),
    'What it says:',
    list([
      bullet(holdText),
      fullText !== undefined && bullet(fullText),
      quietText !== undefined && bullet(quietText),
      bullet(backText),
      unusedText !== undefined && bullet(unusedText),
      bullet(worseText),
    ]),
    earlierRuns([
      "At commit 4d7ca7c, before commit e1ca4e7 changed the forecast's priors, the mean grade at 100% was 0.575, and parallelqa-1 finished at 60-70% but ended `budgetExhausted` at 80-100%, where the budget admitted a fan-out.",
      'At commit 26115e9, before commit b015d78 fitted output caps to the budget and made a stopped agent answer with everything it wrote, the mean grade was 0.267 at 50%, 0.514 at 100% and 0.783 at 150%, and the median run used 57-63% of its limit from 50% to 100%.',
    ]),
  ]);
}

/** The budget sweep section of docs/benchmarks.md. */
export const budgetSweepSection = benchmarkSection(
  'budget-sweep.json',
  budgetSweepSchema,
  renderBudgetSweepSection,
);
