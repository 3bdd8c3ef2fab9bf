// A fault storm: 10% of model requests fail (429 with retry-after, 529, 500,
// dropped connections, cut streams; the simulator's seeded faults) across many
// runTask runs. Every run must end with a status (never a throw or a hang),
// and each run's ledger must equal the simulator's invoice to the nano-dollar.
// Retries wait on the simulator's virtual clock, so the storm runs at once.
// Run: pnpm --filter @bursar/bench fault-storm
import { createAnthropicClient } from '@bursar/anthropic';
import { formatUsd, runTask, usdToNanodollars, type ModelClient } from '@bursar/core';
import { createSimulator, loadShippedWorkloads, type FaultKind } from '@bursar/simulator';
import { fileURLToPath } from 'node:url';
import { countingFetch } from './faults/counting-fetch';
import { streamingClient } from './faults/streaming-client';
import { bursarTools, findWorkload } from './peers/workload-setup';
import { describeMachine } from './report/describe-machine';
import { formatTable } from './report/format-table';
import { writeResults } from './report/write-results';

const faultRate = 0.1;
const kinds: readonly FaultKind[] = [
  'rate_limit',
  'overloaded',
  'api_error',
  'connection_drop',
  'stream_cut',
];
const sets: readonly { workload: string; tasks: number }[] = [
  { workload: 'parallelqa', tasks: 40 },
  { workload: 'fanoutqa-parallel', tasks: 40 },
  { workload: 'sequential-chains', tasks: 20 },
  { workload: 'tool-loops', tasks: 6 },
];
// Budgets in turn: roomy, and two that make some runs end budgetExhausted mid-storm.
const budgets = ['1000', '0.05', '0.02'];
// Real time a run may take before it counts as hung (it should take milliseconds).
const hangMs = 30_000;

interface StormRun {
  readonly run: number;
  readonly task: string;
  readonly seed: string;
  readonly budget: string;
  readonly streamed: boolean;
  readonly status: string;
  readonly error: string | undefined;
  readonly ledger: number;
  readonly invoiced: number;
  readonly requests: number;
  readonly failedResponses: Readonly<Record<string, number>>;
  readonly dropped: number;
  readonly streamCuts: number;
  readonly retries: number;
  readonly realMs: number;
}

const workloads = loadShippedWorkloads();
const simulator = createSimulator({ workloads, latency: { mode: 'zero' } });
const sleep = (milliseconds: number): Promise<void> => {
  // Virtual time: the retry-after passes on the simulator's clock, not the wall's.
  simulator.clock.advanceBy(milliseconds);
  return Promise.resolve();
};
const started = performance.now();
const runs: StormRun[] = [];
// Each task twice: its calls streamed (a stream_cut then cuts a stream after
// billing began), and not (a stream_cut is then a dropped connection).
const plan = sets.flatMap((set) => {
  const workload = findWorkload(workloads, set.workload);
  return workload.tasks
    .slice(0, set.tasks)
    .flatMap((task) => [true, false].map((streamed) => ({ workload, task, streamed })));
});
for (const [run, { workload, task, streamed }] of plan.entries()) {
  const seed = `storm-${String(run)}`;
  const budget = budgets[run % budgets.length] ?? '1000';
  simulator.reset();
  // A seed a run: any run can be replayed alone with the same faults.
  simulator.configureFaults({ rate: faultRate, kinds, seed, next: [] });
  const { fetch, counts } = countingFetch(simulator.fetch);
  const base = createAnthropicClient({ apiKey: 'sk-bench-storm', fetch });
  const client: ModelClient = streamed ? streamingClient(base) : base;
  let retries = 0;
  let timer: NodeJS.Timeout | undefined;
  const begun = performance.now();
  let status: string;
  let error: string | undefined;
  let ledger = Number.NaN;
  try {
    const result = await Promise.race([
      runTask({
        task: task.prompt,
        client,
        budget: { usd: budget },
        tools: bursarTools(workload),
        system: [workload.systemPrompt],
        maxTurns: 80,
        store: false,
        now: () => simulator.clock.now(),
        sleep,
        onEvent: (event) => {
          if (event.type === 'agent.retry') retries += 1;
        },
      }),
      new Promise<'hung'>((resolve) => {
        timer = setTimeout(() => {
          resolve('hung');
        }, hangMs);
      }),
    ]);
    if (result === 'hung') {
      status = 'hung';
    } else {
      status = result.status;
      ledger = result.report.cost;
      if (result.status === 'failed' && result.error !== undefined)
        error = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    }
  } catch (thrown) {
    status = 'threw';
    error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  } finally {
    clearTimeout(timer);
  }
  const invoice = simulator.invoice();
  runs.push({
    run,
    task: task.id,
    seed,
    budget,
    streamed,
    status,
    error,
    ledger,
    invoiced: invoice.total,
    requests: counts.requests,
    failedResponses: Object.fromEntries(
      [...counts.statuses].map(([code, count]) => [String(code), count]),
    ),
    dropped: counts.dropped,
    streamCuts: invoice.lines.filter((line) => line.note === 'stream_cut').length,
    retries,
    realMs: performance.now() - begun,
  });
}

