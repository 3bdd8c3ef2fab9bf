// What caching, pruning and compaction do to an agent's bill at equal grade:
// the shipped workloads, one agent per task (runAgent over @bursar/anthropic),
// on the in-process simulator. Run: pnpm --filter @bursar/bench context-savings
import { createAnthropicClient } from '@bursar/anthropic';
import {
  createBudget,
  formatUsd,
  runAgent,
  type AnyAgentTool,
  type ContextOptions,
  type CachePlan,
} from '@bursar/core';
import {
  createSimulator,
  createWorkloadTools,
  loadShippedWorkloads,
  type Workload,
} from '@bursar/simulator';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { describeMachine } from './report/describe-machine';
import { formatTable } from './report/format-table';
import { writeResults } from './report/write-results';

const model = 'claude-sonnet-4-6';
const strategies: readonly { name: string; cache: CachePlan; context?: ContextOptions }[] = [
  { name: 'naive (no cache, full resend)', cache: {} },
  { name: 'cached', cache: { system: '1h', conversation: '5m' } },
  {
    name: 'cached + pruning',
    cache: { system: '1h', conversation: '5m' },
    context: { prune: true },
  },
  {
    name: 'cached + pruning + compaction',
    cache: { system: '1h', conversation: '5m' },
    context: { prune: true, compaction: { thresholdTokens: 20_000 } },
  },
];
const sets: readonly { workload: string; tasks: number }[] = [
  { workload: 'tool-loops', tasks: 6 },
  { workload: 'sequential-chains', tasks: 6 },
  { workload: 'fanoutqa-parallel', tasks: 6 },
];

function agentTools(workload: Workload): AnyAgentTool[] {
  const tools = createWorkloadTools(workload);
  return tools.definitions.map((definition) => ({
    name: definition.name,
    description: definition.description,
    input: z.record(z.string(), z.unknown()),
    execute: (input: Record<string, unknown>) => tools.execute(definition.name, input),
  }));
}

const workloads = loadShippedWorkloads();
const rows: string[][] = [];
const results: object[] = [];
const started = performance.now();
for (const set of sets) {
  const workload = workloads.find((candidate) => candidate.id === set.workload);
  if (workload === undefined) throw new Error(`no shipped workload ${set.workload}`);
  const tasks = workload.tasks.slice(0, set.tasks);
  let naiveCost = 0;
  for (const strategy of strategies) {
    const simulator = createSimulator({ workloads: [workload], latency: { mode: 'zero' } });
    const client = createAnthropicClient({ apiKey: 'bench', fetch: simulator.fetch });
    let grades = 0;
    let turns = 0;
    for (const task of tasks) {
      const result = await runAgent({
        client,
        budget: createBudget({ usd: '100' }),
        model,
        prompt: task.prompt,
        system: [workload.systemPrompt],
        tools: agentTools(workload),
        maxTurns: 80,
        maxTokens: 2_000,
        cache: strategy.cache,
        ...(strategy.context === undefined ? {} : { context: strategy.context }),
      });
      grades += simulator.grade(task.id, result.text).score;
      turns += result.turns;
    }
    const total = simulator.invoice().total;
    if (strategy.cache.conversation === undefined) naiveCost = total;
    const grade = grades / tasks.length;
    rows.push([
      set.workload,
      strategy.name,
      formatUsd(total, { maxDecimals: 4 }),
      grade.toFixed(3),
      String(turns),
      `${(naiveCost / total).toFixed(2)}x`,
    ]);
    results.push({
      workload: set.workload,
      tasks: tasks.length,
      strategy: strategy.name,
      nanodollars: total,
      meanGrade: grade,
      turns,
      naiveOverStrategy: naiveCost / total,
    });
  }
}

console.log(`Context savings: ${model}, one agent per task, in-process simulator (zero latency)\n`);
console.log(formatTable(['workload', 'strategy', 'cost', 'grade', 'turns', 'naive / this'], rows));
const file = fileURLToPath(new URL('../results/context-savings.json', import.meta.url));
await writeResults(file, {
  date: new Date().toISOString(),
  machine: describeMachine(),
  model,
  results,
});
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s; results in ${file}`);
