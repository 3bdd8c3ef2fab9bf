// Budgets from 10% to 100% of a task's unconstrained runTask cost: grade
// against budget, overshoots (spend past the limit, by the simulator's
// invoice: must be zero) and the share of the budget used. Then the
// projection error: the projected total at 25%, 50% and 75% of a run's calls
// (and the shape decision's own projection) against the run's final cost.
// Run: pnpm --filter @bursar/bench budget-sweep
import { createAnthropicClient } from '@bursar/anthropic';
import { formatUsd } from '@bursar/core';
import { createSimulator, loadShippedWorkloads } from '@bursar/simulator';
import { fileURLToPath } from 'node:url';
import { median } from './measure/median';
import { bursarTools, findWorkload } from './peers/workload-setup';
import { describeMachine } from './report/describe-machine';
import { formatTable } from './report/format-table';
import { writeResults } from './report/write-results';
import { runBudgeted, type BudgetedRun } from './sweep/run-budgeted';
import { createRunProjection, type ProjectionPoint } from './sweep/run-projection';
import { quantile } from './sweep/quantile';

const roomy = 1_000_000_000_000; // $1,000: unconstrained for these tasks
const maxTurns = 80;
const sweepTasks: readonly { workload: string; index: number; maxTokens: number }[] = [
  { workload: 'fanoutqa-parallel', index: 0, maxTokens: 1_024 },
  { workload: 'fanoutqa-parallel', index: 1, maxTokens: 1_024 },
  { workload: 'parallelqa', index: 0, maxTokens: 1_024 },
  { workload: 'sequential-chains', index: 0, maxTokens: 1_024 },
  { workload: 'sequential-chains', index: 1, maxTokens: 1_024 },
  { workload: 'tool-loops', index: 0, maxTokens: 1_024 },
];
// 10% to 100%, and past it, to see where the unconstrained grade comes back.
const percents = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 150, 200, 300];
const projectionSets: readonly {
  workload: string;
  tasks: number;
  maxTokens: number;
  maxTurns: number;
}[] = [
  { workload: 'fanoutqa-parallel', tasks: 10, maxTokens: 1_024, maxTurns },
  { workload: 'parallelqa', tasks: 10, maxTokens: 1_024, maxTurns },
  { workload: 'sequential-chains', tasks: 10, maxTokens: 1_024, maxTurns },
  { workload: 'tool-loops', tasks: 6, maxTokens: 1_024, maxTurns },
  { workload: 'claude-code-traces', tasks: 2, maxTokens: 8_000, maxTurns: 200 },
];
const fractions = [0.25, 0.5, 0.75];

const workloads = loadShippedWorkloads();
const simulator = createSimulator({ workloads, latency: { mode: 'zero' } });
const client = createAnthropicClient({ apiKey: 'sk-bench-sweep', fetch: simulator.fetch });
const started = performance.now();

// 1. The sweep.
const sweep: { task: string; workload: string; unconstrained: BudgetedRun; runs: BudgetedRun[] }[] =
  [];
for (const entry of sweepTasks) {
  const workload = findWorkload(workloads, entry.workload);
  const task = workload.tasks[entry.index];
  if (task === undefined) throw new Error(`no task ${String(entry.index)} in ${entry.workload}`);
  const common = { simulator, client, workload, task, maxTurns, maxTokens: entry.maxTokens };
  const unconstrained = await runBudgeted({ ...common, limit: roomy });
  const runs: BudgetedRun[] = [];
  for (const percent of percents) {
    const limit = Math.floor((unconstrained.invoiced * percent) / 100);
    runs.push(await runBudgeted({ ...common, limit }));
  }
  sweep.push({ task: task.id, workload: entry.workload, unconstrained, runs });
}
const sweepRows = percents.map((percent, column) => {
  const runs = sweep.flatMap((entry) => {
    const run = entry.runs[column];
    return run === undefined ? [] : [run];
  });
  const count = (status: string): string =>
    String(runs.filter((run) => run.status === status).length);
  const grades = runs.map((run) => run.grade);
  return [
    `${String(percent)}%`,
    String(runs.length),
    count('done'),
    count('budgetExhausted'),
    String(runs.filter((run) => run.status !== 'done' && run.status !== 'budgetExhausted').length),
    (grades.reduce((sum, grade) => sum + grade, 0) / runs.length).toFixed(3),
    Math.min(...grades).toFixed(3),
    `${(median(runs.map((run) => run.invoiced / run.limit)) * 100).toFixed(1)}%`,
    `${(Math.max(...runs.map((run) => run.invoiced / run.limit)) * 100).toFixed(1)}%`,
    String(runs.filter((run) => run.overshoot > 0).length),
    String(runs.filter((run) => run.ledger !== run.invoiced).length),
  ];
});
const gradeRows = sweep.map((entry) => [
  entry.task,
  formatUsd(entry.unconstrained.invoiced, { maxDecimals: 4 }),
  entry.unconstrained.grade.toFixed(2),
  ...entry.runs.map((run) =>
    run.status === 'done' ? run.grade.toFixed(2) : `${run.grade.toFixed(2)}*`,
  ),
]);

