import type { Lane } from '@bursar/core/pricing';
import { SimulatorApiError } from '../api/api-error';
import type { MessageRequest, RequestTool } from '../api/message-request';
import {
  createGenericAnswer,
  type GenericContentBlock,
  type ServerToolUsage,
} from '../answer/index';
import { createThinking, type ThinkingContentBlock } from '../answer/thinking-block';
import type { SimulatorEngine } from '../engine/simulator-engine';
import { applyContextEdits, type AppliedContextEdit } from '../prompt/apply-context-edits';
import { contentBlockTokens } from '../prompt/content-block-tokens';
import { linearizePrompt, type LinearPrompt } from '../prompt/linearize-prompt';
import type { TokenCounter } from '../tokens/token-counter';
import { thinkingTokensOfSignature } from '../tokens/thinking-signature';
import type { ResponderAnswer } from './responder';
import { validateMessageRequest } from './validate-message-request';
import type { CacheMissReason } from './diagnostics-store';

/**
 * A content block of a response: text and tool calls (what responders
 * answer), thinking, and server tool calls with their results.
 */
export type WireContentBlock = GenericContentBlock | ThinkingContentBlock;

/** The API's `usage` object as the simulator sends it. */
export interface WireUsage {
  /** Uncached prompt tokens, plus what server tools added (their calls and results, read back). */
  input_tokens: number;
  /** Every output token: thinking, text and tool calls. */
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  /** Server tool requests; null when the response ran none. */
  server_tool_use: ServerToolUsage | null;
  service_tier: 'standard' | 'batch';
  inference_geo: string;
  speed: 'standard' | 'fast';
  /** The thinking part of `output_tokens`; null without thinking. */
  output_tokens_details: { thinking_tokens: number } | null;
}

/** The API's `Message`. */
export interface WireMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: WireContentBlock[];
  stop_reason: ResponderAnswer['stopReason'];
  stop_sequence: string | null;
  stop_details: null;
  container: null;
  diagnostics: { cache_miss_reason: CacheMissReason | null } | null;
  /** With `context_management` in the request (beta): the edits applied. */
  context_management?: { applied_edits: AppliedContextEdit[] };
  usage: WireUsage;
}

/** A validated, priced response, ready to be sent whole or streamed. */
export interface PreparedMessage {
  readonly message: WireMessage;
  /** Output tokens of each content block, in order (streams bill what they sent). */
  readonly blockOutputTokens: readonly number[];
  /** Simulator times: start, first token, last token. */
  readonly timing: {
    readonly start: number;
    readonly firstTokenAt: number;
    readonly endAt: number;
  };
  readonly namespace: string;
  readonly modelId: string;
  /** Bills the response (all of it, or `outputTokens` of it for a cut stream). */
  bill(options?: { outputTokens?: number; note?: string }): void;
}

/**
 * Runs one message request through the simulated API: validation, the prompt
 * cache, the answer, usage and timing. Cache writes commit at once, readable
 * from the response's first token; billing is left to the caller, which knows
 * whether the response was delivered whole.
 *
 * @example
 * ```ts
 * const prepared = prepareMessage(engine, body, { apiKey, requestId, lane: 'interactive', arrival });
 * prepared.bill();
 * ```
 */
