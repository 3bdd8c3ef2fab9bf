// What caching, pruning and compaction do to an agent's bill at equal grade:
// the shipped workloads, one agent per task (runAgent over @bursar/anthropic),
// on the in-process simulator. Run: pnpm --filter @bursar/bench context-savings
import { createAnthropicClient } from '@bursar/anthropic';
import {
  cost,
  createBudget,
  createUsage,
  formatUsd,
  promptTokens,
  runAgent,
  type AgentEvent,
  type AnyAgentTool,
  type CachePlan,
  type ContextOptions,
  type ModelMessage,
} from '@bursar/core';
import {
  callKey,
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

/**
 * The oracle lower bound of one run: a context manager that knew the future.
 * Each turn it sends only the stable prefix and the task (read from cache
 * after the first turn), the model's own earlier words (read), and the one
 * tool result the turn needs (written once, dropped after); nothing is ever
 * written twice or read after it stops mattering. Output is the run's own.
 * Framing tokens are left out, which only lowers the bound.
 */
function oracleCost(
  workload: Workload,
  turns: readonly { output: number; prompt: number }[],
  messages: readonly ModelMessage[],
): number {
  const resultSizes = new Map<string, number>();
  for (const task of workload.tasks) {
    for (const step of task.steps)
      for (const call of step.toolCalls)
        resultSizes.set(callKey(call.tool, call.input), call.resultTokens);
  }
  // The result each turn asked for, in order of the assistant turns.
  const results = messages
    .filter((message) => message.role === 'assistant')
    .map((message) =>
      message.content.reduce(
        (sum, part) =>
          sum +
          (part.type === 'tool-call' ? (resultSizes.get(callKey(part.name, part.input)) ?? 0) : 0),
        0,
      ),
    );
  const first = turns[0]?.prompt ?? 0;
  let total = 0;
  let earlierOutputs = 0;
  turns.forEach((turn, index) => {
    const previousOutput = index === 0 ? 0 : (turns[index - 1]?.output ?? 0);
    const previousResult = index === 0 ? 0 : (results[index - 1] ?? 0);
    const usage =
      index === 0
        ? createUsage({ cacheWrite5m: first, output: turn.output })
        : createUsage({
            cacheRead: first + earlierOutputs,
            cacheWrite5m: previousResult + previousOutput,
            output: turn.output,
          });
    if (index > 0) earlierOutputs += previousOutput;
    total += cost(usage, model);
  });
  return total;
}

const workloads = loadShippedWorkloads();
const rows: string[][] = [];
const oracleByWorkload = new Map<string, number>();
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
    let oracle = 0;
    for (const task of tasks) {
      const events: AgentEvent[] = [];
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
        onEvent: (event) => events.push(event),
      });
      const turnUsage = events.flatMap((event) =>
        event.type === 'agent.turn.end'
          ? [{ output: event.usage.output, prompt: promptTokens(event.usage) }]
          : [],
      );
      oracle += oracleCost(workload, turnUsage, result.messages);
      grades += simulator.grade(task.id, result.text).score;
      turns += result.turns;
    }
    const total = simulator.invoice().total;
    if (strategy.cache.conversation === undefined) {
      naiveCost = total;
      rows.push([
        set.workload,
        'oracle (lower bound)',
        formatUsd(oracle, { maxDecimals: 4 }),
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
        naiveOverStrategy: naiveCost / oracle,
      });
      oracleByWorkload.set(set.workload, oracle);
    }
    const grade = grades / tasks.length;
    const overOracle = total / (oracleByWorkload.get(set.workload) ?? total);
    rows.push([
      set.workload,
      strategy.name,
      formatUsd(total, { maxDecimals: 4 }),
      grade.toFixed(3),
      String(turns),
      `${(naiveCost / total).toFixed(2)}x`,
      `${overOracle.toFixed(2)}x`,
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
console.log(
  formatTable(
    ['workload', 'strategy', 'cost', 'grade', 'turns', 'naive / this', 'this / oracle'],
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
