import PQueue from 'p-queue';
import type { AgentResult } from '../agent/run-agent';
import type { ModelMessage } from '../model/model-request';
import type { Lane } from '../pricing/price-call';
import type { DegradationAction, LadderOptions } from '../budget/degradation-ladder';
import { cheapenAfterRefusal } from './cheapen-after-refusal';
import type { Governor } from '../budget/governor';
import type { WorkPlan } from '../budget/work-plan';
import { forecastStep } from '../budget/projection';
import { promptTokens } from '../usage/usage';
import { subagentPrompt } from './role-prompts';
import type { WorkOutcome } from './task-checkpoint';
import type { Subtask } from './task-plan';
import {
  roughTokens,
  subagentStep,
  synthesisStep,
  type ShapePlanInput,
  type WorkEstimates,
} from './work-estimates';

/** How one agent is to run; `runTask` turns it into a `runAgent` call. */
export interface AgentLaunch {
  readonly agent: string;
  readonly role: 'single' | 'subagent' | 'continuation' | 'synthesize' | 'triage' | 'plan';
  /** The subtask a subagent works on. */
  readonly subtask?: string;
  readonly model: string;
  readonly prompt: string;
  /** A conversation to continue instead of starting from `prompt` (a subagent deferred mid-work). */
  readonly messages?: readonly ModelMessage[];
  readonly maxTokens: number;
  readonly prune: boolean;
  /** The lane its calls go in. @default the task's */
  readonly lane?: Lane;
  /** Called once the agent's first response has arrived (its prefix is then in the cache). */
  readonly onFirstResponse?: () => void;
}

/** Runs one agent and returns what it produced, however it ended. */
export type LaunchAgent = (launch: AgentLaunch) => Promise<AgentResult>;

/** What {@link runFanOut} needs. */
export interface FanOutInput {
  readonly subtasks: readonly Subtask[];
  /** Subtasks finished before (a resumed run): never run again. */
  readonly finished: ReadonlyMap<string, WorkOutcome>;
  readonly concurrency: number;
  /** Takes one of the task's agent slots; false when the cap is reached (the rest go to one continuing agent). */
  readonly claimSlot: () => boolean;
  readonly planInput: Omit<ShapePlanInput, 'subtasks'>;
  readonly governor: Governor;
  /** The model a subtask's subagent starts on (the router's choice, or the work model). */
  readonly modelFor: (subtask: Subtask) => string;
  /** The ladder's options (model tiers), for the last-resort downgrade of a refused subagent. */
  readonly ladder: LadderOptions;
  readonly launch: LaunchAgent;
  /** Whether subagents start pruning (the planner's choice); the ladder may turn it on later. @default false */
  readonly prune?: boolean;
  readonly signal: AbortSignal | undefined;
  /** Called after each subagent settles (a checkpoint). */
  readonly onSettled: (
    subtask: Subtask,
    outcome: WorkOutcome,
    result: AgentResult,
  ) => Promise<void>;
  readonly onPressure: (actions: readonly DegradationAction[], reason: string) => void;
  readonly onStart: (subtask: Subtask, agent: string, model: string) => void;
}

/** How a fan-out ended. */
export interface FanOutResult {
  readonly outcomes: ReadonlyMap<string, WorkOutcome>;
  /** Subtasks not run by a subagent (a collapse or the agent cap): one agent continues them. */
  readonly merged: readonly string[];
  /** Why it stopped early: the budget, an abort, a subagent that failed, or not at all. */
  readonly stopped: 'budget' | 'aborted' | 'failed' | undefined;
  /** The first failed subagent's error, for `stopped: 'failed'`. */
  readonly error: unknown;
}

/** A subagent's name: `subagent:<id>`, with the id made safe for a label. */
export function subagentName(subtask: Subtask): string {
  return `subagent:${subtask.id.replace(/[^A-Za-z0-9_.:-]/g, '_')}`;
}

