// The governor against the static oracle, on tasks the sweep does not use.
// For each task: every static configuration of the list run without a
// limit (the default; single or fan-out x haiku-4-5 or sonnet-4-6 for the work
// and the synthesis x pruning on or off), and runTask auto under hard limits
// of 30, 50, 70, 100 and 150% of the default configuration's unconstrained
// cost. The oracle at a level is the best grade among the configurations whose
// unconstrained cost fits it. Overshoots are by the simulator's invoice.
// Run: pnpm --filter @bursar/bench budget-fit
import { createAnthropicClient } from '@bursar/anthropic';
import { createBudget, runTask, type RunTaskOptions } from '@bursar/core';
import { createSimulator, loadShippedWorkloads, type Workload } from '@bursar/simulator';
import { fileURLToPath } from 'node:url';
import { bursarTools, findWorkload, usdString } from './peers/workload-setup';
import { describeMachine } from './report/describe-machine';
import { formatTable } from './report/format-table';
import { writeResults } from './report/write-results';

const roomy = 1_000_000_000_000;
const maxTurns = 80;
const maxTokens = 1_024;
const percents = [30, 50, 70, 100, 150];
// The budget sweep's six tasks are where the ladder was tuned; these are not.
const heldOut: readonly { workload: string; indexes: readonly number[] }[] = [
  { workload: 'fanoutqa-parallel', indexes: [2, 3, 4] },
  { workload: 'parallelqa', indexes: [1, 2, 3] },
  { workload: 'sequential-chains', indexes: [2, 3, 4] },
  { workload: 'tool-loops', indexes: [1, 2, 3] },
];
// The priors in core (budget/grade-priors.ts) were fitted on these: the budget sweep's tasks.
const training: readonly { workload: string; indexes: readonly number[] }[] = [
  { workload: 'fanoutqa-parallel', indexes: [0, 1] },
  { workload: 'parallelqa', indexes: [0] },
  { workload: 'sequential-chains', indexes: [0, 1] },
  { workload: 'tool-loops', indexes: [0] },
];
const train = process.argv.includes('--train');
const only = process.argv.includes('--quick') ? 1 : 3;

type Config = { name: string } & Pick<RunTaskOptions, 'shape' | 'models' | 'context'>;
const configs: Config[] = [{ name: 'default', shape: 'auto' }];
for (const shape of ['single', 'fanOut'] as const)
  for (const model of ['claude-haiku-4-5', 'claude-sonnet-4-6'])
    for (const prune of [false, true])
      configs.push({
        name: `${shape} ${model.replace('claude-', '')}${prune ? ' +prune' : ''}`,
        shape,
        models: { work: model, synthesize: model },
        context: { prune },
      });

const workloads = loadShippedWorkloads();
const simulator = createSimulator({ workloads, latency: { mode: 'zero' } });
const client = createAnthropicClient({ apiKey: 'sk-bench-fit', fetch: simulator.fetch });

interface Run {
  readonly status: string;
  readonly invoiced: number;
  readonly grade: number;
  readonly decisions: readonly string[];
}

async function run(
  workload: Workload,
  task: Workload['tasks'][number],
  limit: number,
  config: Omit<Config, 'name'>,
): Promise<Run> {
  simulator.reset();
  const now = (): number => simulator.clock.now();
  try {
    const result = await runTask({
      task: task.prompt,
      client,
      budget: createBudget({ usd: usdString(limit), now }),
      tools: bursarTools(workload),
      system: [workload.systemPrompt],
      maxTurns,
      maxTokens,
      now,
      ...config,
    });
    return {
      status: result.status,
      invoiced: simulator.invoice().total,
      grade: simulator.grade(task.id, result.output).score,
      decisions: result.report.decisions.map((decision) => `${decision.kind}: ${decision.reason}`),
    };
  } catch (error) {
    return {
      status: `threw ${String(error)}`,
      invoiced: simulator.invoice().total,
      grade: 0,
      decisions: [],
    };
  }
}

const tasks: {
  task: string;
  unconstrained: number;
  statics: { name: string; cost: number; grade: number }[];
  governed: { percent: number; status: string; grade: number; used: number; overshoot: number }[];
}[] = [];
for (const set of train ? training : heldOut) {
  const workload = findWorkload(workloads, set.workload);
  for (const index of set.indexes.slice(0, only)) {
    const task = workload.tasks[index];
    if (task === undefined) continue;
    const statics = [];
    for (const { name: _name, ...config } of configs) {
      const result = await run(workload, task, roomy, config);
      if (result.status.startsWith('threw')) console.error(result.status);
      statics.push({ name: _name, cost: result.invoiced, grade: result.grade });
    }
    const unconstrained = statics[0]?.cost ?? 0;
    const governed = [];
    for (const percent of percents) {
      const limit = Math.floor((unconstrained * percent) / 100);
      const result = await run(workload, task, limit, { shape: 'auto' });
      if (result.status.startsWith('threw')) console.error(result.status);
      if (process.argv.includes('--verbose'))
        console.log(
          task.id,
          percent,
          result.status,
          result.grade,
          '\n  ' + result.decisions.join('\n  '),
        );
      governed.push({
        percent,
        status: result.status,
        grade: result.grade,
        used: result.invoiced / limit,
        overshoot: Math.max(0, result.invoiced - limit),
      });
    }
    tasks.push({ task: task.id, unconstrained, statics, governed });
    console.log(
      task.id,
      governed.map((entry) => `${String(entry.percent)}%:${entry.grade.toFixed(2)}`).join(' '),
    );
  }
}

const mean = (values: readonly number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
const rows = percents.map((percent, column) => {
  const oracle = tasks.map((entry) => {
    const limit = (entry.unconstrained * percent) / 100;
    return Math.max(
      0,
      ...entry.statics.filter((each) => each.cost <= limit).map((each) => each.grade),
    );
  });
  const governed = tasks.map((entry) => entry.governed[column]?.grade ?? 0);
  return {
    percent,
    oracle: mean(oracle),
    governor: mean(governed),
    overshoots: tasks.filter((entry) => (entry.governed[column]?.overshoot ?? 0) > 0).length,
  };
});
console.log(
  formatTable(
    ['budget', 'tasks', 'static oracle', 'runTask auto', 'gap', 'overshoots'],
    rows.map((row) => [
      `${String(row.percent)}%`,
      String(tasks.length),
      row.oracle.toFixed(3),
      row.governor.toFixed(3),
      (row.governor - row.oracle).toFixed(3),
      String(row.overshoots),
    ]),
  ),
);
await writeResults(
  fileURLToPath(new URL(`../results/budget-fit${train ? '-train' : ''}.json`, import.meta.url)),
  {
    date: new Date().toISOString(),
    machine: describeMachine(),
    command: `pnpm --filter @bursar/bench budget-fit${train ? '-train' : ''}`,
    set: train ? 'training (the budget sweep tasks)' : 'held out (tasks no prior was fitted on)',
    rows,
    tasks,
  },
);
