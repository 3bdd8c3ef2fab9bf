import type { Budget } from '../budget/budget';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { MaxTurnsExceededError } from '../errors/max-turns-exceeded-error';
import { checkRunAgentOptions } from './run-agent-options-schema';
import type { Nanodollars } from '../money/nanodollars';
import type { ModelClient } from '../model/model-client';
import type {
  AgentIdentity,
  CachePlan,
  ContentPart,
  ModelMessage,
  ModelRequest,
} from '../model/model-request';
import { governedCall } from '../call/governed-call';
import type { CallRetry, HeldCall } from '../call/hold-call';
import type { BilledPrompt } from '../call/incremental-prompt-bound';
import { isAborted } from '../call/is-aborted';
import type { RetryPolicy } from '../call/retry-policy';
import { compact, firstText } from './compact-conversation';
import { partialAnswer } from './partial-answer';
import { recallTool } from './recall-tool';
import { runTool, type ToolResultPart } from './run-tool';
import { realSleep } from './wait';
import { addUsage, emptyUsage, type Usage } from '../usage/usage';
import type { AgentEvent, AgentStatus } from './agent-events';
import { toModelTool, type AnyAgentTool } from './agent-tool';
import { ArtifactStore } from '../context/artifact-store';
import { PrefixTracker } from '../context/prefix-tracker';
import { PruningPlanner, type PruneOptions } from '../context/pruning-planner';
import { prewarm } from '../context/prewarm-call';
import { promptTokens } from '../usage/usage';

/** Options of {@link runAgent}. */
export interface RunAgentOptions {
  readonly client: ModelClient;
  /** Every call reserves its worst case here first, and settles to what was billed. */
  readonly budget: Budget;
  readonly model: string;
  /** The task, or a conversation to continue. */
  readonly prompt: string | readonly ModelMessage[];
  /** Instructions; a function of the turn lets them change (a prefix bust, reported). */
  readonly system?: readonly string[] | ((turn: number) => readonly string[]);
  readonly reference?: readonly string[];
  readonly tools?: readonly AnyAgentTool[];
  /** @default 20 */
  readonly maxTurns?: number;
  /** `max_tokens` of each turn. @default 1024 */
  readonly maxTokens?: number;
  /**
   * The smallest output cap a turn may run with when the budget cannot hold
   * `maxTokens`: the turn then holds, and asks for, the largest cap that fits
   * (an `agent.output.cap` event says so). Below this the run stops with
   * `budget_exhausted`. If a capped turn is cut at its cap, the run stops
   * there too, keeping the cut text as its partial answer. Set it to
   * `maxTokens` to never shrink a turn's cap.
   * @default the smaller of 256 and `maxTokens`
   */
  readonly minOutputTokens?: number;
  /**
   * Cache breakpoints. The default caches the stable segments for an hour and
   * the conversation's end for five minutes, so each turn reads the last.
   * @default { system: '1h', conversation: '5m' }
   */
  readonly cache?: CachePlan;
  /** Retries of a failed call (one owner: the provider client makes one attempt). @default 2 */
  readonly maxRetries?: number;
  /** Waits between retries; inject a fake in tests. @default a real timer */
  readonly sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  readonly signal?: AbortSignal;
  /** Names the agent in events and reservations. @default 'agent' */
  readonly name?: string;
  /**
   * The agent's identity as data, carried on every request (out of band) and
   * every reservation and charge it makes. @default { id: name, role: 'agent' }
   */
  readonly identity?: AgentIdentity;
  /**
   * How long a tool that ignores the abort may run on after `signal` fires,
   * in ms on the `sleep` clock; its late result is discarded. @default 1000
   */
  readonly abortGraceMs?: number;
  /**
   * Write-ahead: called with each call's hold after it is taken and before the
   * call is sent (a checkpoint that records it). When it rejects, the call is
   * not sent and the run ends `failed` with its error.
   */
  readonly beforeCall?: (hold: AgentHold) => Promise<void>;
  /** Called after each settled turn, tools run, before the next (a checkpoint). */
  readonly afterTurn?: (progress: AgentProgress) => Promise<void>;
  readonly onEvent?: (event: AgentEvent) => void;
  /** Context discipline: pruning used results, compaction, prefix tracking. */
  readonly context?: ContextOptions;
}

