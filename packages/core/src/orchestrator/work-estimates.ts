import type { PlannedStep, WorkPlan } from '../budget/work-plan';
import type { Lane } from '../pricing/price-call';
import { utf8ByteLength } from '../tokens/utf8-byte-bound';
import type { Subtask } from './task-plan';

/**
 * What the forecast assumes of work not yet done. The defaults are the
 * shipped workloads' shape (packages/simulator/workloads: a subtask is one
 * tool call and an answer; tool results have medians of 758 to 1,988 tokens
 * by workload; answers are about 120 tokens); `runTask` replaces them with
 * what finished subagents of the same run actually did as soon as there is one.
 */
export interface WorkEstimates {
  /** Turns a subagent takes on a subtask, its answer included. @default 2 */
  readonly turnsPerSubtask: number;
  /** Tokens the context grows by each turn (a tool result and the reply). @default 1200 */
  readonly growthPerTurn: number;
  /** Output tokens a turn. @default 80 */
  readonly outputPerTurn: number;
  /** Tokens of a subagent's report, as the synthesizer reads it. @default 150 */
  readonly reportTokens: number;
}

export const defaultWorkEstimates: WorkEstimates = {
  turnsPerSubtask: 2,
  growthPerTurn: 1200,
  outputPerTurn: 80,
  reportTokens: 150,
};

/** Tokens of a text for forecasts (not holds): about 4 bytes a token, rounded up. */
export function roughTokens(text: string): number {
  return Math.ceil(utf8ByteLength(text) / 4);
}

/** The inputs of a work plan for either shape. */
export interface ShapePlanInput {
  readonly task: string;
  readonly subtasks: readonly Subtask[];
  /** Tokens of the stable prefix every agent sends (tools, system, reference). */
  readonly prefixTokens: number;
  readonly model: string;
  readonly synthesizeModel: string;
  readonly maxTokens: number;
  readonly estimates: WorkEstimates;
  /** The lane the work starts in. @default 'interactive' */
  readonly lane?: Lane;
  /** Whether the deadline lets the governor move work to the batch lane. @default false */
  readonly latencyTolerant?: boolean;
  /** Subagents a fan-out may start; the rest go to one continuing agent. @default every subtask */
  readonly maxAgents?: number;
}

/**
 * One agent working every subtask in one growing context: each subtask's
 * working turns, and one answer at the end (a subagent's answer turn is the
 * single agent's only once).
 */
export function singlePlan(input: ShapePlanInput): WorkPlan {
  const { estimates } = input;
  return {
    steps: [
      {
        id: 'single',
        model: input.model,
        lane: input.lane ?? 'interactive',
        latencyTolerant: input.latencyTolerant ?? false,
        turns: Math.max(1, input.subtasks.length * (estimates.turnsPerSubtask - 1) + 1),
        contextTokens: input.prefixTokens + roughTokens(input.task),
        growthPerTurn: estimates.growthPerTurn,
        outputPerTurn: estimates.outputPerTurn,
        maxTokens: input.maxTokens,
      },
    ],
  };
}

/** One subagent a subtask (up to `maxAgents`; the rest to one continuing agent), sharing the prefix, then one synthesis call. */
export function fanOutPlan(input: ShapePlanInput, cachedPrefix = false): WorkPlan {
  const { estimates } = input;
  // Past maxAgents, subtasks go to one continuing agent whose context grows
  // with each of them, as a single agent's does.
  const slots = input.maxAgents ?? input.subtasks.length;
  const spawned = input.subtasks.slice(0, slots);
  const merged = input.subtasks.slice(slots);
  const subagents: PlannedStep[] = spawned.map((subtask) => subagentStep(input, subtask));
  const continuation: PlannedStep[] =
    merged.length === 0
      ? []
      : [
          {
            id: 'continuation',
            model: input.model,
            lane: input.lane ?? 'interactive',
            latencyTolerant: input.latencyTolerant ?? false,
            turns: merged.length * (estimates.turnsPerSubtask - 1) + 1,
            contextTokens:
              input.prefixTokens +
              roughTokens(input.task) +
              spawned.length * estimates.reportTokens,
            growthPerTurn: estimates.growthPerTurn,
            outputPerTurn: estimates.outputPerTurn,
            maxTokens: input.maxTokens,
          },
        ];
  return {
    steps: [
      ...subagents.map((step) =>
        cachedPrefix ? { ...step, cachedTokens: input.prefixTokens } : step,
      ),
      ...continuation,
      synthesisStep(input, spawned.length * estimates.reportTokens),
    ],
  };
}

/** The forecast step of one subagent. */
export function subagentStep(
  input: Omit<ShapePlanInput, 'subtasks'>,
  subtask: Subtask,
  model = input.model,
  maxTokens = input.maxTokens,
  lane = input.lane ?? 'interactive',
): PlannedStep {
  return {
    id: subtask.id,
    model,
    lane,
    latencyTolerant: input.latencyTolerant ?? false,
    turns: input.estimates.turnsPerSubtask,
    contextTokens: input.prefixTokens + roughTokens(subtask.question),
    growthPerTurn: input.estimates.growthPerTurn,
    outputPerTurn: input.estimates.outputPerTurn,
    maxTokens,
    group: 'fanOut',
    sharedPrefixTokens: input.prefixTokens,
  };
}

/** The forecast step of the synthesis: one call reading every report. */
export function synthesisStep(
  input: Omit<ShapePlanInput, 'subtasks'>,
  reportTokens: number,
): PlannedStep {
  return {
    id: 'synthesize',
    model: input.synthesizeModel,
    turns: 1,
    contextTokens: input.prefixTokens + roughTokens(input.task) + reportTokens,
    growthPerTurn: 0,
    outputPerTurn: input.estimates.outputPerTurn,
    maxTokens: input.maxTokens,
    caching: false,
    prunableShare: 0,
  };
}
