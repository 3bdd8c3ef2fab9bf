import type Anthropic from '@anthropic-ai/sdk';
import {
  InvalidArgumentError,
  type CachePlan,
  type CacheTtl,
  type ContentPart,
  type ModelMessage,
  type ModelRequest,
  type ProviderBlockPart,
} from '@bursar/core/spec';

/** The prompt-shaping fields `messages.create` and `messages.countTokens` share. @internal */
export interface AnthropicPromptParams {
  readonly model: string;
  readonly messages: Anthropic.MessageParam[];
  readonly system?: Anthropic.TextBlockParam[];
  readonly tools?: Anthropic.Tool[];
  readonly tool_choice?: Anthropic.ToolChoice;
  readonly output_config?: Anthropic.OutputConfig;
}

type CacheSegment = keyof CachePlan;

// Prefix order: the API processes breakpoints tools -> system -> messages, and
// reference blocks sit in system after the instructions.
const segmentOrder: readonly CacheSegment[] = ['tools', 'system', 'reference', 'conversation'];

/**
 * The prompt of a `ModelRequest` as the Messages API takes it: tools, system
 * blocks (instructions, then reference) and messages, with a `cache_control`
 * breakpoint on the last block of each segment the cache plan names. A segment
 * with no block gets no breakpoint.
 *
 * Throws {@link InvalidArgumentError} when the plan puts a 1h breakpoint after a
 * 5m one, which the API refuses.
 *
 * @example
 * ```ts
 * const prompt = convertToAnthropicPrompt(request);
 * await client.messages.countTokens(prompt);
 * ```
 * @internal
 */
export function convertToAnthropicPrompt(request: ModelRequest): AnthropicPromptParams {
  const cache = request.cache ?? {};
  checkTtlOrder(request, cache);

  const tools = request.tools.map((tool, index): Anthropic.Tool => ({
    name: tool.name,
    description: tool.description,
    input_schema: tool.inputSchema as Anthropic.Tool.InputSchema,
    ...breakpoint(cache.tools, index === request.tools.length - 1),
  }));
  const system = [
    ...request.system.map((text, index): Anthropic.TextBlockParam => ({
      type: 'text',
      text,
      ...breakpoint(cache.system, index === request.system.length - 1),
    })),
    ...request.reference.map((text, index): Anthropic.TextBlockParam => ({
      type: 'text',
      text,
      ...breakpoint(cache.reference, index === request.reference.length - 1),
    })),
  ];
  const lastMessage = request.messages.length - 1;
  const messages = request.messages.map((message, index) =>
    convertMessage(message, index, index === lastMessage ? cache.conversation : undefined),
  );

  const params: {
    model: string;
    messages: Anthropic.MessageParam[];
    system?: Anthropic.TextBlockParam[];
    tools?: Anthropic.Tool[];
    tool_choice?: Anthropic.ToolChoice;
    output_config?: Anthropic.OutputConfig;
  } = { model: request.model, messages };
  if (system.length > 0) params.system = system;
  if (tools.length > 0) params.tools = tools;
  if (request.toolChoice !== undefined) params.tool_choice = { ...request.toolChoice };
  if (request.outputSchema !== undefined) {
    params.output_config = {
      format: { type: 'json_schema', schema: { ...request.outputSchema } },
    };
  }
  return params;
}

/**
 * A `messages.create` body. `temperature` is not in SDK 1.10.0's types, but
 * the API takes it and the SDK sends every field of the body. @internal
 */
export type AnthropicCreateParams = Anthropic.MessageCreateParamsNonStreaming & {
  temperature?: number;
};

/**
 * The full `messages.create` body of a `ModelRequest` (without `stream`): the
 * prompt plus `max_tokens`, `stop_sequences`, `temperature`, `speed`,
 * `inference_geo`, and `diagnostics` when a previous message id is given.
 *
 * @example
 * ```ts
 * const params = convertToAnthropicRequest(request, { previousMessageId: 'msg_01' });
 * const message = await client.messages.create(params);
 * ```
 * @internal
 */
export function convertToAnthropicRequest(
  request: ModelRequest,
  options: { readonly previousMessageId?: string | undefined } = {},
): AnthropicCreateParams {
  const params: AnthropicCreateParams = {
    ...convertToAnthropicPrompt(request),
    max_tokens: request.maxTokens,
  };
  if (request.stopSequences !== undefined) params.stop_sequences = [...request.stopSequences];
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.speed !== undefined) params.speed = request.speed;
  if (request.inferenceGeo !== undefined) params.inference_geo = request.inferenceGeo;
  if (options.previousMessageId !== undefined) {
    params.diagnostics = { previous_message_id: options.previousMessageId };
  }
  return params;
}

