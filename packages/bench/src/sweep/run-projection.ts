import {
  defaultWorkEstimates,
  project,
  promptTokens,
  type Budget,
  type PlannedStep,
  type TaskEvent,
  type WorkEstimates,
} from '@bursar/core';

/** Tokens of a text for forecasts, as runTask counts them: about 4 bytes a token, rounded up. */
export function roughTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 4);
}

/** A subtask as the planner returns it (id and question). */
export interface ProjectedSubtask {
  readonly id: string;
  readonly question: string;
}

/** What {@link createRunProjection} needs to know of the task. */
export interface RunProjectionInput {
  readonly budget: Budget;
  readonly task: string;
  /** The subtasks the planner returns for this task (the simulator's plan: the workload's steps). */
  readonly subtasks: readonly ProjectedSubtask[];
  /** Tools' descriptions and the system prompt, for the shared prefix's size as runTask reckons it. */
  readonly toolDescriptions: readonly string[];
  readonly system: readonly string[];
  readonly model: string;
  readonly maxTokens: number;
  readonly estimates?: WorkEstimates;
}

/** The projection after one model call's turn ended. */
export interface ProjectionPoint {
  /** Billed calls so far (1-based index of the last one). */
  readonly call: number;
  readonly spent: number;
  /** spent + the forecast of the remaining work, nano-dollars. */
  readonly projected: number;
}

interface AgentState {
  turns: number;
  lastPrompt: number;
  output: number;
  prompts: number;
  finished: boolean;
}

/**
 * Follows a runTask run through its events and, after each billed call,
 * projects its total with the governor's `project()`: what is spent, plus
 * the forecast of the work left (computed when the call's turn has ended,
 * so the agent's state includes it). The work left is built the way runTask
 * builds its plans (work-estimates.ts, fan-out.ts): each working agent in
 * flight with the turns its estimate still gives it (at least one) from its
 * current context, read from the cache; each subtask not yet started as a
 * subagent at the estimates measured from the finished subagents (the priors
 * before any finished); and the synthesis of a fan-out. In-flight calls are
 * forecast, not counted at their worst-case hold, so `reserved` is left out.
 */
export function createRunProjection(input: RunProjectionInput): {
  readonly onEvent: (event: TaskEvent) => void;
  readonly points: readonly ProjectionPoint[];
  /** The decision's projected total of the shape it chose, when it priced both. */
  readonly decided: () => number | undefined;
} {
  const prefix =
    roughTokens(JSON.stringify(input.toolDescriptions)) + roughTokens(input.system.join('\n'));
  const priors = input.estimates ?? defaultWorkEstimates;
  const agents = new Map<string, AgentState>();
  const started = new Set<string>();
  const measured = { subagents: 0, turns: 0, output: 0, growth: 0, growthSamples: 0 };
  let estimates = priors;
  let shape: 'single' | 'fanOut' | undefined;
  let planned = false;
  let decidedTotal: number | undefined;
  let calls = 0;
  const points: ProjectionPoint[] = [];
  const questionOf = new Map(input.subtasks.map((subtask) => [subtask.id, subtask.question]));

  const agentOf = (name: string): AgentState => {
    let state = agents.get(name);
    if (state === undefined) {
      state = { turns: 0, lastPrompt: 0, output: 0, prompts: 0, finished: false };
      agents.set(name, state);
    }
    return state;
  };

  const learn = (name: string): void => {
    const state = agents.get(name);
    const question = questionOf.get(name.replace(/^subagent:/, '')) ?? '';
    if (state === undefined || state.turns === 0) return;
    measured.subagents += 1;
    measured.turns += state.turns;
    measured.output += state.output;
    if (state.turns > 1) {
      const first = prefix + roughTokens(question);
      measured.growth +=
        (2 * (state.prompts - state.turns * first)) / (state.turns * (state.turns - 1));
      measured.growthSamples += 1;
    }
    estimates = {
      ...estimates,
      turnsPerSubtask: Math.max(1, Math.round(measured.turns / measured.subagents)),
      outputPerTurn: Math.max(1, Math.round(measured.output / measured.turns)),
      ...(measured.growthSamples === 0
        ? {}
        : { growthPerTurn: Math.max(0, Math.round(measured.growth / measured.growthSamples)) }),
    };
  };

  const step = (id: string, turns: number, context: number, cached: number): PlannedStep => ({
    id,
    model: input.model,
    turns,
    contextTokens: context,
    cachedTokens: cached,
    growthPerTurn: estimates.growthPerTurn,
    outputPerTurn: estimates.outputPerTurn,
    maxTokens: input.maxTokens,
  });

  const remaining = (): PlannedStep[] => {
    const steps: PlannedStep[] = [];
    const subtasks = shape === 'fanOut' || planned ? input.subtasks : [];
    for (const [name, state] of agents) {
      if (state.finished || name === 'triage' || name === 'plan' || name === 'synthesize') continue;
      const expected =
        name === 'single'
          ? Math.max(1, subtasks.length) * estimates.turnsPerSubtask
          : estimates.turnsPerSubtask;
      const left = Math.max(1, expected - state.turns);
      const next = state.lastPrompt + (state.turns === 0 ? 0 : estimates.growthPerTurn);
      steps.push(step(name, left, next, state.lastPrompt));
    }
    if (shape === undefined || (shape === 'single' && !agents.has('single'))) {
      // Not started yet: one agent on the whole task, as decide prices it.
      const turns = Math.max(1, subtasks.length) * estimates.turnsPerSubtask;
      steps.push(step('single', turns, prefix + roughTokens(input.task), 0));
    }
    if (shape === 'fanOut') {
      for (const subtask of input.subtasks) {
        if (started.has(subtask.id)) continue;
        const context = prefix + roughTokens(subtask.question);
        steps.push(
          step(subtask.id, estimates.turnsPerSubtask, context, started.size > 0 ? prefix : 0),
        );
      }
      const synthesis = agents.get('synthesize');
      if (synthesis === undefined || !synthesis.finished) {
        const reports = input.subtasks.length * estimates.reportTokens;
        steps.push({
          ...step('synthesize', 1, prefix + roughTokens(input.task) + reports, 0),
          caching: false,
        });
      }
    }
    return steps;
  };

  const onEvent = (event: TaskEvent): void => {
    if (event.type === 'task.shape') {
      shape = event.shape;
      decidedTotal = event.shape === 'fanOut' ? event.fanOut : event.single;
    } else if (event.type === 'task.subagent.start') {
      started.add(event.subtask);
    } else if (event.type === 'budget.reservation.charge') {
      calls += 1;
    } else if (event.type === 'agent.finish') {
      agentOf(event.agent).finished = true;
      if (event.agent === 'plan') planned = true;
      if (event.agent.startsWith('subagent:')) learn(event.agent);
    } else if (event.type === 'agent.turn.end') {
      const state = agentOf(event.agent);
      state.turns += 1;
      state.lastPrompt = promptTokens(event.usage);
      state.prompts += state.lastPrompt;
      state.output += event.usage.output;
      // After the turn is counted: its agent's state and the ledger both hold the call.
      const snapshot = input.budget.snapshot();
      const projection = project(
        snapshot,
        { steps: remaining() },
        { priceTable: input.budget.priceTable },
      );
      points.push({
        call: calls,
        spent: snapshot.spent.usd,
        projected: snapshot.spent.usd + projection.forecast,
      });
    }
  };
  return { onEvent, points, decided: () => decidedTotal };
}
