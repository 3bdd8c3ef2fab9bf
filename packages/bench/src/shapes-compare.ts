// One agent against a fan-out against auto, with runTask, on every task of the
// parallel and sequential workloads (and the long tool loops): cost and grade
// per shape, and how often auto ran the shape that was cheaper at equal grade.
// Run: pnpm --filter @bursar/bench shapes-compare
import { createAnthropicClient } from '@bursar/anthropic';
import { formatUsd, type RequestedShape } from '@bursar/core';
import { createSimulator, loadShippedWorkloads } from '@bursar/simulator';
import { fileURLToPath } from 'node:url';
import { median } from './measure/median';
import { findWorkload } from './peers/workload-setup';
import { describeMachine } from './report/describe-machine';
import { formatTable } from './report/format-table';
import { writeResults } from './report/write-results';
import { runShape, type ShapeRun } from './shapes/run-shape';

const sets: readonly { name: string; workloads: readonly string[] }[] = [
  { name: 'parallel', workloads: ['fanoutqa-parallel', 'parallelqa'] },
  { name: 'sequential', workloads: ['sequential-chains'] },
  { name: 'long loops', workloads: ['tool-loops'] },
];
const shapes = ['single', 'fanOut', 'auto'] as const satisfies readonly RequestedShape[];
const maxTurns = 80;
const maxTokens = 2_000;

interface TaskRuns {
  readonly task: string;
  readonly single: ShapeRun;
  readonly fanOut: ShapeRun;
  readonly auto: ShapeRun;
}

/** The better of the two fixed shapes: the higher grade, then the lower cost. */
function better(run: TaskRuns): ShapeRun {
  const { single, fanOut } = run;
  if (single.grade !== fanOut.grade) return single.grade > fanOut.grade ? single : fanOut;
  return fanOut.cost < single.cost ? fanOut : single;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : '-';
}

const workloads = loadShippedWorkloads();
const simulator = createSimulator({ workloads, latency: { mode: 'zero' } });
const client = createAnthropicClient({ apiKey: 'sk-bench-shapes', fetch: simulator.fetch });
const started = performance.now();
const shapeRows: string[][] = [];
const autoRows: string[][] = [];
const results: object[] = [];
let ledgerMismatches = 0;
for (const set of sets) {
  const runs: TaskRuns[] = [];
  for (const id of set.workloads) {
    const workload = findWorkload(workloads, id);
    for (const task of workload.tasks) {
      const ran = async (requested: RequestedShape): Promise<ShapeRun> => {
        const run = await runShape({
          simulator,
          client,
          workload,
          task,
          requested,
          maxTurns,
          maxTokens,
        });
        if (run.ledger !== run.cost) ledgerMismatches += 1;
        return run;
      };
      runs.push({
        task: task.id,
        single: await ran('single'),
        fanOut: await ran('fanOut'),
        auto: await ran('auto'),
      });
    }
  }
  const count = runs.length;
  for (const shape of shapes) {
    const picked = runs.map((run) => run[shape]);
    shapeRows.push([
      set.name,
      shape,
      String(count),
      formatUsd(sum(picked.map((run) => run.cost)), { maxDecimals: 4 }),
      (sum(picked.map((run) => run.grade)) / count).toFixed(3),
      String(sum(picked.map((run) => run.calls))),
      `${String(picked.filter((run) => run.ran === 'fanOut').length)} / ${String(count)}`,
    ]);
  }
  const equalGrade = runs.filter((run) => run.single.grade === run.fanOut.grade);
  const fanOutCheaper = equalGrade.filter((run) => run.fanOut.cost < run.single.cost).length;
  const autoCheaper = equalGrade.filter((run) => run.auto.ran === better(run).requested).length;
  const autoBetter = runs.filter((run) => run.auto.ran === better(run).requested).length;
  const autoOverCheaper =
    sum(equalGrade.map((run) => run.auto.cost)) / sum(equalGrade.map((run) => better(run).cost));
  // The decision's projections of the work still to do, against what each shape then cost.
  const priced = runs.filter(
    (run) => run.fanOut.projectedSingle !== undefined && run.fanOut.projectedFanOut !== undefined,
  );
  const singleProjection = priced.map(
    (run) => ((run.fanOut.projectedSingle ?? 0) - run.fanOut.spentBeforeDecision) / run.single.cost,
  );
  const fanOutProjection = priced.map(
    (run) =>
      ((run.fanOut.projectedFanOut ?? 0) - run.fanOut.spentBeforeDecision) /
      (run.fanOut.cost - run.fanOut.spentBeforeDecision),
  );
  autoRows.push([
    set.name,
    String(count),
    `${String(equalGrade.length)} / ${String(count)}`,
    `${String(fanOutCheaper)} / ${String(equalGrade.length)}`,
    `${String(autoCheaper)} / ${String(equalGrade.length)}`,
    ratio(autoOverCheaper),
    `${String(autoBetter)} / ${String(count)}`,
    priced.length === 0 ? '-' : ratio(median(singleProjection)),
    priced.length === 0 ? '-' : ratio(median(fanOutProjection)),
  ]);
  results.push({
    set: set.name,
    workloads: set.workloads,
    tasks: count,
    equalGrade: equalGrade.length,
    fanOutCheaperAtEqualGrade: fanOutCheaper,
    autoRanCheaperAtEqualGrade: autoCheaper,
    autoOverCheaperAtEqualGrade: autoOverCheaper,
    autoRanBetter: autoBetter,
    medianProjectedOverActualSingle: priced.length === 0 ? null : median(singleProjection),
    medianProjectedOverActualFanOut: priced.length === 0 ? null : median(fanOutProjection),
    runs,
  });
}

console.log(
  'Shapes: runTask on the in-process simulator (zero latency), claude-sonnet-4-6 working\n',
);
console.log(
  formatTable(['set', 'shape', 'tasks', 'cost', 'grade', 'calls', 'ran fan-out'], shapeRows),
);
console.log('');
console.log(
  formatTable(
    [
      'set',
      'tasks',
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
);
console.log(
  `\nLedger = invoice in every run: ${ledgerMismatches === 0 ? 'yes' : `no (${String(ledgerMismatches)} mismatches)`}`,
);
const file = fileURLToPath(new URL('../results/shapes-compare.json', import.meta.url));
await writeResults(file, {
  date: new Date().toISOString(),
  machine: describeMachine(),
  maxTurns,
  maxTokens,
  ledgerMismatches,
  results,
});
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s; results in ${file}`);
