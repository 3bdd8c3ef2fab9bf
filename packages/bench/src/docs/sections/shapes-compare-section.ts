import * as z from 'zod';
import { benchmarkSection } from '../benchmark-section';
import { earlierRuns } from '../earlier-runs';
import { count, joinWords, ofTotal, ratio, usd } from '../format-figures';
import { joinBlocks, list } from '../markdown/join-blocks';
import { markdownTable } from '../markdown/markdown-table';
import { bullet, paragraph } from '../markdown/wrap-prose';
import { runHeading } from '../run-heading';
import { runInfoShape } from '../run-info-schema';

const shapeRunSchema = z.looseObject({
  requested: z.string(),
  ran: z.string(),
  cost: z.number().int().nonnegative(),
  grade: z.number(),
  calls: z.number().int(),
  reason: z.string(),
  spentBeforeDecision: z.number().int(),
  projectedSingle: z.number().int().optional(),
  projectedFanOut: z.number().int().optional(),
});

const taskSchema = z.looseObject({
  task: z.string(),
  single: shapeRunSchema,
  fanOut: shapeRunSchema,
  auto: shapeRunSchema,
});

/** The fields of results/shapes-compare.json this section reads. */
export const shapesCompareSchema = z.looseObject({
  ...runInfoShape,
  maxTurns: z.number().int().positive(),
  maxTokens: z.number().int().positive(),
  ledgerMismatches: z.number().int().nonnegative(),
  results: z
    .array(
      z.looseObject({
        set: z.string(),
        workloads: z.array(z.string()).min(1),
        tasks: z.number().int().positive(),
        equalGrade: z.number().int().nonnegative(),
        fanOutCheaperAtEqualGrade: z.number().int().nonnegative(),
        autoRanCheaperAtEqualGrade: z.number().int().nonnegative(),
        autoOverCheaperAtEqualGrade: z.number().nullable(),
        autoRanBetter: z.number().int().nonnegative(),
        medianProjectedOverActualSingle: z.number().nullable(),
        medianProjectedOverActualFanOut: z.number().nullable(),
        runs: z.array(taskSchema).min(1),
      }),
    )
    .min(1),
});

/** {@link shapesCompareSchema}'s type. */
export type ShapesCompareResults = z.infer<typeof shapesCompareSchema>;
type TaskRuns = z.infer<typeof taskSchema>;
type ShapeRun = z.infer<typeof shapeRunSchema>;

const shapes = ['single', 'fanOut', 'auto'] as const;

/** The better fixed shape of a task, as the benchmark judges it: the higher grade, then the lower cost. */
function better(run: TaskRuns): ShapeRun {
  const { single, fanOut } = run;
  if (single.grade !== fanOut.grade) return single.grade > fanOut.grade ? single : fanOut;
  return fanOut.cost < single.cost ? fanOut : single;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function optionalRatio(value: number | null): string {
  return value === null ? '-' : ratio(value);
}

/** A decision reason without its figures: what kind of decision it was. */
function reasonKind(reason: string): string {
  return (reason.split(';')[0] ?? reason).replace(/\s*\([^)]*\)\s*$/, '').trim();
}

/** How a projection over actual ratio reads. */
function projectionWord(value: number): string {
  if (value < 0.9) return 'under-projects';
  if (value > 1.1) return 'over-projects';
  return 'is close on';
}

/**
 * The shapes section: every task of the parallel and sequential workloads
 * (and the long tool loops) as one agent, a fan-out and auto, with how often
 * auto ran the cheaper shape at equal grade and how close its forecast was.
 *
 * @example
 * ```ts
 * renderShapesCompareSection(parseResults(file, shapesCompareSchema, json));
 * ```
 */