export function prepareMessage(
  engine: SimulatorEngine,
  body: unknown,
  context: {
    apiKey: string;
    requestId: string;
    lane: Lane;
    arrival: { time: number; sequence: number };
  },
): PreparedMessage {
  const { request, model } = validateMessageRequest(body, engine.priceTable, {
    countTokensOnly: false,
    lane: context.lane,
  });
  // The model reads the request after its context edits; so do the cache and the bill.
  const edited = applyContextEdits(request, engine.countTokens);
  const seen = edited.request;
  const prompt = linearizePrompt(seen, engine.countTokens);
  checkContextWindow(prompt, model.contextWindow);

  const namespace = engine.namespaceOf(context.apiKey);
  const start = context.arrival.time;
  const outcome = engine.cache.lookup({
    namespace,
    prompt,
    minCacheableTokens: model.minCacheableTokens,
    now: start,
    arrivalSequence: context.arrival.sequence,
  });

  const answer = answerRequest(engine, seen, model.id, model.line);
  const blockOutputTokens = answer.content.map((block) =>
    outputTokensOf(block, engine.countTokens),
  );
  const outputTokens = blockOutputTokens.reduce((sum, tokens) => sum + tokens, 0);
  const thinkingTokens = answer.content.reduce(
    (sum, block, index) => sum + (block.type === 'thinking' ? (blockOutputTokens[index] ?? 0) : 0),
    0,
  );
  // A server tool runs inside the response: the model reads its call and result
  // back before it goes on, so both are billed as (uncached) input too.
  const serverToolInput = serverToolInputTokens(answer.content, seen.tools, engine.countTokens);
  const input = outcome.input + serverToolInput;

  const firstTokenAt =
    start +
    engine.latency.timeToFirstToken({
      uncached: outcome.input + outcome.cacheWrite5m + outcome.cacheWrite1h,
      cached: outcome.cacheRead,
    });
  const endAt = firstTokenAt + engine.latency.outputDuration(outputTokens, model.id);
  outcome.commit(firstTokenAt);

  const speed = request.speed === 'fast' ? 'fast' : 'standard';
  const inferenceGeo = request.inference_geo === 'us' ? 'us' : 'global';
  const modelKey = `${model.id}:${speed}`;
  const id = engine.newId('msg');
  const previousId = request.diagnostics?.previous_message_id;
  const diagnostics =
    request.diagnostics == null
      ? null
      : {
          cache_miss_reason:
            previousId == null
              ? null
              : engine.diagnostics.explain(previousId, {
                  modelKey,
                  prompt,
                  cacheRead: outcome.cacheRead,
                }),
        };
  engine.diagnostics.remember(id, {
    modelKey,
    prompt,
    cachedPrefixTokens: outcome.cachedPrefixTokens,
  });

  const usage: WireUsage = {
    input_tokens: input,
    output_tokens: outputTokens,
    cache_creation_input_tokens: outcome.cacheWrite5m + outcome.cacheWrite1h,
    cache_read_input_tokens: outcome.cacheRead,
    cache_creation: {
      ephemeral_5m_input_tokens: outcome.cacheWrite5m,
      ephemeral_1h_input_tokens: outcome.cacheWrite1h,
    },
    server_tool_use: answer.serverToolUse ?? null,
    service_tier: context.lane === 'batch' ? 'batch' : 'standard',
    inference_geo: inferenceGeo,
    speed,
    output_tokens_details:
      seen.thinking === undefined || seen.thinking.type === 'disabled'
        ? null
        : { thinking_tokens: thinkingTokens },
  };
  const message: WireMessage = {
    id,
    type: 'message',
    role: 'assistant',
    model: request.model,
    content: answer.content,
    stop_reason: answer.stopReason,
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics,
    ...(request.context_management == null
      ? {}
      : { context_management: { applied_edits: [...edited.appliedEdits] } }),
    usage,
  };

  let billed = false;
  return {
    message,
    blockOutputTokens,
    timing: { start, firstTokenAt, endAt },
    namespace,
    modelId: model.id,
    bill(options = {}) {
      if (billed) return;
      billed = true;
      engine.ledger.bill({
        id,
        requestId: context.requestId,
        model: model.id,
        lane: context.lane,
        speed,
        inferenceGeo,
        usage: {
          input,
          cacheWrite5m: outcome.cacheWrite5m,
          cacheWrite1h: outcome.cacheWrite1h,
          cacheRead: outcome.cacheRead,
          output: options.outputTokens ?? outputTokens,
        },
        ...(answer.serverToolUse === undefined
          ? {}
          : {
              serverToolUse: {
                webSearchRequests: answer.serverToolUse.web_search_requests,
                webFetchRequests: answer.serverToolUse.web_fetch_requests,
              },
            }),
        at: start,
        ...(options.note === undefined ? {} : { note: options.note }),
      });
      engine.rateLimiter.record(namespace, options.outputTokens ?? outputTokens, start);
    },
  };
}