// 2. Projection error on unconstrained runs.
interface ProjectionRun {
  readonly task: string;
  readonly workload: string;
  readonly shape: string | undefined;
  readonly actual: number;
  readonly calls: number;
  readonly decided: number | undefined;
  readonly at: readonly { fraction: number; call: number; projected: number; error: number }[];
}
const projectionRuns: ProjectionRun[] = [];
for (const set of projectionSets) {
  const workload = findWorkload(workloads, set.workload);
  const toolDescriptions = bursarTools(workload).map((tool) => tool.description);
  for (const task of workload.tasks.slice(0, set.tasks)) {
    let tracker: ReturnType<typeof createRunProjection> | undefined;
    const run = await runBudgeted({
      simulator,
      client,
      workload,
      task,
      limit: roomy,
      maxTurns: set.maxTurns,
      maxTokens: set.maxTokens,
      listen: (budget) => {
        tracker = createRunProjection({
          budget,
          task: task.prompt,
          subtasks: task.steps,
          toolDescriptions,
          system: [workload.systemPrompt],
          model: 'claude-sonnet-4-6',
          maxTokens: set.maxTokens,
        });
        return tracker.onEvent;
      },
    });
    const points: readonly ProjectionPoint[] = tracker?.points ?? [];
    const at = fractions.flatMap((fraction) => {
      const call = Math.max(1, Math.ceil(fraction * run.calls));
      const point = points.find((candidate) => candidate.call >= call);
      return point === undefined
        ? []
        : [
            {
              fraction,
              call: point.call,
              projected: point.projected,
              error: (point.projected - run.invoiced) / run.invoiced,
            },
          ];
    });
    projectionRuns.push({
      task: task.id,
      workload: set.workload,
      shape: run.shape,
      actual: run.invoiced,
      calls: run.calls,
      decided: tracker?.decided(),
      at,
    });
  }
}

function percent(value: number): string {
  return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
}
function errorRow(label: string, errors: readonly number[]): string[] {
  if (errors.length === 0) return [label, '0', '-', '-', '-', '-', '-', '-'];
  const absolute = errors.map(Math.abs);
  const within = (bound: number): string =>
    `${String(absolute.filter((value) => value <= bound).length)} / ${String(errors.length)}`;
  return [
    label,
    String(errors.length),
    percent(quantile(errors, 0.5)),
    percent(quantile(errors, 0.1)),
    percent(quantile(errors, 0.9)),
    `${(quantile(absolute, 0.5) * 100).toFixed(1)}%`,
    within(0.1),
    within(0.25),
  ];
}
const decidedErrors = projectionRuns.flatMap((run) =>
  run.decided === undefined ? [] : [(run.decided - run.actual) / run.actual],
);
const projectionRows = [
  errorRow('decision (0%)', decidedErrors),
  ...fractions.map((fraction) =>
    errorRow(
      `${String(fraction * 100)}% of calls`,
      projectionRuns.flatMap((run) =>
        run.at.filter((point) => point.fraction === fraction).map((point) => point.error),
      ),
    ),
  ),
];
const byShapeRows = (['single', 'fanOut'] as const).flatMap((shape) =>
  fractions.map((fraction) =>
    errorRow(
      `${shape} at ${String(fraction * 100)}%`,
      projectionRuns
        .filter((run) => run.shape === shape)
        .flatMap((run) =>
          run.at.filter((point) => point.fraction === fraction).map((point) => point.error),
        ),
    ),
  ),
);

const machine = describeMachine();
console.log('Budget sweep: runTask auto on the in-process simulator (zero latency)\n');
console.log(
  formatTable(
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
);
console.log('\nGrade by task and budget (* = ended budgetExhausted or otherwise not done)\n');
console.log(
  formatTable(
    ['task', 'unconstrained', 'grade', ...percents.map((value) => `${String(value)}%`)],
    gradeRows,
  ),
);
console.log(
  `\nProjection error: (projected - final) / final, ${String(projectionRuns.length)} unconstrained runs\n`,
);
const errorHeader = ['point', 'runs', 'median', 'p10', 'p90', 'median |err|', '<= 10%', '<= 25%'];
console.log(formatTable(errorHeader, projectionRows));
console.log('');
console.log(formatTable(errorHeader, byShapeRows));
const file = fileURLToPath(new URL('../results/budget-sweep.json', import.meta.url));
await writeResults(file, {
  date: new Date().toISOString(),
  machine,
  percents,
  sweep,
  projection: {
    runs: projectionRuns,
    decided: decidedErrors,
  },
});
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s; results in ${file}`);