/** A call's hold as `beforeCall` sees it. */
export interface AgentHold extends HeldCall {
  /** The reservation's label (`single turn 3`). */
  readonly label: string;
}

/** Where a run stands after a settled turn. */
export interface AgentProgress {
  readonly messages: readonly ModelMessage[];
  readonly turns: number;
  readonly usage: Usage;
  readonly cost: Nanodollars;
}

/** How the agent keeps its context small. */
export interface ContextOptions {
  /**
   * Prune tool results the model has answered after into notes with artifact
   * ids (a `recall` tool fetches them back), when it pays (see PruningPlanner).
   */
  readonly prune?: boolean | PruneOptions;
  /** Past `thresholdTokens` of prompt, a cheap model condenses the conversation into a summary. */
  readonly compaction?: {
    readonly thresholdTokens: number;
    /** @default 'claude-haiku-4-5' */
    readonly model?: string;
    /** @default 2048 */
    readonly maxTokens?: number;
  };
  /** Shares prefix tracking across runs (a changed segment is a `agent.prefix.bust`). */
  readonly prefixTracker?: PrefixTracker;
}

/** What a run produced, however it ended: nothing spent is ever lost. */
export interface AgentResult {
  readonly status: AgentStatus;
  /**
   * The answer: the last turn's text when the run completed; when it stopped
   * early (budget, turns, failure, abort), every text the model wrote, in
   * order, as the partial answer.
   */
  readonly text: string;
  readonly messages: readonly ModelMessage[];
  readonly turns: number;
  readonly usage: Usage;
  readonly cost: Nanodollars;
  /** Why it failed, for `failed`. */
  readonly error: unknown;
}

/**
 * The agent loop: call the model, run the tools it asks for, repeat until it
 * answers without a tool call, runs out of turns, or the budget refuses the
 * next call's worst case (then it returns what it has, status
 * `budget_exhausted`). Every call goes through the budget: reserve the worst
 * case (the client's strict prompt bound, or its exact count when the bound
 * does not fit), call, settle to the billed usage. Retryable failures are
 * retried here, holding one reservation, never a spend limit.
 *
 * @example
 * ```ts
 * const result = await runAgent({ client, budget, model: 'claude-sonnet-4-6', prompt: 'Find the river of Kell.', tools: [search] });
 * result.status; // 'completed'
 * ```
 */
export async function runAgent(options: RunAgentOptions): Promise<AgentResult> {
  // Every option checked before anything is spent (zod: unknown keys, paths and values named).
  checkRunAgentOptions(options);
  return runCheckedAgent(options);
}

/**
 * {@link runAgent} without its option check, for callers whose options were
 * checked at their own door (runTask builds each agent's options from options
 * it checked once): a fan-out of a thousand subagents does not parse a
 * thousand times.
 * @internal
 */
