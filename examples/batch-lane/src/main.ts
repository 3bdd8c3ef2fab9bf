// The batch lane: a bulk job at half price, and runTask's agents moved to batches.
// Run: pnpm example:batch-lane (offline on the simulator; --real for the real API)
import { formatUsd, usdToNanodollars } from '@bursar/core';
import { loadShippedWorkloads } from '@bursar/simulator';
import type { LaneBackend } from './backend';
import { parseCliOptions, usage } from './cli-options';
import { createRealBackend, type RealBackend } from './create-real-backend';
import { createSimulatorBackend } from './create-simulator-backend';
import { createProgress } from './progress';
import { runBatchLaneExample } from './run-batch-lane-example';

// Each run's budget on the real API, carved out of --total.
const realBudgets = { bulkUsd: '0.05', taskUsd: '0.15', tightUsd: '0.04' } as const;

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
let backend: LaneBackend;
let real: RealBackend | undefined;
if (options.backend === 'real') {
  const apiKey = process.env['ANTHROPIC_API_KEY'] ?? '';
  if (apiKey === '') {
    console.error('--real needs ANTHROPIC_API_KEY in the environment.');
    process.exit(2);
  }
  const needed =
    (options.parts.includes('bulk') ? 2 * usdToNanodollars(realBudgets.bulkUsd) : 0) +
    (options.parts.includes('task')
      ? 2 * usdToNanodollars(realBudgets.taskUsd) + 2 * usdToNanodollars(realBudgets.tightUsd)
      : 0);
  if (needed > usdToNanodollars(options.totalUsd, '--total')) {
    console.error(
      `The runs' budgets add up to ${formatUsd(needed)}, more than --total $${options.totalUsd}.`,
    );
    process.exit(2);
  }
  real = createRealBackend({ apiKey, workloads, totalUsd: options.totalUsd });
  backend = real;
  console.log(
    `On the real Anthropic API under a $${options.totalUsd} hard limit; batch polling on the wall clock (a batch can take up to 24 hours; most end within one).`,
  );
} else {
  backend = createSimulatorBackend({ workloads });
  console.log(
    'On the simulator (no API key, no network): batch polling and interactive latency on its virtual clock; a batch takes 30 simulated minutes.',
  );
}
console.log('');

const started = performance.now();
const example = await runBatchLaneExample({
  backend,
  workloads,
  parts: options.parts,
  items: options.items,
  ...(real === undefined
    ? {}
    : {
        bulkBudgetUsd: realBudgets.bulkUsd,
        taskBudgetUsd: realBudgets.taskUsd,
        tightUsd: realBudgets.tightUsd,
      }),
  progress: createProgress({ enabled: process.stdout.isTTY }),
});
console.log(example.text);
if (real !== undefined)
  console.log(
    `Spent ${formatUsd(real.total.snapshot().spent.usd)} of the $${options.totalUsd} limit.`,
  );
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s of real time)`);
if (example.checks.some((check) => !check.passed)) process.exitCode = 1;