/**
 * The beta headers the conversation itself needs: a server-side `compaction`
 * block sent back needs `compact-2026-01-12` even on a request that sets no
 * context management.
 *
 * @example
 * ```ts
 * betasForProviderBlocks(request.messages); // ['compact-2026-01-12'] after a compaction
 * ```
 * @internal
 */
export function betasForProviderBlocks(messages: readonly ModelMessage[]): string[] {
  const compacted = messages.some((message) =>
    message.content.some(
      (part) =>
        part.type === 'provider-block' &&
        part.provider === 'anthropic' &&
        part.block['type'] === 'compaction',
    ),
  );
  return compacted ? ['compact-2026-01-12'] : [];
}

function convertMessage(
  message: ModelMessage,
  messageIndex: number,
  conversationTtl: CacheTtl | undefined,
): Anthropic.MessageParam {
  const lastPart = message.content.length - 1;
  const content = message.content.map((part, index) =>
    convertPart(
      part,
      `messages[${String(messageIndex)}].content[${String(index)}]`,
      breakpoint(conversationTtl, index === lastPart),
    ),
  );
  return message.role === 'user' ? { role: 'user', content } : { role: 'assistant', content };
}

function convertPart(
  part: ContentPart,
  argument: string,
  cacheControl: { cache_control?: Anthropic.CacheControlEphemeral },
): Anthropic.ContentBlockParam {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text, ...cacheControl };
    case 'tool-call':
      return { type: 'tool_use', id: part.id, name: part.name, input: part.input, ...cacheControl };
    case 'tool-result':
      return {
        type: 'tool_result',
        tool_use_id: part.toolCallId,
        content: part.content,
        ...(part.isError === undefined ? {} : { is_error: part.isError }),
        ...cacheControl,
      };
    case 'provider-block':
      return convertProviderBlock(part, argument, cacheControl);
  }
}

// Sent back as the API returned it; only a breakpoint may be added (the API
// takes cache_control on a compaction block). Its type may be newer than this
// SDK's request types, hence the cast.
function convertProviderBlock(
  part: ProviderBlockPart,
  argument: string,
  cacheControl: { cache_control?: Anthropic.CacheControlEphemeral },
): Anthropic.ContentBlockParam {
  if (part.provider !== 'anthropic') {
    throw new InvalidArgumentError({
      argument: `${argument}.provider`,
      value: part.provider,
      message:
        "expected 'anthropic': a provider block is meaningful only to the provider that returned it",
    });
  }
  const block: unknown = part.block;
  if (
    typeof block !== 'object' ||
    block === null ||
    Array.isArray(block) ||
    typeof (block as { type?: unknown }).type !== 'string'
  ) {
    throw new InvalidArgumentError({
      argument: `${argument}.block`,
      value: block,
      message: 'expected the content block the API returned, an object with a string type',
    });
  }
  return { ...block, ...cacheControl } as unknown as Anthropic.ContentBlockParam;
}

// The TTL is always sent, 5m included: the wire then says what the plan says.
function breakpoint(
  ttl: CacheTtl | undefined,
  isLast: boolean,
): { cache_control?: Anthropic.CacheControlEphemeral } {
  return ttl !== undefined && isLast ? { cache_control: { type: 'ephemeral', ttl } } : {};
}

function segmentHasBlocks(request: ModelRequest, segment: CacheSegment): boolean {
  switch (segment) {
    case 'tools':
      return request.tools.length > 0;
    case 'system':
      return request.system.length > 0;
    case 'reference':
      return request.reference.length > 0;
    case 'conversation':
      return (request.messages.at(-1)?.content.length ?? 0) > 0;
  }
}

function checkTtlOrder(request: ModelRequest, cache: CachePlan): void {
  let firstFiveMinute: CacheSegment | undefined;
  for (const segment of segmentOrder) {
    const ttl: unknown = cache[segment];
    if (ttl === undefined) continue;
    if (ttl !== '5m' && ttl !== '1h') {
      throw new InvalidArgumentError({
        argument: `cache.${segment}`,
        value: ttl,
        message: "expected '5m' or '1h'",
      });
    }
    if (!segmentHasBlocks(request, segment)) continue;
    if (ttl === '5m') firstFiveMinute ??= segment;
    else if (firstFiveMinute !== undefined) {
      throw new InvalidArgumentError({
        argument: `cache.${segment}`,
        value: ttl,
        message: `a 1h breakpoint must not come after a 5m one (cache.${firstFiveMinute} is '5m'; the prefix runs tools, system, reference, conversation), which the API refuses`,
      });
    }
  }
}
