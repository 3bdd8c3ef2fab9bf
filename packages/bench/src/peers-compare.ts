// Cost at equal grade, side by side in one run: a naive loop, the Vercel AI
// SDK, LangGraph's prebuilt ReAct agent, Bursar's runAgent and runTask, each
// against the same simulator (over HTTP on 127.0.0.1) on the same sample of
// the shipped workloads. Each run's cost is what the simulator invoiced for it.
// Run: pnpm --filter @bursar/bench peers-compare
import { formatUsd } from '@bursar/core';
import { createSimulator, loadShippedWorkloads } from '@bursar/simulator';
import { fileURLToPath } from 'node:url';
import { aiSdkPeer } from './peers/ai-sdk-agent';
import { bursarAgentPeer, bursarTaskPeer, bursarTaskPrunePeer } from './peers/bursar-agents';
import { langGraphPeer } from './peers/langgraph-agent';
import { naiveLoopPeer } from './peers/naive-loop';
import type { Peer } from './peers/peer-run';
import { findWorkload } from './peers/workload-setup';
import { describeMachine } from './report/describe-machine';
import { formatTable } from './report/format-table';
import { writeResults } from './report/write-results';

// A sample of each workload (tasks `from` to `to`, by position), to keep the run
// under a minute on two cores. Trace tasks replay 50 to 102 recorded calls with
// outputs up to 4,658 tokens: their turn and output caps are higher, and the
// sample is the shortest session (50 calls; resent in full, it is the slowest).
const sets: readonly {
  workload: string;
  from: number;
  to: number;
  maxTurns: number;
  maxTokens: number;
}[] = [
  { workload: 'fanoutqa-parallel', from: 0, to: 4, maxTurns: 80, maxTokens: 2_000 },
  { workload: 'parallelqa', from: 0, to: 4, maxTurns: 80, maxTokens: 2_000 },
  { workload: 'sequential-chains', from: 0, to: 4, maxTurns: 80, maxTokens: 2_000 },
  { workload: 'tool-loops', from: 0, to: 2, maxTurns: 80, maxTokens: 2_000 },
  { workload: 'claude-code-traces', from: 1, to: 2, maxTurns: 200, maxTokens: 8_000 },
];
const peers: readonly Peer[] = [
  naiveLoopPeer,
  aiSdkPeer,
  langGraphPeer,
  bursarAgentPeer,
  bursarTaskPeer,
  bursarTaskPrunePeer,
];

interface PeerTotals {
  cost: number;
  grade: number;
  calls: number;
  cacheRead: number;
  cacheWrite: number;
  endings: Set<string>;
  errors: string[];
}

const workloads = loadShippedWorkloads();
const simulator = createSimulator({ workloads, latency: { mode: 'zero' } });
const { url } = await simulator.listen({ host: '127.0.0.1' });
const started = performance.now();
const rows: string[][] = [];
const results: object[] = [];
const overall = new Map<string, { cost: number; grade: number; tasks: number }>();
try {
  for (const set of sets) {
    const workload = findWorkload(workloads, set.workload);
    const tasks = workload.tasks.slice(set.from, set.to);
    const totals = new Map<string, PeerTotals>();
    for (const peer of peers) {
      const total: PeerTotals = {
        cost: 0,
        grade: 0,
        calls: 0,
        cacheRead: 0,
        cacheWrite: 0,
        endings: new Set(),
        errors: [],
      };
      for (const task of tasks) {
        simulator.reset();
        try {
          const outcome = await peer.run({
            workload,
            task,
            baseURL: url,
            maxTurns: set.maxTurns,
            maxTokens: set.maxTokens,
          });
          total.grade += simulator.grade(task.id, outcome.text).score;
          total.calls += outcome.calls;
          total.endings.add(outcome.ending);
        } catch (error) {
          // A peer that throws is graded 0 for the task and says why.
          total.errors.push(
            `${task.id}: ${error instanceof Error ? error.message : String(error)}`,
          );
          total.endings.add('threw');
        }
        const invoice = simulator.invoice();
        total.cost += invoice.total;
        for (const line of invoice.lines) {
          total.cacheRead += line.usage.cacheRead;
          total.cacheWrite += line.usage.cacheWrite5m + line.usage.cacheWrite1h;
        }
      }
      totals.set(peer.name, total);
    }
    const naive = totals.get(naiveLoopPeer.name)?.cost ?? Number.NaN;
    const bursar = totals.get(bursarTaskPeer.name)?.cost ?? Number.NaN;
    for (const peer of peers) {
      const total = totals.get(peer.name);
      if (total === undefined) continue;
      const grade = total.grade / tasks.length;
      const sum = overall.get(peer.name) ?? { cost: 0, grade: 0, tasks: 0 };
      overall.set(peer.name, {
        cost: sum.cost + total.cost,
        grade: sum.grade + total.grade,
        tasks: sum.tasks + tasks.length,
      });
      rows.push([
        set.workload,
        peer.name,
        formatUsd(total.cost, { maxDecimals: 4 }),
        grade.toFixed(3),
        String(total.calls),
        `${(naive / total.cost).toFixed(2)}x`,
        `${(total.cost / bursar).toFixed(2)}x`,
      ]);
      results.push({
        workload: set.workload,
        tasks: tasks.map((task) => task.id),
        peer: peer.name,
        nanodollars: total.cost,
        meanGrade: grade,
        calls: total.calls,
        cacheReadTokens: total.cacheRead,
        cacheWriteTokens: total.cacheWrite,
        endings: [...total.endings].sort(),
        errors: total.errors,
        naiveOverPeer: naive / total.cost,
        peerOverBursarTask: total.cost / bursar,
      });
    }
  }
} finally {
  await simulator.close();
}

const naiveAll = overall.get(naiveLoopPeer.name)?.cost ?? Number.NaN;
const bursarAll = overall.get(bursarTaskPeer.name)?.cost ?? Number.NaN;
for (const peer of peers) {
  const sum = overall.get(peer.name);
  if (sum === undefined) continue;
  rows.push([
    'all',
    peer.name,
    formatUsd(sum.cost, { maxDecimals: 4 }),
    (sum.grade / sum.tasks).toFixed(3),
    '-',
    `${(naiveAll / sum.cost).toFixed(2)}x`,
    `${(sum.cost / bursarAll).toFixed(2)}x`,
  ]);
}

console.log('Peers: claude-sonnet-4-6 on the simulator over HTTP (zero latency)\n');
console.log(
  formatTable(
    ['workload', 'peer', 'cost', 'grade', 'calls', 'naive / this', 'this / runTask'],
    rows,
  ),
);
const file = fileURLToPath(new URL('../results/peers-compare.json', import.meta.url));
await writeResults(file, {
  date: new Date().toISOString(),
  machine: describeMachine(),
  model: 'claude-sonnet-4-6',
  versions: {
    ai: '5.0.277',
    '@ai-sdk/anthropic': '2.0.112',
    '@langchain/langgraph': '1.7.3',
    '@langchain/anthropic': '1.5.11',
    '@langchain/core': '1.3.5',
    '@anthropic-ai/sdk': '1.10.0',
  },
  results,
});
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s; results in ${file}`);