export function renderShapesCompareSection(results: ShapesCompareResults): string {
  const sets = results.results;
  const allTasks = sum(sets.map((set) => set.runs.length));

  const shapeRows = sets.flatMap((set) =>
    shapes.map((shape) => {
      const picked = set.runs.map((run) => run[shape]);
      return [
        set.set,
        shape,
        count(set.runs.length),
        usd(sum(picked.map((run) => run.cost))),
        (sum(picked.map((run) => run.grade)) / set.runs.length).toFixed(3),
        count(sum(picked.map((run) => run.calls))),
        `${String(picked.filter((run) => run.ran === 'fanOut').length)} / ${String(set.runs.length)}`,
      ];
    }),
  );
  const autoRows = sets.map((set) => [
    set.set,
    `${String(set.equalGrade)} / ${String(set.tasks)}`,
    `${String(set.fanOutCheaperAtEqualGrade)} / ${String(set.equalGrade)}`,
    `${String(set.autoRanCheaperAtEqualGrade)} / ${String(set.equalGrade)}`,
    optionalRatio(set.autoOverCheaperAtEqualGrade),
    `${String(set.autoRanBetter)} / ${String(set.tasks)}`,
    optionalRatio(set.medianProjectedOverActualSingle),
    optionalRatio(set.medianProjectedOverActualFanOut),
  ]);

  const equalGrade = sum(sets.map((set) => set.equalGrade));
  const autoCheaper = sum(sets.map((set) => set.autoRanCheaperAtEqualGrade));
  const perSet = sets.map((set) => {
    const ranSingle = set.runs.filter((run) => run.auto.ran === 'single').length;
    const ranFanOut = set.runs.filter((run) => run.auto.ran === 'fanOut').length;
    const kinds = new Map<string, number>();
    for (const run of set.runs) {
      const kind = reasonKind(run.auto.reason);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const [commonKind, commonCount] = [...kinds.entries()].sort(
      (left, right) => right[1] - left[1],
    )[0] ?? ['', 0];
    const ran =
      ranSingle >= ranFanOut
        ? `one agent on ${ofTotal(ranSingle, set.runs.length)} ${set.set} tasks`
        : `a fan-out on ${ofTotal(ranFanOut, set.runs.length)} ${set.set} tasks`;
    return `${ran} (the fan-out was cheaper on ${ofTotal(set.fanOutCheaperAtEqualGrade, set.equalGrade)} at equal grade; its reason on ${ofTotal(commonCount, set.runs.length)}: "${commonKind}")`;
  });
  const misses = sets.flatMap((set) =>
    set.runs.filter(
      (run) => run.single.grade === run.fanOut.grade && run.auto.ran !== better(run).requested,
    ),
  );
  const missTexts = misses.slice(0, 3).map((run) => {
    const cheaper = better(run);
    return `${run.task} ran ${run.auto.ran} ("${run.auto.reason}") and cost ${ratio(run.auto.cost / cheaper.cost)} the ${cheaper.requested} run`;
  });
  const missText =
    misses.length === 0
      ? ''
      : ` Its ${misses.length === 1 ? 'one miss' : `${String(misses.length)} misses`}: ${joinWords(missTexts)}${misses.length > 3 ? ', and others' : ''}.`;
  const cheaperText = `Auto ran the cheaper shape on ${ofTotal(autoCheaper, equalGrade)} equal-grade tasks: ${joinWords(perSet)}.${missText}`;

  const overheadText =
    'What auto pays over the cheaper shape at equal grade (its triage and plan included): ' +
    joinWords(
      sets.flatMap((set) => {
        if (set.autoOverCheaperAtEqualGrade === null) return [];
        const spent = sum(set.runs.map((run) => run.auto.spentBeforeDecision));
        const autoCost = sum(set.runs.map((run) => run.auto.cost));
        return [
          `${ratio(set.autoOverCheaperAtEqualGrade)} on the ${set.set} set (${usd(spent)} of its ${usd(autoCost)} spent before the decision)`,
        ];
      }),
    ) +
    '.';

  const forecastTexts = sets.flatMap((set) => {
    const { medianProjectedOverActualSingle: single, medianProjectedOverActualFanOut: fanOut } =
      set;
    if (single === null || fanOut === null) return [];
    const chose = set.autoRanCheaperAtEqualGrade === set.equalGrade;
    return [
      `on the ${set.set} set it ${projectionWord(single)} one agent (${ratio(single)}) and ${projectionWord(fanOut)} the fan-out (${ratio(fanOut)})${chose && (projectionWord(single) !== 'is close on' || projectionWord(fanOut) !== 'is close on') ? ', which does not change the choice there' : ''}`,
    ];
  });
  const forecastText =
    forecastTexts.length === 0
      ? undefined
      : `The decision's forecast, as the median of its projection of the work still to do over what that shape then cost: ${forecastTexts.join('; ')}.`;

  const differing = sets.flatMap((set) => {
    const runs = set.runs.filter((run) => run.single.grade !== run.fanOut.grade);
    if (runs.length === 0) return [];
    const fanOutBetter = runs.filter((run) => run.fanOut.grade > run.single.grade).length;
    const meanSingle = sum(set.runs.map((run) => run.single.grade)) / set.runs.length;
    const meanFanOut = sum(set.runs.map((run) => run.fanOut.grade)) / set.runs.length;
    const costRatio =
      sum(runs.map((run) => run.fanOut.cost)) / sum(runs.map((run) => run.single.cost));
    return [
      `On ${ofTotal(runs.length, set.runs.length)} ${set.set} tasks the fixed shapes' grades differ: the fan-out grades higher on ${ofTotal(fanOutBetter, runs.length)} of them (${meanFanOut.toFixed(3)} against ${meanSingle.toFixed(3)} over the set), at ${ratio(costRatio)} the single agent's cost on those tasks.`,
    ];
  });

  const ledgerText =
    results.ledgerMismatches === 0
      ? 'the ledger equalled it in every run'
      : `the ledger differed from it in ${count(results.ledgerMismatches)} runs`;

  return joinBlocks([
    runHeading({
      title: 'Single, fan-out and auto',
      script: 'shapes-compare',
      resultsFile: 'shapes-compare.json',
      run: results,
    }),
    paragraph(
      `Every task of ${joinWords(sets.map((set) => `${joinWords(set.workloads.map((workload) => `\`${workload}\``))} (the ${set.set} set, ${count(set.runs.length)} tasks)`))}, ` +
        'each run by `runTask` with shape `single`, `fanOut` and `auto` under a roomy budget on the in-process simulator ' +
        `(zero latency, \`maxTurns\` ${count(results.maxTurns)}, \`maxTokens\` ${count(results.maxTokens)}; ${count(allTasks * shapes.length)} runs). ` +
        `Costs are the invoice's (${ledgerText}).`,
    ),
    markdownTable(['set', 'shape', 'tasks', 'cost', 'grade', 'calls', 'ran fan-out'], shapeRows),
    markdownTable(
      [
        'set',
        'equal grade',
        'fan-out cheaper',
        'auto ran cheaper',
        'auto / cheaper',
        'auto ran better',
        'proj/actual single',
        'proj/actual fan-out',
      ],
      autoRows,
    ),
    paragraph(
      '"Equal grade": tasks where single and fan-out got the same grade; of those, where fan-out was cheaper, and ' +
        'where auto ran the cheaper shape; "auto / cheaper": auto\'s cost (triage included) over the cheaper fixed ' +
        'shape\'s on those tasks. "Auto ran better": on all tasks, the better shape being the higher grade, then the ' +
        'lower cost. "proj/actual": the median, over the tasks where the decision priced both shapes (taken from the ' +
        'fixed fan-out run), of its projection of the work still to do (projected total less the planning spent) over ' +
        'what that shape then cost.',
    ),
    'What it says:',
    list([
      bullet(cheaperText),
      bullet(overheadText),
      forecastText !== undefined && bullet(forecastText),
      ...differing.map((text) => bullet(text)),
      bullet('With zero latency, what a fan-out buys in wall time is not in these figures.'),
    ]),
    earlierRuns([
      'Before commit e1ca4e7 (the forecast and shape decision rebuilt from measured priors), auto ran the cheaper shape on 15 of 101 equal-grade tasks; it paid 1.33x, 1.01x and 1.14x over the cheaper shape on the parallel, sequential and long-loop sets, and its median projection over actual on the parallel set was 5.50x (single) and 3.23x (fan-out).',
    ]),
  ]);
}

/** The shapes section of docs/benchmarks.md. */
export const shapesCompareSection = benchmarkSection(
  'shapes-compare.json',
  shapesCompareSchema,
  renderShapesCompareSection,
);
