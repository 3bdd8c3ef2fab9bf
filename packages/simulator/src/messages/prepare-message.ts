import type { Lane } from '@bursar/core/pricing';
import { SimulatorApiError } from '../api/api-error';
import type { MessageRequest } from '../api/message-request';
import { createGenericAnswer } from '../answer/index';
import type { SimulatorEngine } from '../engine/simulator-engine';
import { linearizePrompt, type LinearPrompt } from '../prompt/linearize-prompt';
import type { ResponderAnswer, ResponseContentBlock } from './responder';
import { validateMessageRequest } from './validate-message-request';
import type { CacheMissReason } from './diagnostics-store';

/** The API's `usage` object as the simulator sends it. */
export interface WireUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  server_tool_use: null;
  service_tier: 'standard' | 'batch';
  inference_geo: string;
  speed: 'standard' | 'fast';
  output_tokens_details: null;
}

/** The API's `Message`. */
export interface WireMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ResponseContentBlock[];
  stop_reason: ResponderAnswer['stopReason'];
  stop_sequence: string | null;
  stop_details: null;
  container: null;
  diagnostics: { cache_miss_reason: CacheMissReason | null } | null;
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
  const prompt = linearizePrompt(request, engine.countTokens);
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

  const answer = answerRequest(engine, request, model.id, model.line);
  const blockOutputTokens = answer.content.map((block) =>
    outputTokensOf(block, engine.countTokens),
  );
  const outputTokens = blockOutputTokens.reduce((sum, tokens) => sum + tokens, 0);

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
    input_tokens: outcome.input,
    output_tokens: outputTokens,
    cache_creation_input_tokens: outcome.cacheWrite5m + outcome.cacheWrite1h,
    cache_read_input_tokens: outcome.cacheRead,
    cache_creation: {
      ephemeral_5m_input_tokens: outcome.cacheWrite5m,
      ephemeral_1h_input_tokens: outcome.cacheWrite1h,
    },
    server_tool_use: null,
    service_tier: context.lane === 'batch' ? 'batch' : 'standard',
    inference_geo: inferenceGeo,
    speed,
    output_tokens_details: null,
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
          input: outcome.input,
          cacheWrite5m: outcome.cacheWrite5m,
          cacheWrite1h: outcome.cacheWrite1h,
          cacheRead: outcome.cacheRead,
          output: options.outputTokens ?? outputTokens,
        },
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
  const prompt = linearizePrompt(request, engine.countTokens);
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

function answerRequest(
  engine: SimulatorEngine,
  request: MessageRequest,
  modelId: string,
  modelLine: string,
): ResponderAnswer {
  const maxTokens = request.max_tokens ?? 0;
  if (maxTokens === 0) return { content: [], stopReason: 'max_tokens' };
  const context = { seed: engine.seed, countTokens: engine.countTokens, modelId, modelLine };
  const scripted = engine.responder?.(request, context);
  if (scripted !== undefined) return scripted;
  const generic = createGenericAnswer(
    {
      model: request.model,
      messages: request.messages,
      system: request.system,
      ...(request.tools === undefined ? {} : { tools: request.tools }),
      ...(request.tool_choice === undefined ? {} : { tool_choice: request.tool_choice }),
      ...(request.output_config === undefined ? {} : { output_config: request.output_config }),
      max_tokens: maxTokens,
    },
    { seed: engine.seed, countTokens: engine.countTokens },
  );
  return { content: generic.content, stopReason: generic.stopReason };
}

/** Output tokens of a block: its text, or a tool call's name and JSON input. */
export function outputTokensOf(
  block: ResponseContentBlock,
  countTokens: (text: string) => number,
): number {
  return block.type === 'text'
    ? countTokens(block.text)
    : countTokens(`${block.name}\n${JSON.stringify(block.input)}`);
}
