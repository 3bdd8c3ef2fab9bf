// What caching, pruning and compaction do to an agent's bill at equal grade:
// the shipped workloads and the trace-shaped sessions, one agent per task
// (runAgent over @bursar/anthropic), on the in-process simulator.
// Run: pnpm --filter @bursar/bench context-savings
import { createAnthropicClient } from '@bursar/anthropic';
import {
  addUsage,
  cost,
  createBudget,
  createUsage,
  emptyUsage,
  formatUsd,
  promptTokens,
  runAgent,
  type Usage,
  type AgentEvent,
  type AnyAgentTool,
  type CachePlan,
  type ContextOptions,
} from '@bursar/core';
import {
  createSimulator,
  createWorkloadTools,
  loadShippedWorkloads,
  type Workload,
} from '@bursar/simulator';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { oracleUsages, toolResultSizes } from './context/oracle-cost';
import { describeMachine } from './report/describe-machine';
import { formatTable } from './report/format-table';
import { writeResults } from './report/write-results';

const model = 'claude-sonnet-4-6';
const compaction = 'cached + pruning + compaction';
const strategies: readonly { name: string; cache: CachePlan; context?: ContextOptions }[] = [
  { name: 'naive (no cache, full resend)', cache: {} },
  { name: 'cached', cache: { system: '1h', conversation: '5m' } },
  {
    name: 'cached + pruning',
    cache: { system: '1h', conversation: '5m' },
    context: { prune: true },
  },
  {
    name: compaction,
    cache: { system: '1h', conversation: '5m' },
    context: { prune: true, compaction: { thresholdTokens: 20_000 } },
  },
];
// Trace tasks replay 50 to 102 recorded calls and their recorded outputs reach
// 4,658 tokens: their turn and output caps are above that. Compaction is not
// measured on them: the simulator replays call k on the k-th assistant turn
// in the request, so a compacted conversation restarts the replay at call 0.
const sets: readonly {
  workload: string;
  tasks: number;
  maxTurns: number;
  maxTokens: number;
  skip?: { strategy: string; reason: string };
}[] = [
  { workload: 'tool-loops', tasks: 6, maxTurns: 80, maxTokens: 2_000 },
  { workload: 'sequential-chains', tasks: 6, maxTurns: 80, maxTokens: 2_000 },
  { workload: 'fanoutqa-parallel', tasks: 6, maxTurns: 80, maxTokens: 2_000 },
  {
    workload: 'claude-code-traces',
    tasks: 6,
    maxTurns: 200,
    maxTokens: 8_000,
    skip: {
      strategy: compaction,
      reason:
        'the simulator replays trace call k on the k-th assistant turn of the request; a compacted conversation restarts the replay at call 0',
    },
  },
];

/** The token classes of a usage, for the results file. */
function tokenClasses(usage: Usage): object {
  return {
    input: usage.input,
    cacheWrite5m: usage.cacheWrite5m,
    cacheWrite1h: usage.cacheWrite1h,
    cacheRead: usage.cacheRead,
    output: usage.output,
  };
}

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
  const sizes = toolResultSizes(workload);
  let naiveCost = 0;
  let oracle = 0;
  let oracleUsage = emptyUsage;
  for (const strategy of strategies) {
    if (set.skip?.strategy === strategy.name) {
      results.push({ workload: set.workload, strategy: strategy.name, skipped: set.skip.reason });
      continue;
    }
    const simulator = createSimulator({ workloads: [workload], latency: { mode: 'zero' } });
    const client = createAnthropicClient({ apiKey: 'bench', fetch: simulator.fetch });
    let grades = 0;
    let turns = 0;
    let strategyOracle = 0;
    let strategyOracleUsage = emptyUsage;
    const statuses = new Set<string>();
    for (const task of tasks) {
      const events: AgentEvent[] = [];
      const result = await runAgent({
        client,
        budget: createBudget({ usd: '100' }),
        model,
        prompt: task.prompt,
        system: [workload.systemPrompt],
        tools: agentTools(workload),
        maxTurns: set.maxTurns,
        maxTokens: set.maxTokens,
        cache: strategy.cache,
        ...(strategy.context === undefined ? {} : { context: strategy.context }),
        onEvent: (event) => events.push(event),
      });
      const turnUsage = events.flatMap((event) =>
        event.type === 'agent.turn.end'
          ? [{ output: event.usage.output, prompt: promptTokens(event.usage) }]
          : [],
      );
      for (const usage of oracleUsages({
        model,
        sizes,
        turns: turnUsage,
        messages: result.messages,
      })) {
        strategyOracle += cost(usage, model);
        strategyOracleUsage = addUsage(strategyOracleUsage, usage);
      }
      grades += simulator.grade(task.id, result.text).score;
      turns += result.turns;
      statuses.add(result.status);
    }
    const invoice = simulator.invoice();
    const total = invoice.total;
    // Every billed request: turns, pre-warms (no output) and compaction calls.
    const calls = invoice.lines.length;
    const prewarms = invoice.lines.filter((line) => line.usage.output === 0).length;
    // Tokens by class on the agent's model (a compaction's summarizer is apart).
    const usage = invoice.lines
      .filter((line) => line.model === model)
      .reduce((sum, line) => addUsage(sum, createUsage(line.usage)), emptyUsage);
    const otherModels = invoice.lines
      .filter((line) => line.model !== model)
      .reduce((sum, line) => sum + line.cost, 0);
    // The oracle is computed from the naive run's turns (the same work, resent in full).
    if (strategy.cache.conversation === undefined) {
      naiveCost = total;
      oracle = strategyOracle;
      oracleUsage = strategyOracleUsage;
      rows.push([
        set.workload,
        'oracle (lower bound)',
        formatUsd(oracle, { maxDecimals: 4 }),
        '-',
        '-',
        '-',
        `${(naiveCost / oracle).toFixed(2)}x`,
        '1.00x',
      ]);
      results.push({
        workload: set.workload,
        tasks: tasks.length,
        strategy: 'oracle',
        nanodollars: oracle,
        usage: tokenClasses(oracleUsage),
        naiveOverStrategy: naiveCost / oracle,
      });
    }
    const grade = grades / tasks.length;
    rows.push([
      set.workload,
      strategy.name,
      formatUsd(total, { maxDecimals: 4 }),
      grade.toFixed(3),
      String(turns),
      String(calls),
      `${(naiveCost / total).toFixed(2)}x`,
      `${(total / oracle).toFixed(2)}x`,
    ]);
    results.push({
      workload: set.workload,
      tasks: tasks.length,
      strategy: strategy.name,
      nanodollars: total,
      meanGrade: grade,
      turns,
      calls,
      prewarms,
      usage: tokenClasses(usage),
      otherModelsNanodollars: otherModels,
      statuses: [...statuses].sort(),
      naiveOverStrategy: naiveCost / total,
      strategyOverOracle: total / oracle,
    });
  }
}

console.log(`Context savings: ${model}, one agent per task, in-process simulator (zero latency)\n`);
console.log(
  formatTable(
    ['workload', 'strategy', 'cost', 'grade', 'turns', 'calls', 'naive / this', 'this / oracle'],
    rows,
  ),
);
const file = fileURLToPath(new URL('../results/context-savings.json', import.meta.url));
await writeResults(file, {
  date: new Date().toISOString(),
  machine: describeMachine(),
  model,
  results,
});
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s; results in ${file}`);