/**
 * Runs subtasks as subagents through a p-queue, each once its dependencies
 * are done. The first subagent runs alone until its first response has
 * arrived, because a cache entry is readable only once its first response has
 * begun: siblings started earlier would each write the shared prefix again.
 * Before each subagent starts, the governor assesses the remaining work, and
 * its decision is applied to the queue: collapse hands the queued subtasks to
 * one continuing agent, downgrade and cap-output change the queued subagents'
 * model and output cap, prune turns on pruning, stop cancels the queue. A
 * subagent that meets its budget's end stops the queue the same way.
 */
export async function runFanOut(input: FanOutInput): Promise<FanOutResult> {
  const outcomes = new Map(input.finished);
  const queue = new PQueue({ concurrency: input.concurrency });
  const started = new Set<string>(outcomes.keys());
  const merged: string[] = [];
  const models = new Map<string, string>();
  const lanes = new Map<string, Lane>();
  const laneOf = (subtask: Subtask): { lane?: Lane } => {
    const lane = lanes.get(subtask.id);
    return lane === undefined ? {} : { lane };
  };
  let maxTokens = input.planInput.maxTokens;
  let prune = input.prune ?? false;
  let stopped: FanOutResult['stopped'];
  let failure: unknown;
  // Every subagent's promise has an owner: collected here, awaited before returning.
  const running: Promise<void>[] = [];
  let collapsed = false;
  let estimates = input.planInput.estimates;
  const measured = { subagents: 0, turns: 0, output: 0, growth: 0, growthSamples: 0 };

  let warmStarted = false;
  let markWarm: () => void = () => undefined;
  const warm = new Promise<void>((resolve) => {
    markWarm = resolve;
  });

  const byId = new Map(input.subtasks.map((subtask) => [subtask.id, subtask]));
  const isDone = (id: string): boolean => outcomes.has(id) || !byId.has(id);
  const findings = (subtask: Subtask): string[] =>
    subtask.dependsOn.flatMap((id) => {
      const outcome = outcomes.get(id);
      return outcome === undefined ? [] : [outcome.text];
    });

  const remainingPlan = (): WorkPlan => {
    const queued = input.subtasks.filter((subtask) => !started.has(subtask.id));
    const reportTokens =
      [...outcomes.values()].reduce((sum, outcome) => sum + roughTokens(outcome.text), 0) +
      queued.length * estimates.reportTokens;
    const planInput = { ...input.planInput, estimates };
    return {
      steps: [
        ...queued.map((subtask) =>
          subagentStep(
            planInput,
            subtask,
            models.get(subtask.id) ?? input.modelFor(subtask),
            maxTokens,
            lanes.get(subtask.id),
          ),
        ),
        synthesisStep(planInput, reportTokens),
      ],
    };
  };

  const apply = (actions: readonly DegradationAction[]): void => {
    for (const action of actions) {
      switch (action.kind) {
        case 'collapse':
          collapsed = true;
          break;
        case 'downgrade':
          for (const step of action.steps) models.set(step.id, step.to);
          break;
        case 'cap-output':
          maxTokens = Math.min(maxTokens, action.maxTokens);
          break;
        case 'prune':
          prune = true;
          break;
        case 'stop':
          stopped = 'budget';
          break;
        case 'batch':
          for (const id of action.steps) lanes.set(id, 'batch');
          break;
      }
    }
  };

  /** Whether the budget's rest holds the next subagent's forecast. */
  const nextFits = (subtask: Subtask): boolean => {
    const available = input.governor.budget.snapshot().available.usd;
    if (available === undefined) return true;
    const step = subagentStep(
      { ...input.planInput, estimates },
      subtask,
      models.get(subtask.id) ?? input.modelFor(subtask),
      maxTokens,
      lanes.get(subtask.id),
    );
    const forecast = forecastStep(step, {
      priceTable: input.governor.budget.priceTable,
      sharedPrefixCached: true,
    });
    return forecast.cost <= available;
  };

  /** Replaces the priors with what finished subagents did (running sums: constant time a subagent). */
  const learn = (result: AgentResult, subtask: Subtask): void => {
    if (result.turns === 0) return;
    measured.subagents += 1;
    measured.turns += result.turns;
    measured.output += result.usage.output;
    if (result.turns > 1) {
      // prompt = turns * first + growth * turns * (turns - 1) / 2, per subagent.
      const first = input.planInput.prefixTokens + roughTokens(subtask.question);
      measured.growth +=
        (2 * (promptTokens(result.usage) - result.turns * first)) /
        (result.turns * (result.turns - 1));
      measured.growthSamples += 1;
    }
    estimates = {
      ...estimates,
      turnsPerSubtask: Math.max(1, Math.round(measured.turns / measured.subagents)),
      outputPerTurn: Math.max(1, Math.round(measured.output / measured.turns)),
      ...(measured.growthSamples === 0
        ? {}
        : { growthPerTurn: Math.max(0, Math.round(measured.growth / measured.growthSamples)) }),
    } satisfies WorkEstimates;
  };

  // Subagents refused a reservation while siblings held theirs: not the budget's
  // end, only contention. They continue alone once the others have settled.
  const deferred: { subtask: Subtask; messages: readonly ModelMessage[] }[] = [];
  let active = 0;
  const cheapened = new Set<string>();
  // Read through a function: the flags change inside the queue's callbacks.
  const halt = (): 'go' | 'collapsed' | 'stopped' =>
    stopped !== undefined ? 'stopped' : collapsed ? 'collapsed' : 'go';

  /** Applies the ladder's downgrade and output cap to a refused subagent; false when neither helps. */
  const cheapen = (subtask: Subtask): boolean => {
    const step = subagentStep(
      { ...input.planInput, estimates },
      subtask,
      models.get(subtask.id) ?? input.modelFor(subtask),
      maxTokens,
      lanes.get(subtask.id),
    );
    const cheaper = cheapenAfterRefusal(input.governor.budget, step, input.ladder);
    if (cheaper === undefined) return false;
    models.set(subtask.id, cheaper.model);
    maxTokens = Math.min(maxTokens, cheaper.maxTokens);
    input.onPressure(cheaper.actions, cheaper.reason);
    return true;
  };

  // Projecting the remaining plan is linear in the subtasks queued, so a
  // large fan-out with room to spare is not re-assessed at every start: only
  // under pressure, after 1% of the limit has moved, or every 16 starts (or
  // every quarter of the queue, when it is longer).
  let lastAssessment: { level: string; committed: number; starts: number } | undefined;
  const committed = (): number => {
    const snapshot = input.governor.budget.snapshot();
    return snapshot.spent.usd + snapshot.reserved.usd;
  };
  const assessmentDue = (): boolean => {
    if (lastAssessment === undefined || lastAssessment.level !== 'ok') return true;
    lastAssessment.starts += 1;
    const limit = input.governor.budget.limit.usd;
    return (
      // Every 16 starts, or every quarter of the queue when it is longer: a
      // projection costs one forecast per queued subagent.
      lastAssessment.starts >= Math.max(16, Math.ceil((queue.size + waiting.length) / 4)) ||
      limit === undefined ||
      Math.abs(committed() - lastAssessment.committed) * 100 >= limit
    );
  };

  /** A subagent's run; whatever it throws ends the fan-out `failed` with that error. */
  const runOne = async (subtask: Subtask, messages?: readonly ModelMessage[]): Promise<void> => {
    try {
      await runSubagent(subtask, messages);
    } catch (error) {
      stopped ??= 'failed';
      failure ??= error;
      // Siblings may be waiting for the first subagent's response: never leave them waiting.
      markWarm();
    }
  };

  const runSubagent = async (
    subtask: Subtask,
    messages?: readonly ModelMessage[],
  ): Promise<void> => {
    const first = !warmStarted;
    warmStarted = true;
    if (!first) await warm;
    if (input.signal?.aborted === true) stopped ??= 'aborted';
    if (stopped === undefined && !collapsed && assessmentDue()) {
      const assessment = input.governor.assess(remainingPlan());
      lastAssessment = { level: assessment.level, committed: committed(), starts: 0 };
      if (assessment.decision !== undefined) {
        const { actions, reason } = assessment.decision;
        // The ladder stops when the whole remaining plan cannot fit; subtasks
        // are independent, so the ones that fit still run (the hard limit
        // guards every call) and the stop waits until the next one does not.
        const fits = nextFits(subtask);
        apply(fits ? actions.filter((action) => action.kind !== 'stop') : actions);
        input.onPressure(
          actions,
          fits && actions.some((action) => action.kind === 'stop')
            ? `${reason}; the stop waits: the next subagent still fits`
            : reason,
        );
      }
    }
    if (stopped !== undefined || collapsed) {
      if (collapsed && stopped === undefined) merged.push(subtask.id);
      if (first) markWarm();
      return;
    }
    const agent = subagentName(subtask);
    const model = models.get(subtask.id) ?? input.modelFor(subtask);
    if (messages === undefined) input.onStart(subtask, agent, model);
    let result: AgentResult;
    active += 1;
    try {
      result = await input.launch({
        agent,
        role: 'subagent',
        subtask: subtask.id,
        model,
        prompt: subagentPrompt(subtask.question, findings(subtask)),
        ...laneOf(subtask),
        ...(messages === undefined ? {} : { messages }),
        maxTokens,
        prune,
        ...(first ? { onFirstResponse: markWarm } : {}),
      });
    } finally {
      active -= 1;
      if (first) markWarm();
    }
    if (result.status === 'budget_exhausted' && active > 0) {
      deferred.push({ subtask, messages: result.messages });
      return;
    }
    // Refused alone: before giving up, try once on a cheaper model and a tighter cap.
    if (result.status === 'budget_exhausted' && !cheapened.has(subtask.id) && cheapen(subtask)) {
      cheapened.add(subtask.id);
      deferred.unshift({ subtask, messages: result.messages });
      return;
    }
    const outcome: WorkOutcome = { status: result.status, text: result.text, model };
    if (result.status === 'budget_exhausted') {
      input.governor.markExhausted();
      stopped ??= 'budget';
    } else if (result.status === 'aborted') {
      stopped ??= 'aborted';
    } else if (result.status === 'failed' || result.status === 'max_turns') {
      // An error is not the budget's end: stop starting subagents, and the task fails with it.
      stopped ??= 'failed';
      failure ??= result.error;
    }
    // Only finished work is kept as done: a resumed run redoes the rest.
    if (result.status === 'completed') outcomes.set(subtask.id, outcome);
    learn(result, subtask);
    await input.onSettled(subtask, outcome, result);
    schedule();
  };

  // Subtasks not yet started, so scheduling does not rescan the finished ones.
  let waiting = input.subtasks.filter((subtask) => !started.has(subtask.id));
  const schedule = (): void => {
    const ready = waiting.filter((subtask) => subtask.dependsOn.every(isDone));
    if (ready.length === 0) return;
    const taken = new Set(ready);
    waiting = waiting.filter((subtask) => !taken.has(subtask));
    for (const subtask of ready) {
      started.add(subtask.id);
      if (stopped !== undefined) continue;
      if (collapsed || !input.claimSlot()) {
        merged.push(subtask.id);
        continue;
      }
      running.push(queue.add(() => runOne(subtask)));
    }
  };

  schedule();
  // Dependencies release subtasks as others settle; wait until nothing is left to start.
  for (;;) {
    await queue.onIdle();
    const before = started.size;
    schedule();
    if (started.size !== before || queue.size > 0 || queue.pending > 0) continue;
    const next = deferred.shift();
    if (next === undefined) break;
    // Alone now: a refusal this time is the budget's end.
    if (halt() === 'go') await runOne(next.subtask, next.messages);
    else if (halt() === 'collapsed') merged.push(next.subtask.id);
  }
  // Subtasks that never became ready (a dependency failed or was stopped) go to the continuation.
  await Promise.allSettled(running);
  for (const subtask of input.subtasks)
    if (!started.has(subtask.id) && stopped === undefined) merged.push(subtask.id);
  return { outcomes, merged, stopped, error: failure };
}
