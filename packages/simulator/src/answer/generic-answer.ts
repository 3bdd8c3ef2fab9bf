import { generateProse } from './generate-prose';
import { isJsonSchemaObject } from './json-schema-object';
import { sampleJsonSchema } from './sample-json-schema';
import { createSeededRandom, hashString, type SeededRandom } from './seeded-random';
import {
  runServerTool,
  serverToolKind,
  type ServerToolResultContentBlock,
  type ServerToolUseContentBlock,
} from './server-tool-call';
import { toolsInReach } from './tools-in-reach';
import { stableStringify } from './stable-stringify';
import { truncateToTokens } from './truncate-to-tokens';

/**
 * A tool definition as {@link createGenericAnswer} reads it.
 *
 * @example
 * ```ts
 * const tool: GenericAnswerTool = {
 *   name: 'get_weather',
 *   input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 * };
 * ```
 */
export interface GenericAnswerTool {
  /** The name a `tool_use` block calls. */
  readonly name: string;
  /** The JSON Schema a call's `input` must satisfy; server tools have none. */
  readonly input_schema?: unknown;
  /** Set for server tools (e.g. `web_search_20250305`), absent for custom tools. */
  readonly type?: string | undefined;
  /** Tool search: a deferred tool is callable only once a `tool_reference` has loaded it. */
  readonly defer_loading?: boolean | undefined;
  /** Web fetch: the most tokens of a fetched page. */
  readonly max_content_tokens?: number | null | undefined;
}

/**
 * The parts of a Messages API request that shape the generic answer. Every
 * field except `max_tokens` also seeds the answer, so a different request
 * gets a different (but repeatable) reply.
 *
 * @example
 * ```ts
 * const request: GenericAnswerRequest = {
 *   model: 'claude-sonnet-4-5',
 *   messages: [{ role: 'user', content: 'Weather in Oslo?' }],
 *   tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
 *   tool_choice: { type: 'any' },
 *   max_tokens: 1024,
 * };
 * ```
 */
export interface GenericAnswerRequest {
  /** The model id. */
  readonly model: string;
  /** The Messages API `messages`. */
  readonly messages: readonly unknown[];
  /** The Messages API `system`, a string or text blocks. */
  readonly system?: unknown;
  /** Tools the model may call. */
  readonly tools?: readonly GenericAnswerTool[] | undefined;
  /** Whether and which tool the model must call. */
  readonly tool_choice?:
    | { readonly type: 'auto' | 'any' | 'tool' | 'none'; readonly name?: string | undefined }
    | undefined;
  /** Structured output: when `format` is a JSON schema, the text is JSON matching it. */
  readonly output_config?:
    | {
        readonly format?:
          { readonly type: 'json_schema'; readonly schema: unknown } | null | undefined;
      }
    | undefined;
  /** The most output tokens allowed; the answer is cut to fit. */
  readonly max_tokens: number;
}

/**
 * A content block of a generic answer, in the Messages API's shape.
 *
 * @example
 * ```ts
 * const block: GenericContentBlock = { type: 'text', text: 'Quiet river.' };
 * ```
 */
export type GenericContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | ServerToolUseContentBlock
  | ServerToolResultContentBlock;

/**
 * Server tool requests of an answer, in the API's `usage.server_tool_use` shape.
 *
 * @example
 * ```ts
 * const use: ServerToolUsage = { web_search_requests: 1, web_fetch_requests: 0 };
 * ```
 */
export interface ServerToolUsage {
  web_search_requests: number;
  web_fetch_requests: number;
}

/**
 * A generic answer: the assistant's content and why it stopped.
 *
 * @example
 * ```ts
 * const answer: GenericAnswer = {
 *   content: [{ type: 'tool_use', id: 'toolu_01…', name: 'get_weather', input: { city: 'Oslo' } }],
 *   stopReason: 'tool_use',
 * };
 * ```
 */
export interface GenericAnswer {
  /** The content blocks; empty when `max_tokens` left room for nothing. */
  content: GenericContentBlock[];
  /** `tool_use` for a tool call, `max_tokens` when cut, otherwise `end_turn`. */
  stopReason: 'end_turn' | 'tool_use' | 'max_tokens';
  /** The server tools the answer ran; absent when it ran none. */
  serverToolUse?: ServerToolUsage;
}

/**
 * How many tool-calling rounds the generic answer makes on its own
 * (`tool_choice` `auto` or absent) after the last user message that is not a
 * tool result, before it answers in text: enough for a client's agent loop to
 * run several turns, few enough to end.
 */
export const autoToolRounds = 1;