const count = (predicate: (run: StormRun) => boolean): number => runs.filter(predicate).length;
const sum = (pick: (run: StormRun) => number): number =>
  runs.reduce((total, run) => total + pick(run), 0);
const statuses = ['done', 'budgetExhausted', 'failed', 'aborted', 'threw', 'hung'];
// A stream cut mid-answer is charged at max_tokens (the client cannot know how
// much the API generated), so a ledger may exceed its invoice; it must never fall short.
const mismatches = runs.filter((run) => run.ledger !== run.invoiced);
const under = runs.filter((run) => Number.isNaN(run.ledger) || run.ledger < run.invoiced);
const overWithoutCut = runs.filter((run) => run.ledger > run.invoiced && run.streamCuts === 0);
const overshoots = runs.filter((run) => run.invoiced > usdToNanodollars(run.budget));
const failed = (code: string): number => sum((run) => run.failedResponses[code] ?? 0);
const requests = sum((run) => run.requests);
const faults =
  failed('429') + failed('529') + failed('500') + sum((run) => run.dropped + run.streamCuts);

console.log(
  `Fault storm: ${String(runs.length)} runTask runs, ${String(faultRate * 100)}% faults, in-process simulator\n`,
);
console.log(
  formatTable(
    ['runs', ...statuses],
    [
      [
        String(runs.length),
        ...statuses.map((status) => String(count((run) => run.status === status))),
      ],
    ],
  ),
);
console.log('');
console.log(
  formatTable(
    ['requests', 'faults', 'share', '429', '529', '500', 'dropped', 'stream cuts', 'retries'],
    [
      [
        String(requests),
        String(faults),
        `${((faults / requests) * 100).toFixed(1)}%`,
        String(failed('429')),
        String(failed('529')),
        String(failed('500')),
        String(sum((run) => run.dropped)),
        String(sum((run) => run.streamCuts)),
        String(sum((run) => run.retries)),
      ],
    ],
  ),
);
console.log('');
console.log(
  formatTable(
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
        formatUsd(
          sum((run) => (Number.isNaN(run.ledger) ? 0 : run.ledger)),
          { maxDecimals: 9 },
        ),
        formatUsd(
          sum((run) => run.invoiced),
          { maxDecimals: 9 },
        ),
        `${String(runs.length - mismatches.length)} / ${String(runs.length)}`,
        String(mismatches.length - under.length),
        String(under.length),
        String(overshoots.length),
        Math.max(...runs.map((run) => run.realMs)).toFixed(0),
      ],
    ],
  ),
);
for (const run of mismatches)
  console.log(
    `  mismatch: run ${String(run.run)} ${run.task} seed ${run.seed} budget $${run.budget} ` +
      `${run.streamed ? 'streamed' : 'not streamed'}: ledger ${String(run.ledger)}, invoice ${String(run.invoiced)} ` +
      `(${run.status}, ${String(run.streamCuts)} stream cuts)`,
  );
const file = fileURLToPath(new URL('../results/fault-storm.json', import.meta.url));
await writeResults(file, {
  date: new Date().toISOString(),
  machine: describeMachine(),
  faultRate,
  kinds,
  budgets,
  requests,
  faults,
  mismatches: mismatches.length,
  ledgerUnderInvoice: under.length,
  ledgerOverInvoiceWithoutCut: overWithoutCut.length,
  overshoots: overshoots.length,
  runs,
});
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s; results in ${file}`);