export async function runCheckedAgent(options: RunAgentOptions): Promise<AgentResult> {
  const maxTurns = options.maxTurns ?? 20;
  if (!Number.isInteger(maxTurns) || maxTurns < 1) {
    throw new InvalidArgumentError({
      argument: 'maxTurns',
      value: options.maxTurns,
      message: 'expected a whole number of at least 1',
    });
  }
  const maxTokens = options.maxTokens ?? 1024;
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw new InvalidArgumentError({
      argument: 'maxTokens',
      value: options.maxTokens,
      message: 'expected a whole number of at least 1',
    });
  }
  const minOutputTokens = options.minOutputTokens ?? Math.min(256, maxTokens);
  if (!Number.isInteger(minOutputTokens) || minOutputTokens < 1 || minOutputTokens > maxTokens) {
    throw new InvalidArgumentError({
      argument: 'minOutputTokens',
      value: options.minOutputTokens,
      message: `expected a whole number from 1 to maxTokens (${String(maxTokens)})`,
    });
  }
  const maxRetries = options.maxRetries ?? 2;
  const name = options.name ?? 'agent';
  const identity: AgentIdentity = options.identity ?? { id: name, role: 'agent' };
  const store = new ArtifactStore();
  const pruning = options.context?.prune ?? false;
  const tools: AnyAgentTool[] = [
    ...(options.tools ?? []),
    ...(pruning === false ? [] : [recallTool(store)]),
  ];
  const modelTools = tools.map(toModelTool);
  const tracker = options.context?.prefixTracker ?? new PrefixTracker();
  const pricing = options.budget.priceTable.resolve(options.model);
  const planner =
    pruning === false
      ? undefined
      : new PruningPlanner({
          store,
          rates: pricing.rates.standard,
          minCacheableTokens: pricing.minCacheableTokens,
          ...(pruning === true ? {} : { options: pruning }),
        });
  const compaction = options.context?.compaction;
  let lastPromptTokens = 0;
  const cache = options.cache ?? { system: '1h', conversation: '5m' };
  const sleep = options.sleep ?? realSleep;
  const retry: RetryPolicy = { maxRetries, sleep };
  const grace = { ms: options.abortGraceMs ?? 1000, sleep: (ms: number) => sleep(ms) };
  const emit = (event: AgentEvent): void => {
    try {
      options.onEvent?.(event);
    } catch (error) {
      console.error('[bursar] agent event listener threw:', error);
    }
  };

  let messages: ModelMessage[] =
    typeof options.prompt === 'string'
      ? [{ role: 'user', content: [{ type: 'text', text: options.prompt }] }]
      : [...options.prompt];
  let usage = emptyUsage;
  let spent = 0;
  let text = '';
  let turns = 0;
  // The last turn's request and billed prompt: the next turn's hold starts from it.
  let lastBilled: BilledPrompt | undefined;

  const requestFor = (
    conversation: readonly ModelMessage[],
    system: readonly string[],
  ): ModelRequest => ({
    model: options.model,
    tools: modelTools,
    system,
    reference: options.reference ?? [],
    // A snapshot: the provider (and a test's record) must not see later turns.
    messages: [...conversation],
    maxTokens,
    cache,
    agent: identity,
  });

  const finish = (status: AgentStatus, error?: unknown, cutText = ''): AgentResult => {
    emit({ type: 'agent.finish', agent: name, status, turns, cost: spent });
    const answer = status === 'completed' ? text : partialAnswer(messages, cutText);
    return { status, text: answer, messages, turns, usage, cost: spent, error };
  };
  const book = (billed: { usage: Usage; cost: Nanodollars }): void => {
    spent += billed.cost;
    usage = addUsage(usage, billed.usage);
  };
  /** The governed call's options every call of this agent shares. */
  const callContext = (label: string, turn: number) => ({
    budget: options.budget,
    client: options.client,
    label,
    agent: identity,
    retry,
    signal: options.signal,
    onRetry: (event: CallRetry) => {
      emit({
        type: 'agent.retry',
        agent: name,
        turn,
        attempt: event.attempt,
        delayMs: event.delayMs,
        error: String(event.error),
      });
    },
    beforeSend: async (held: HeldCall) => {
      await options.beforeCall?.({ ...held, label });
    },
  });

  try {
    for (let turn = 0; turn < maxTurns; turn += 1) {
      if (isAborted(options.signal)) return finish('aborted', options.signal?.reason);

      const system =
        typeof options.system === 'function' ? options.system(turn) : (options.system ?? []);
      const compacting = compaction !== undefined && lastPromptTokens > compaction.thresholdTokens;
      if (planner !== undefined && turn > 0) {
        const decision = planner.plan(
          requestFor(messages, system),
          // Without a plan, expect as many turns again as so far (never past maxTurns).
          Math.min(maxTurns - turn, turn),
        );
        if (decision.pruned.length > 0) {
          messages = [...decision.messages];
          emit({
            type: 'agent.context.prune',
            agent: name,
            turn,
            artifacts: decision.pruned.map((entry) => entry.artifactId),
            tokens: decision.pruned.reduce((sum, entry) => sum + entry.tokens, 0),
            savingsFemtodollars: decision.savings.toString(),
            rewriteCostFemtodollars: decision.rewriteCost.toString(),
          });
        }
        if (decision.prewarm !== undefined && !compacting) {
          const warmed = await prewarm(
            { ...callContext(`${name} pre-warm at turn ${String(turn + 1)}`, turn) },
            { ...decision.prewarm, agent: identity },
          );
          book(warmed);
          if (warmed.status === 'aborted') return finish('aborted', options.signal?.reason);
          if (warmed.status !== 'completed') planner.stopPrewarming();
          else planner.record(decision.prewarm, promptTokens(warmed.response.usage));
        }
      }

      if (compaction !== undefined && compacting) {
        const compacted = await compact(
          callContext(`${name} compaction at turn ${String(turn + 1)}`, turn),
          messages,
          compaction,
          identity,
        );
        // What a failed or cut summarizing call billed is booked, however it ended.
        book(compacted);
        if (compacted.status === 'refused') return finish('budget_exhausted', compacted.error);
        if (compacted.status === 'aborted') return finish('aborted', compacted.error);
        if (compacted.status === 'failed') return finish('failed', compacted.error);
        emit({
          type: 'agent.context.compact',
          agent: name,
          turn,
          promptTokensBefore: lastPromptTokens,
          cost: compacted.cost,
        });
        messages = [
          {
            role: 'user',
            content: [
              {
                type: 'text',
                text: `${firstText(messages)}\n\nSummary of the work so far:\n${compacted.summary}`,
              },
            ],
          },
        ];
        lastPromptTokens = 0;
      }

      const request = requestFor(messages, system);
      const bust = tracker.observe(request);
      if (bust !== undefined) {
        emit({
          type: 'agent.prefix.bust',
          agent: name,
          turn,
          segment: bust.segment,
          tokensBound: bust.tokensBound,
        });
      }
      const label = `${name} turn ${String(turn + 1)}`;
      const context = callContext(label, turn);
      const outcome = await governedCall({
        ...context,
        request,
        minOutputTokens,
        ...(lastBilled === undefined ? {} : { lastBilled }),
        beforeSend: async (held) => {
          if (held.maxTokens < request.maxTokens) {
            emit({
              type: 'agent.output.cap',
              agent: name,
              turn,
              maxTokens: held.maxTokens,
              requested: request.maxTokens,
            });
          }
          emit({
            type: 'agent.turn.start',
            agent: name,
            turn,
            inputTokensBound: held.inputTokensBound,
            maxTokens: held.maxTokens,
          });
          await context.beforeSend(held);
        },
      });
      book(outcome);
      if (outcome.status === 'refused') return finish('budget_exhausted', outcome.error);
      if (outcome.status === 'aborted') return finish('aborted', outcome.error);
      if (outcome.status === 'failed') return finish('failed', outcome.error);
      const { response } = outcome;
      lastPromptTokens = promptTokens(response.usage);
      lastBilled = { request, tokens: lastPromptTokens };
      planner?.record(request, lastPromptTokens);
      turns += 1;
      emit({
        type: 'agent.turn.end',
        agent: name,
        turn,
        usage: outcome.usage,
        cost: outcome.cost,
        cacheMissReason: response.cacheMissReason,
      });
      text = response.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
      // Cut at a cap the budget imposed: keep the text as the partial answer, but
      // not the turn, whose tool calls may be cut too: a continuation starts clean.
      if (outcome.maxTokens < request.maxTokens && response.finishReason.unified === 'length')
        return finish('budget_exhausted', undefined, text);
      messages.push({ role: 'assistant', content: response.content });

      const calls = response.content.filter(
        (part): part is Extract<ContentPart, { type: 'tool-call' }> => part.type === 'tool-call',
      );
      if (calls.length === 0) {
        await options.afterTurn?.({ messages, turns, usage, cost: spent });
        return finish('completed');
      }
      const results: ToolResultPart[] = [];
      for (const call of calls) {
        const result = await runTool(tools, call, options.signal, grace);
        emit({
          type: 'agent.tool.call',
          agent: name,
          turn,
          tool: call.name,
          ok: result.isError !== true,
        });
        results.push(result);
      }
      messages.push({ role: 'user', content: results });
      await options.afterTurn?.({ messages, turns, usage, cost: spent });
    }
    return finish('max_turns', new MaxTurnsExceededError({ agent: name, maxTurns }));
  } catch (error) {
    // A tool abandoned after the abort, a hook or a listener that threw: the run
    // still ends with a status and keeps what it paid for.
    return finish(isAborted(options.signal) ? 'aborted' : 'failed', error);
  }
}