// Tools the generic answer never calls on its own (a forced tool_choice still
// calls them): names that say the tool runs commands, changes files, reaches
// the network or starts agents. Its inputs are sampled words, not intentions.
const sideEffectName =
  /bash|shell|exec|command|terminal|script|write|edit|delete|remove|kill|move|rename|computer|fetch|http|request|download|upload|browser|agent|spawn|task|notebook|workflow|schedule|skill|send|post|deploy|install/i;

/**
 * Options of {@link createGenericAnswer}.
 *
 * @example
 * ```ts
 * const options: GenericAnswerOptions = {
 *   seed: 'bursar',
 *   countTokens: (text) => text.split(/\s+/).length,
 * };
 * ```
 */
export interface GenericAnswerOptions {
  /** Mixed into every answer, so two simulators with different seeds answer differently. */
  readonly seed: string | number;
  /** Counts the tokens of output text, to honour `max_tokens`. */
  readonly countTokens: (text: string) => number;
}

/**
 * Produces a deterministic fake model reply for any request: the same seed
 * and request always give the same answer.
 *
 * - `tool_choice: { type: 'tool', name }` calls that tool with input sampled
 *   from its `input_schema` (an unknown name falls back to text).
 * - `tool_choice: { type: 'any' }` calls a tool picked from the tools in
 *   reach (not deferred, or loaded by a `tool_reference`).
 * - `tool_choice` `auto` (or none given) calls a tool picked from those in
 *   reach for {@link autoToolRounds} rounds after the last user message that
 *   is not a tool result, then answers in text. On its own it calls only
 *   custom tools whose names do not suggest side effects (commands, files,
 *   network, agents) and the web search and fetch server tools.
 *   `tool_choice: { type: 'none' }` never calls a tool.
 * - A server tool (web search, web fetch) runs in the same response: the
 *   call, its result, then the text answer, or (`auto`, when a custom tool
 *   is in reach) a call of that tool; `serverToolUse` counts it.
 * - Otherwise, with `output_config.format` of type `json_schema`, the text
 *   is JSON valid against the schema; without it, English-like prose of 20
 *   to 120 words from a fixed vocabulary that never echoes the request.
 * - When the output's token count exceeds `max_tokens`, the text is cut to
 *   fit and `stopReason` is `max_tokens`. A tool call is counted as its name,
 *   a newline and its JSON input; when that does not fit, the answer is a
 *   text block with the input JSON cut to fit, which is then usually
 *   invalid, as the real API's cut output is. `max_tokens: 0` gives no
 *   content.
 *
 * `max_tokens` is left out of the seed, so a cut answer is a prefix of the
 * answer the same request gets with room to finish, as with a real model.
 *
 * @example
 * ```ts
 * const answer = createGenericAnswer(
 *   { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 256 },
 *   { seed: 'test', countTokens: (text) => text.split(/\s+/).length },
 * );
 * answer.stopReason; // 'end_turn'
 * answer.content[0]; // { type: 'text', text: 'Quiet river of the garden ...' }
 * ```
 */
export function createGenericAnswer(
  request: GenericAnswerRequest,
  options: GenericAnswerOptions,
): GenericAnswer {
  if (request.max_tokens <= 0) return { content: [], stopReason: 'max_tokens' };
  // stableStringify drops undefined members, so this leaves max_tokens out of
  // the seed; cache_control is dropped too, since a model never sees it.
  const seeded = withoutCacheControl({ ...request, max_tokens: undefined });
  const random = createSeededRandom(
    hashString(`${String(options.seed)}\u0000${stableStringify(seeded)}`),
  );

  const tool = chooseTool(request, random);
  const kind = tool === undefined ? undefined : serverToolKind(tool);
  if (tool !== undefined && kind === undefined) {
    const input = sampleToolInput(tool.input_schema, random);
    const id = `toolu_01${random.identifier(22)}`;
    const json = JSON.stringify(input);
    // A call costs its name and its JSON input, the way the simulator bills it.
    if (options.countTokens(`${tool.name}\n${json}`) <= request.max_tokens) {
      return {
        content: [{ type: 'tool_use', id, name: tool.name, input }],
        stopReason: 'tool_use',
      };
    }
    // The input JSON cannot be finished: the reply is its cut text (see above).
    return textAnswer(truncateToTokens(json, request.max_tokens, options.countTokens).text, true);
  }

  const content: GenericContentBlock[] = [];
  let maxTokens = request.max_tokens;
  let serverToolUse: ServerToolUsage | undefined;
  if (tool !== undefined && kind !== undefined) {
    const [call, result] = runServerTool(kind, random, {
      maxContentTokens: tool.max_content_tokens ?? undefined,
      countTokens: options.countTokens,
    });
    const callTokens = options.countTokens(`${call.name}\n${JSON.stringify(call.input)}`);
    if (callTokens > maxTokens) {
      const json = JSON.stringify(call.input);
      return textAnswer(truncateToTokens(json, maxTokens, options.countTokens).text, true);
    }
    content.push(call, result);
    maxTokens -= callTokens;
    serverToolUse = {
      web_search_requests: kind === 'web_search' ? 1 : 0,
      web_fetch_requests: kind === 'web_fetch' ? 1 : 0,
    };
    // Left to choose (auto), the model goes on from what it found to a client tool
    // in the same turn, when it has one to call.
    const clientTools = isAutoChoice(request)
      ? autoCandidates(request).filter((candidate) => serverToolKind(candidate) === undefined)
      : [];
    if (clientTools.length > 0) {
      const next = random.pick(clientTools);
      const input = sampleToolInput(next.input_schema, random);
      if (options.countTokens(`${next.name}\n${JSON.stringify(input)}`) <= maxTokens) {
        const id = `toolu_01${random.identifier(22)}`;
        return {
          content: [...content, { type: 'tool_use', id, name: next.name, input }],
          stopReason: 'tool_use',
          serverToolUse,
        };
      }
    }
  }

  const format = request.output_config?.format;
  const text =
    format?.type === 'json_schema'
      ? JSON.stringify(sampleJsonSchema(format.schema, random))
      : generateProse(random, random.integer(20, 120));
  const cut = truncateToTokens(text, maxTokens, options.countTokens);
  const answer = textAnswer(cut.text, cut.truncated);
  return {
    content: [...content, ...answer.content],
    stopReason: answer.stopReason,
    ...(serverToolUse === undefined ? {} : { serverToolUse }),
  };
}

