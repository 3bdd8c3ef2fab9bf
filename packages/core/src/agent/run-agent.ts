import type { Budget } from '../budget/budget';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { RetryError } from '../errors/retry-error';
import type { Nanodollars } from '../money/nanodollars';
import type { ModelClient } from '../model/model-client';
import type { CachePlan, ContentPart, ModelMessage, ModelRequest } from '../model/model-request';
import type { ModelResponse } from '../model/model-response';
import { attempt } from './call-with-retries';
import { compact, firstText } from './compact-conversation';
import { partialAnswer } from './partial-answer';
import { recallTool } from './recall-tool';
import { reserve } from './reserve-call';
import { runTool, type ToolResultPart } from './run-tool';
import { isAborted, realSleep } from './wait';
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
  readonly onEvent?: (event: AgentEvent) => void;
  /** Context discipline: pruning used results, compaction, prefix tracking. */
  readonly context?: ContextOptions;
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
  const cacheWrites = Object.values(cache).includes('1h')
    ? '1h'
    : Object.keys(cache).length > 0
      ? '5m'
      : 'none';
  const sleep = options.sleep ?? realSleep;
  const emit = (event: AgentEvent): void => options.onEvent?.(event);

  let messages: ModelMessage[] =
    typeof options.prompt === 'string'
      ? [{ role: 'user', content: [{ type: 'text', text: options.prompt }] }]
      : [...options.prompt];
  let usage = emptyUsage;
  let spent = 0;
  let text = '';
  let turns = 0;

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
  });

  const finish = (status: AgentStatus, error?: unknown, cutText = ''): AgentResult => {
    emit({ type: 'agent.finish', agent: name, status, turns, cost: spent });
    const answer = status === 'completed' ? text : partialAnswer(messages, cutText);
    return { status, text: answer, messages, turns, usage, cost: spent, error };
  };

  for (let turn = 0; turn < maxTurns; turn += 1) {
    if (options.signal !== undefined && isAborted(options.signal))
      return finish('aborted', options.signal.reason);

    const system =
      typeof options.system === 'function' ? options.system(turn) : (options.system ?? []);
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
      const compacting = compaction !== undefined && lastPromptTokens > compaction.thresholdTokens;
      if (decision.prewarm !== undefined && !compacting) {
        const warmed = await prewarm(options, decision.prewarm, name, turn);
        if (warmed === 'aborted') return finish('aborted', options.signal?.reason);
        if (warmed === 'failed') planner.stopPrewarming();
        else {
          spent += warmed.cost;
          usage = addUsage(usage, warmed.usage);
          planner.record(decision.prewarm, promptTokens(warmed.usage));
        }
      }
    }

    if (compaction !== undefined && lastPromptTokens > compaction.thresholdTokens) {
      const compacted = await compact(options, messages, compaction, name, turn);
      if (compacted === undefined) return finish('budget_exhausted');
      spent += compacted.cost;
      usage = addUsage(usage, compacted.usage);
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
    const held = await reserve(options, request, {
      cacheWrites,
      label: `${name} turn ${String(turn + 1)}`,
      minOutputTokens,
    });
    if (held === undefined) return finish('budget_exhausted');
    const { reservation } = held;
    const capped = held.maxTokens < request.maxTokens;
    if (capped) {
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
      inputTokensBound: reservation.call?.inputTokensBound ?? 0,
      maxTokens: held.maxTokens,
    });

    let response: ModelResponse;
    try {
      response = await attempt(
        options,
        capped ? { ...request, maxTokens: held.maxTokens } : request,
        reservation,
        {
          maxRetries,
          sleep,
          emit,
          name,
          turn,
        },
      );
    } catch (error) {
      reservation.release();
      if (isAborted(options.signal)) return finish('aborted', error);
      if (RetryError.isInstance(error) && error.reason === 'budget')
        return finish('budget_exhausted', error);
      return finish('failed', error);
    }
    const cost = reservation.spent.usd;
    reservation.settle(response.usage);
    const charged = reservation.spent.usd - cost;
    spent += charged;
    usage = addUsage(usage, response.usage);
    lastPromptTokens = promptTokens(response.usage);
    planner?.record(request, lastPromptTokens);
    turns += 1;
    emit({
      type: 'agent.turn.end',
      agent: name,
      turn,
      usage: response.usage,
      cost: charged,
      cacheMissReason: response.cacheMissReason,
    });
    text = response.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    // Cut at a cap the budget imposed: keep the text as the partial answer, but
    // not the turn, whose tool calls may be cut too: a continuation starts clean.
    if (capped && response.finishReason.unified === 'length')
      return finish('budget_exhausted', undefined, text);
    messages.push({ role: 'assistant', content: response.content });

    const calls = response.content.filter(
      (part): part is Extract<ContentPart, { type: 'tool-call' }> => part.type === 'tool-call',
    );
    if (calls.length === 0) return finish('completed');
    const results: ToolResultPart[] = [];
    for (const call of calls) {
      const result = await runTool(tools, call, options.signal);
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
  }
  return finish('max_turns');
}
