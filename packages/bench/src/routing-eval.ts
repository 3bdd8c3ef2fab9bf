// Routing policies priced against the grade they reach: the workload library's
// parallel, list-then-fan-out and chained tasks, one subagent per step and a
// synthesis, through the SDK on the in-process simulator.
// Run: pnpm --filter @bursar/bench routing-eval
import { createAnthropicClient } from '@bursar/anthropic';
import { createBudget, formatUsd, type RoutingRule } from '@bursar/core';
import { createSimulator, loadShippedWorkloads } from '@bursar/simulator';
import { fileURLToPath } from 'node:url';
import { describeMachine } from './report/describe-machine';
import { formatTable } from './report/format-table';
import { writeResults } from './report/write-results';
import { evalTasks, evalWorkloadIds, type EvalTask } from './routing/eval-tasks';
import { evalTiers, fixedPolicies, learnedPolicy } from './routing/eval-policies';
import { learnRules } from './routing/learn-thresholds';
import { profileTiers } from './routing/profile-tiers';
import { runRoutedTask, type RoutingPolicy, type TaskRecord } from './routing/run-routed-task';

const thresholds = [0.8, 0.9, 1] as const;
const minSamples = 2;

const workloads = loadShippedWorkloads().filter((workload) =>
  (evalWorkloadIds as readonly string[]).includes(workload.id),
);
const tasks = evalTasks(workloads);
const train = tasks.filter((task) => task.split === 'train');
const heldOut = tasks.filter((task) => task.split === 'heldOut');

/** A fresh simulator, client and budget: each policy starts with an empty cache and invoice. */
function setup() {
  const simulator = createSimulator({ workloads, latency: { mode: 'zero' } });
  const context = {
    client: createAnthropicClient({ apiKey: 'bench', fetch: simulator.fetch }),
    budget: createBudget({ usd: '1000' }),
  };
  const grade = (taskId: string, text: string): number => simulator.grade(taskId, text).score;
  return { simulator, context, grade };
}

const started = performance.now();

// 1. Learn: every tier on the training split.
const training = setup();
const profile = await profileTiers(train, evalTiers, training.context, training.grade);
if (profile.cost !== training.simulator.invoice().total)
  throw new Error('training: the ledger and the invoice differ');
const learned = new Map<number, Map<string, RoutingRule[]>>(
  thresholds.map((threshold) => [
    threshold,
    learnRules(profile.observations, { tiers: evalTiers, threshold, minSamples }),
  ]),
);

// 2. Measure every policy on the held-out split.
const policies: RoutingPolicy[] = [
  ...fixedPolicies(),
  ...thresholds.map((threshold) =>
    learnedPolicy(
      `learned (mean grade >= ${threshold.toFixed(1)})`,
      learned.get(threshold) ?? new Map(),
      false,
    ),
  ),
  learnedPolicy('learned (>= 0.9) + escalation', learned.get(0.9) ?? new Map(), true),
];

interface PolicyResult {
  readonly policy: RoutingPolicy;
  readonly records: readonly TaskRecord[];
  readonly invoiceTotal: number;
}

async function measure(policy: RoutingPolicy, sample: readonly EvalTask[]): Promise<PolicyResult> {
  const { simulator, context, grade } = setup();
  const records: TaskRecord[] = [];
  for (const task of sample) records.push(await runRoutedTask(task, policy, context, grade));
  const invoiceTotal = simulator.invoice().total;
  const ledger = records.reduce((sum, record) => sum + record.cost, 0);
  if (ledger !== invoiceTotal)
    throw new Error(`${policy.name}: ledger ${String(ledger)} != invoice ${String(invoiceTotal)}`);
  return { policy, records, invoiceTotal };
}

const measured: PolicyResult[] = [];
for (const policy of policies) measured.push(await measure(policy, heldOut));

// 3. Report.
const mean = (values: readonly number[]): number =>
  values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
const topCost = measured[0]?.invoiceTotal ?? 1;
const shortTier = (model: string): string => model.replace(/^claude-/, '').replace(/-\d.*$/, '');

function summarize(records: readonly TaskRecord[]) {
  const steps = records.flatMap((record) => [...record.steps, record.synthesis]);
  const tries = steps.flatMap((step) => step.tries);
  const escalations = { loop: 0, validation: 0, 'malformed-output': 0 };
  for (const step of steps)
    for (const attempt of step.tries.slice(0, -1))
      if (attempt.failure !== undefined) escalations[attempt.failure.kind] += 1;
  const kept = Object.fromEntries(evalTiers.map((tier) => [shortTier(tier), 0]));
  for (const step of steps) {
    const model = step.tries.at(-1)?.model ?? '';
    kept[shortTier(model)] = (kept[shortTier(model)] ?? 0) + 1;
  }
  const failedTryCost = steps
    .flatMap((step) => step.tries.slice(0, -1))
    .reduce((sum, attempt) => sum + attempt.cost, 0);
  return {
    tasks: records.length,
    nanodollars: records.reduce((sum, record) => sum + record.cost, 0),
    meanGrade: mean(records.map((record) => record.grade)),
    fullGrades: records.filter((record) => record.grade === 1).length,
    steps: steps.length,
    tries: tries.length,
    escalations,
    failedTryNanodollars: failedTryCost,
    keptAnswersByTier: kept,
  };
}