function chooseTool(
  request: GenericAnswerRequest,
  random: SeededRandom,
): GenericAnswerTool | undefined {
  const tools = request.tools ?? [];
  const choice = request.tool_choice;
  if (choice?.type === 'none' || tools.length === 0) return undefined;
  if (choice?.type === 'tool') return tools.find((tool) => tool.name === choice.name);
  if (choice?.type === 'any') {
    const inReach = toolsInReach(tools, request.messages);
    return inReach.length > 0 ? random.pick(inReach) : undefined;
  }
  const candidates = autoCandidates(request);
  return candidates.length > 0 ? random.pick(candidates) : undefined;
}

function isAutoChoice(request: GenericAnswerRequest): boolean {
  return request.tool_choice === undefined || request.tool_choice.type === 'auto';
}

/**
 * The tools the model calls on its own (`auto`): none once the loop has had
 * its {@link autoToolRounds}; else those in reach that are search or fetch
 * server tools, or custom tools whose names suggest no side effects.
 */
function autoCandidates(request: GenericAnswerRequest): GenericAnswerTool[] {
  if (toolRoundsSinceUserTurn(request.messages) >= autoToolRounds) return [];
  return toolsInReach(request.tools ?? [], request.messages).filter(
    (tool) =>
      serverToolKind(tool) !== undefined ||
      ((tool.type === undefined || tool.type === 'custom') && !sideEffectName.test(tool.name)),
  );
}

/**
 * Assistant turns that called a tool since the last user message that is not
 * only tool results: how deep the client's agent loop already is.
 */
function toolRoundsSinceUserTurn(messages: readonly unknown[]): number {
  let rounds = 0;
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index] as { role?: unknown; content?: unknown };
    const blocks = Array.isArray(message.content)
      ? (message.content as readonly { type?: unknown }[])
      : [];
    if (message.role === 'user' && !blocks.some((block) => block.type === 'tool_result')) break;
    if (
      message.role === 'assistant' &&
      blocks.some((block) => block.type === 'tool_use' || block.type === 'server_tool_use')
    )
      rounds += 1;
  }
  return rounds;
}

function sampleToolInput(schema: unknown, random: SeededRandom): unknown {
  // A tool input is always a JSON object; a server tool without a schema gets `{}`.
  const input = schema === undefined ? {} : sampleJsonSchema(schema, random);
  return isJsonSchemaObject(input) ? input : {};
}

function textAnswer(text: string, truncated: boolean): GenericAnswer {
  // The API rejects empty text blocks when they are sent back, so a cut that
  // leaves nothing yields no block at all.
  return {
    content: text.length === 0 ? [] : [{ type: 'text', text }],
    stopReason: truncated ? 'max_tokens' : 'end_turn',
  };
}

/** A copy of `value` with every `cache_control` member removed, at any depth. */
function withoutCacheControl(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCacheControl);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (key !== 'cache_control') copy[key] = withoutCacheControl(member);
  }
  return copy;
}
