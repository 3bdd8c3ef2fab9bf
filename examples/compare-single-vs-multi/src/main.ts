// The same tasks run single, fan-out and auto under the same budget.
// Run: pnpm demo (offline on the simulator; --real for the real API)
import { formatUsd, usdToNanodollars } from '@bursar/core';
import { loadShippedWorkloads } from '@bursar/simulator';
import type { Backend } from './backend';
import { parseCliOptions, usage } from './cli-options';
import { createRealBackend, type RealBackend } from './create-real-backend';
import { createSimulatorBackend } from './create-simulator-backend';
import { createProgress } from './progress';
import { demoShapes } from './run-comparison';
import { runDemo } from './run-demo';

let options;
try {
  options = parseCliOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(usage);
  process.exit(2);
}
if (options.help) {
  console.log(usage);
  process.exit(0);
}
if (options.notice !== undefined) console.log(options.notice);
const workloads = loadShippedWorkloads();
const runsPerBudget = options.tasksPerSet * 2 * demoShapes.length;
const runsText = `${String(options.tasksPerSet)} task${options.tasksPerSet === 1 ? '' : 's'} a set × 2 sets × ${String(demoShapes.length)} shapes = ${String(runsPerBudget)} runs`;
let backend: Backend;
let real: RealBackend | undefined;
let budgetsUsd = options.budgetsUsd;
if (options.backend === 'real') {
  const apiKey = process.env['ANTHROPIC_API_KEY'] ?? '';
  if (apiKey === '') {
    console.error('--real needs ANTHROPIC_API_KEY in the environment.');
    process.exit(2);
  }
  const total = usdToNanodollars(options.totalUsd, '--total');
  if (budgetsUsd.length === 0) budgetsUsd = [formatUsd(Math.floor(total / runsPerBudget)).slice(1)];
  const asked = budgetsUsd.reduce(
    (sum, budget) => sum + usdToNanodollars(budget, '--budget') * runsPerBudget,
    0,
  );
  if (asked > total) {
    console.error(
      `${String(runsPerBudget)} runs a budget at ${budgetsUsd.map((budget) => `$${budget}`).join(', ')} need ${formatUsd(asked)}, more than --total $${options.totalUsd}.`,
    );
    process.exit(2);
  }
  real = createRealBackend({ apiKey, workloads, totalUsd: options.totalUsd });
  backend = real;
  console.log(
    `On the real Anthropic API: ${runsText} under each of ${String(budgetsUsd.length)} budget${budgetsUsd.length === 1 ? '' : 's'}, carved out of a $${options.totalUsd} hard limit.`,
  );
} else {
  if (budgetsUsd.length === 0) budgetsUsd = ['0.50', '0.05'];
  backend = createSimulatorBackend({ workloads });
  console.log(
    `On the simulator (no API key, no network; realistic latency on a virtual clock): ${runsText} under each budget.`,
  );
}

const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort(new Error('interrupted'));
});
const started = performance.now();
const result = await runDemo({
  backend,
  workloads,
  tasksPerSet: options.tasksPerSet,
  budgetsUsd,
  out: options.out,
  progress: createProgress({ enabled: process.stdout.isTTY }),
  signal: controller.signal,
});
for (const section of result.sections) {
  console.log('');
  console.log(section.text);
}
const [first] = result.reports;
console.log('');
console.log(
  `HTML reports of ${first?.taskId ?? 'the first task'} at $${budgetsUsd.at(-1) ?? ''} a run, one page per shape:`,
);
for (const report of result.reports) console.log(`  ${report.shape.padEnd(6)}  ${report.path}`);
if (real !== undefined)
  console.log(
    `Spent ${formatUsd(real.total.snapshot().spent.usd)} of the $${options.totalUsd} limit.`,
  );
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
if (result.sections.some((section) => section.summary.failed.length > 0)) process.exitCode = 1;
