import { fileURLToPath } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import { createAnthropicClient } from '@bursar/anthropic';
import { runTask, type Subtask } from '@bursar/core';
import { createSimulator } from '@bursar/simulator';
import { median } from './measure/median';
import { createInstantClient } from './orchestrator/instant-client';
import { describeMachine } from './report/describe-machine';
import { formatNumber, formatTable } from './report/format-table';
import { writeResults } from './report/write-results';

// Issue 7's targets: 1,000 subagents in under 2 s and 300 MB peak RSS; under 50 µs a call.
const settings = {
  subagents: 1000,
  concurrency: 16,
  maxTokens: 32,
  overheadSamples: 21,
  warmupSamples: 4,
  targetSeconds: 2,
  targetPeakRssMiB: 300,
  targetOverheadMicroseconds: 50,
} as const;

const resultsFile = fileURLToPath(new URL('../results/orchestrator-scale.json', import.meta.url));
const subtasks: Subtask[] = Array.from({ length: settings.subagents }, (_, index) => ({
  id: `s${String(index + 1)}`,
  question: `What is the figure of item ${String(index + 1)}?`,
  dependsOn: [],
}));
const common = {
  task: 'Collect the figure of every item and list them.',
  budget: { usd: '1000' },
  shape: 'fanOut' as const,
  subtasks,
  maxAgents: settings.subagents,
  concurrency: settings.concurrency,
  maxTokens: settings.maxTokens,
  store: false as const,
};

const machine = describeMachine();
console.log(
  `Orchestrator scale: ${machine.cpuModel}, ${machine.cores} cores, ` +
    `${machine.totalMemoryGiB} GiB, Node ${machine.nodeVersion}\n`,
);

// 1. 1,000 subagents end to end through the SDK on the in-process simulator.
const simulator = createSimulator({ latency: { mode: 'zero' } });
const client = createAnthropicClient({
  client: new Anthropic({
    apiKey: 'sk-bench',
    baseURL: 'http://simulator',
    fetch: simulator.fetch,
    maxRetries: 0,
  }),
});
const startedAt = performance.now();
const scale = await runTask({ ...common, client });
const seconds = (performance.now() - startedAt) / 1000;
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
const invoice = simulator.invoice().total;
console.log(
  formatTable(
    ['subagents', 'calls', 'status', 'wall s', 'peak RSS MiB', 'ledger = invoice'],
    [
      [
        formatNumber(scale.report.byAgent.filter((agent) => agent.role === 'subagent').length),
        formatNumber(scale.report.timeline.length),
        scale.status,
        formatNumber(seconds, 2),
        formatNumber(peakRssMiB, 0),
        scale.report.cost === invoice
          ? 'yes'
          : `no (${String(scale.report.cost)} vs ${String(invoice)})`,
      ],
    ],
  ),
);

// 2. Overhead per model call: the same fan-out on an instant client, against bare calls.
const bare: number[] = [];
const orchestrated: number[] = [];
let callsPerRun = 0;
for (let sample = 0; sample < settings.overheadSamples + settings.warmupSamples; sample += 1) {
  const instant = createInstantClient();
  const request = {
    model: 'claude-sonnet-4-6',
    tools: [],
    system: ['x'],
    reference: [],
    messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'q' }] }],
    maxTokens: settings.maxTokens,
  };
  const bareStart = performance.now();
  for (let call = 0; call < settings.subagents + 1; call += 1) await instant.complete(request);
  const bareTime = performance.now() - bareStart;
  const timed = createInstantClient();
  const runStart = performance.now();
  await runTask({ ...common, client: timed });
  const runTime = performance.now() - runStart;
  callsPerRun = timed.calls;
  // The first samples warm the JIT.
  if (sample >= settings.warmupSamples) {
    bare.push((bareTime * 1000) / (settings.subagents + 1));
    orchestrated.push((runTime * 1000) / timed.calls);
  }
}
const bareMicroseconds = median(bare);
const orchestratedMicroseconds = median(orchestrated);
const overhead = orchestratedMicroseconds - bareMicroseconds;
console.log(
  `\n${formatTable(
    ['measured', 'µs per call', 'vs bare'],
    [
      ['bare client.complete()', formatNumber(bareMicroseconds, 2), '1.00x'],
      [
        `runTask fan-out, ${formatNumber(callsPerRun)} calls`,
        formatNumber(orchestratedMicroseconds, 2),
        `${formatNumber(orchestratedMicroseconds / bareMicroseconds, 1)}x`,
      ],
      ['orchestration overhead', formatNumber(overhead, 2), '-'],
    ],
  )}`,
);
console.log(
  `\nTargets: ${formatNumber(seconds, 2)} s (< ${String(settings.targetSeconds)}), ` +
    `${formatNumber(peakRssMiB, 0)} MiB (< ${String(settings.targetPeakRssMiB)}), ` +
    `${formatNumber(overhead, 1)} µs a call (< ${String(settings.targetOverheadMicroseconds)}).`,
);

await writeResults(resultsFile, {
  benchmark: 'orchestrator-scale',
  date: new Date().toISOString(),
  machine,
  settings,
  scale: {
    status: scale.status,
    subagents: scale.report.byAgent.filter((agent) => agent.role === 'subagent').length,
    calls: scale.report.timeline.length,
    wallSeconds: seconds,
    peakRssMiB,
    ledgerNanodollars: scale.report.cost,
    invoiceNanodollars: invoice,
  },
  overhead: {
    callsPerRun,
    bareMicrosecondsPerCall: bareMicroseconds,
    orchestratedMicrosecondsPerCall: orchestratedMicroseconds,
    overheadMicrosecondsPerCall: overhead,
    samplesBare: bare,
    samplesOrchestrated: orchestrated,
  },
});