const rows = measured.map(({ policy, records, invoiceTotal }) => {
  const summary = summarize(records);
  return [
    policy.name,
    formatUsd(invoiceTotal, { maxDecimals: 4 }),
    summary.meanGrade.toFixed(3),
    `${String(summary.fullGrades)}/${String(summary.tasks)}`,
    `${(invoiceTotal / topCost).toFixed(2)}x`,
    String(summary.tries),
    `${String(summary.escalations.loop)}/${String(summary.escalations.validation)}`,
    formatUsd(summary.failedTryNanodollars, { maxDecimals: 4 }),
    evalTiers.map((tier) => String(summary.keptAnswersByTier[shortTier(tier)] ?? 0)).join('/'),
  ];
});

const workloadRows = measured.map(({ policy, records }) => [
  policy.name,
  ...evalWorkloadIds.map((id) => {
    const ofWorkload = records.filter((record) => record.workload === id);
    const cost = ofWorkload.reduce((sum, record) => sum + record.cost, 0);
    return `${formatUsd(cost, { maxDecimals: 4 })} ${mean(ofWorkload.map((record) => record.grade)).toFixed(2)}`;
  }),
]);

console.log(
  `Routing eval: ${String(heldOut.length)} held-out tasks (${String(train.length)} for training) of ${evalWorkloadIds.join(', ')}; in-process simulator through the SDK\n`,
);
console.log(
  formatTable(
    [
      'policy',
      'cost',
      'grade',
      'full',
      'vs top',
      'tries',
      'esc loop/valid',
      'failed tries',
      'answers h/s/o',
    ],
    rows,
  ),
);
console.log('\nBy workload (cost, mean grade):\n');
console.log(formatTable(['policy', ...evalWorkloadIds], workloadRows));
console.log(
  `\nTraining (every tier on ${String(train.length)} tasks): ${formatUsd(profile.cost, { maxDecimals: 4 })}`,
);
/** A workload's rules in one line: template rules counted by tier, role rules by name. */
function describeRules(list: readonly RoutingRule[]): string {
  const templates = new Map<string, number>();
  const named: string[] = [];
  for (const rule of list) {
    if (rule.pattern === undefined) named.push(`${rule.name ?? '?'} -> ${shortTier(rule.model)}`);
    else templates.set(shortTier(rule.model), (templates.get(shortTier(rule.model)) ?? 0) + 1);
  }
  const counted = [...templates].map(
    ([tier, count]) => `${String(count)} question template(s) -> ${tier}`,
  );
  return [...counted, ...named].join(', ');
}
for (const [threshold, rules] of learned) {
  console.log(`  mean grade >= ${threshold.toFixed(1)}:`);
  for (const [workload, list] of rules) console.log(`    ${workload}: ${describeRules(list)}`);
}

const file = fileURLToPath(new URL('../results/routing-eval.json', import.meta.url));
await writeResults(file, {
  benchmark: 'routing-eval',
  date: new Date().toISOString(),
  machine: describeMachine(),
  settings: {
    workloads: evalWorkloadIds,
    tiers: evalTiers,
    split:
      'per workload, tasks ordered by FNV-1a of their id: first half train, second half held out',
    trainTasks: train.length,
    heldOutTasks: heldOut.length,
    thresholds,
    minSamples,
    subagent: { maxTurns: 10, maxTokens: 1024, cache: { system: '5m', conversation: '5m' } },
    synthesis: { maxTurns: 1, maxTokens: 1024 },
  },
  training: {
    nanodollars: profile.cost,
    rules: Object.fromEntries(
      [...learned].map(([threshold, rules]) => [
        threshold.toFixed(1),
        Object.fromEntries(
          [...rules].map(([workload, list]) => [
            workload,
            list.map((rule) => ({
              name: rule.name,
              role: rule.role,
              pattern: rule.pattern?.source,
              model: rule.model,
            })),
          ]),
        ),
      ]),
    ),
  },
  results: measured.map(({ policy, records, invoiceTotal }) => ({
    policy: policy.name,
    invoiceNanodollars: invoiceTotal,
    costVsTop: invoiceTotal / topCost,
    ...summarize(records),
    byWorkload: Object.fromEntries(
      evalWorkloadIds.map((id) => [
        id,
        summarize(records.filter((record) => record.workload === id)),
      ]),
    ),
    tasks: records.map((record) => ({
      taskId: record.taskId,
      grade: record.grade,
      nanodollars: record.cost,
      tries: [...record.steps, record.synthesis].map((step) =>
        step.tries.map((attempt) => shortTier(attempt.model)).join('>'),
      ),
    })),
  })),
});
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s; results in ${file}`);
