import { createAnthropicClient } from '@bursar/anthropic';
import {
  createBudget,
  promptTokens,
  runAgent,
  type ContextOptions,
  type Nanodollars,
} from '@bursar/core';
import { createSimulator, type LatencyOptions, type Workload } from '@bursar/simulator';
import { workloadAgentTools } from '@bursar-examples/support';

/** A way of keeping the agent's context: a name and `runAgent`'s context options. */
export interface ContextVariant {
  readonly name: string;
  /** Undefined: the conversation grows turn by turn (prompt caching only). */
  readonly context: ContextOptions | undefined;
}

/** The variants the example compares; compaction past 20,000 prompt tokens. */
export const defaultVariants: readonly ContextVariant[] = [
  { name: 'none', context: undefined },
  { name: 'prune', context: { prune: true } },
  { name: 'compaction', context: { compaction: { thresholdTokens: 20_000 } } },
  {
    name: 'prune + compaction',
    context: { prune: true, compaction: { thresholdTokens: 20_000 } },
  },
];

/** One run of the loop under one variant. */
export interface LoopRun {
  readonly variant: string;
  readonly status: string;
  readonly turns: number;
  /** Prompt tokens (input, cache writes and reads) of each turn, in order. */
  readonly promptByTurn: readonly number[];
  readonly cost: Nanodollars;
  /** The simulator's invoice for the run, which the cost must equal. */
  readonly billed: Nanodollars;
  /** The share of the task's required facts the answer states, 0 to 1. */
  readonly grade: number;
  readonly prunes: number;
  readonly compactions: number;
  /** What the summarizing calls cost (part of `cost`). */
  readonly compactionCost: Nanodollars;
  /** The variant's compaction threshold, prompt tokens (undefined without compaction). */
  readonly compactionThreshold: number | undefined;
}

/** Options of {@link runLongLoop}. */
export interface LongLoopOptions {
  readonly workloads: readonly Workload[];
  /** A task of the tool-loops workload. @default 'loop-access-audit-log' (40 pages) */
  readonly taskId?: string;
  /** @default defaultVariants */
  readonly variants?: readonly ContextVariant[];
  /** @default 'claude-sonnet-4-6' */
  readonly model?: string;
  /** @default { mode: 'realistic' } (on the simulator's virtual clock) */
  readonly latency?: LatencyOptions;
}

/**
 * Runs one long tool loop (a table paged through with a tool, one page a
 * turn) with `runAgent` once per context variant, each on a fresh simulator,
 * and records the prompt size of every turn, the cost, the invoice and the
 * grade.
 *
 * @example
 * ```ts
 * const runs = await runLongLoop({ workloads: loadShippedWorkloads() });
 * runs.map((run) => Math.max(...run.promptByTurn));
 * ```
 */
export async function runLongLoop(options: LongLoopOptions): Promise<LoopRun[]> {
  const workload = options.workloads.find((candidate) => candidate.id === 'tool-loops');
  const taskId = options.taskId ?? 'loop-access-audit-log';
  const task = workload?.tasks.find((candidate) => candidate.id === taskId);
  if (workload === undefined || task === undefined) {
    throw new Error(`no task ${taskId} in the tool-loops workload`);
  }
  const runs: LoopRun[] = [];
  for (const variant of options.variants ?? defaultVariants) {
    const simulator = createSimulator({
      workloads: [workload],
      latency: options.latency ?? { mode: 'realistic' },
    });
    const promptByTurn: number[] = [];
    let prunes = 0;
    let compactions = 0;
    let compactionCost = 0;
    const result = await runAgent({
      client: createAnthropicClient({ apiKey: 'sk-simulator', fetch: simulator.fetch }),
      budget: createBudget({ usd: '10' }),
      model: options.model ?? 'claude-sonnet-4-6',
      prompt: task.prompt,
      system: [workload.systemPrompt],
      tools: workloadAgentTools(workload),
      // Room for every page and the answer: the loop ends when the model answers.
      maxTurns: task.steps.length + 20,
      maxTokens: 2_000,
      ...(variant.context === undefined ? {} : { context: variant.context }),
      onEvent: (event) => {
        if (event.type === 'agent.turn.end') promptByTurn.push(promptTokens(event.usage));
        else if (event.type === 'agent.context.prune') prunes += 1;
        else if (event.type === 'agent.context.compact') {
          compactions += 1;
          compactionCost += event.cost;
        }
      },
    });
    runs.push({
      variant: variant.name,
      status: result.status,
      turns: result.turns,
      promptByTurn,
      cost: result.cost,
      billed: simulator.invoice().total,
      grade: simulator.grade(task.id, result.text).score,
      prunes,
      compactions,
      compactionCost,
      compactionThreshold: variant.context?.compaction?.thresholdTokens,
    });
  }
  return runs;
}