/**
 * The prompt's token count for POST /v1/messages/count_tokens: the same
 * linearization the bill uses, so the two always agree.
 */
export function countRequestTokens(engine: SimulatorEngine, body: unknown): number {
  const { request, model } = validateMessageRequest(body, engine.priceTable, {
    countTokensOnly: true,
    lane: 'interactive',
  });
  const prompt = linearizePrompt(
    applyContextEdits(request, engine.countTokens).request,
    engine.countTokens,
  );
  checkContextWindow(prompt, model.contextWindow);
  return prompt.totalTokens;
}

function checkContextWindow(prompt: LinearPrompt, contextWindow: number): void {
  if (prompt.totalTokens > contextWindow) {
    throw new SimulatorApiError(
      'invalid_request_error',
      `prompt is too long: ${prompt.totalTokens} tokens > ${contextWindow} maximum`,
    );
  }
}

/** An answer as the response carries it: thinking first, then the responder's content. */
interface PreparedAnswer {
  readonly content: WireContentBlock[];
  readonly stopReason: ResponderAnswer['stopReason'];
  readonly serverToolUse?: ServerToolUsage;
}

function answerRequest(
  engine: SimulatorEngine,
  request: MessageRequest,
  modelId: string,
  modelLine: string,
): PreparedAnswer {
  const maxTokens = request.max_tokens ?? 0;
  if (maxTokens === 0) return { content: [], stopReason: 'max_tokens' };
  // Thinking comes first and takes its share of max_tokens; the rest is the answer's.
  const thinking = createThinking(request, {
    seed: engine.seed,
    countTokens: engine.countTokens,
    maxTokens,
  });
  if (thinking?.exhausted === true) return { content: [thinking.block], stopReason: 'max_tokens' };
  const before: WireContentBlock[] = thinking === undefined ? [] : [thinking.block];
  const rest = maxTokens - (thinking?.tokens ?? 0);
  const answering = rest === maxTokens ? request : { ...request, max_tokens: rest };

  const context = { seed: engine.seed, countTokens: engine.countTokens, modelId, modelLine };
  const scripted = engine.responder?.(answering, context);
  if (scripted !== undefined)
    return { content: [...before, ...scripted.content], stopReason: scripted.stopReason };
  const generic = createGenericAnswer(
    {
      model: request.model,
      messages: request.messages,
      system: request.system,
      ...(request.tools === undefined ? {} : { tools: request.tools }),
      ...(request.tool_choice === undefined ? {} : { tool_choice: request.tool_choice }),
      ...(request.output_config === undefined ? {} : { output_config: request.output_config }),
      max_tokens: rest,
    },
    { seed: engine.seed, countTokens: engine.countTokens },
  );
  return {
    content: [...before, ...generic.content],
    stopReason: generic.stopReason,
    ...(generic.serverToolUse === undefined ? {} : { serverToolUse: generic.serverToolUse }),
  };
}

function serverToolInputTokens(
  content: readonly WireContentBlock[],
  tools: readonly RequestTool[] | undefined,
  countTokens: TokenCounter,
): number {
  const context = {
    countTokens,
    toolsByName: new Map((tools ?? []).map((tool) => [tool.name, tool])),
  };
  let tokens = 0;
  for (const block of content)
    if (block.type !== 'text' && block.type !== 'tool_use' && block.type !== 'thinking')
      tokens += contentBlockTokens(block, context);
  return tokens;
}

/**
 * Output tokens of a block: its text; a tool call's (or server tool call's)
 * name and JSON input; the thinking done (its signature records it, whatever
 * the display). A server tool's result is not output: the API wrote it.
 */
export function outputTokensOf(
  block: WireContentBlock,
  countTokens: (text: string) => number,
): number {
  switch (block.type) {
    case 'text':
      return countTokens(block.text);
    case 'thinking':
      return thinkingTokensOfSignature(block.signature) ?? countTokens(block.thinking);
    case 'tool_use':
    case 'server_tool_use':
      return countTokens(`${block.name}\n${JSON.stringify(block.input)}`);
    case 'web_search_tool_result':
    case 'web_fetch_tool_result':
      return 0;
  }
}
