import type { ModelPricing, PriceTable } from '@bursar/core/pricing';
import { SimulatorApiError } from '../api/api-error';
import {
  countTokensRequestSchema,
  describeSchemaIssues,
  messageRequestSchema,
  type MessageRequest,
} from '../api/message-request';

/** At most this many cache_control breakpoints a request. */
export const maxBreakpoints = 4;

/** The least `thinking.budget_tokens` of `thinking: { type: 'enabled' }`. */
export const minThinkingBudget = 1024;

/**
 * Checks a request body as the API does and returns it typed, with its model.
 * Every failure is a {@link SimulatorApiError} with the API's type and wording.
 *
 * @example
 * ```ts
 * const { request, model } = validateMessageRequest(body, priceTable, { countTokensOnly: false, lane: 'interactive' });
 * ```
 */
export function validateMessageRequest(
  body: unknown,
  priceTable: PriceTable,
  options: { countTokensOnly: boolean; lane: 'interactive' | 'batch' },
): { request: MessageRequest; model: ModelPricing } {
  const schema = options.countTokensOnly ? countTokensRequestSchema : messageRequestSchema;
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new SimulatorApiError('invalid_request_error', describeSchemaIssues(parsed.error));
  const request = parsed.data as MessageRequest;

  const model = priceTable.find(request.model);
  if (model === undefined || model.availability !== 'api') {
    throw new SimulatorApiError('not_found_error', `model: ${request.model}`);
  }
  if (request.messages.length === 0) {
    throw new SimulatorApiError(
      'invalid_request_error',
      'messages: at least one message is required',
    );
  }
  // Per-turn `system` messages may stand anywhere; the conversation itself starts with the user.
  if (request.messages.find((message) => message.role !== 'system')?.role !== 'user') {
    throw new SimulatorApiError(
      'invalid_request_error',
      'messages: first message must use the "user" role',
    );
  }
  checkSystemMessages(body);

  checkBreakpoints(request);

  if (!options.countTokensOnly) {
    const maxTokens = request.max_tokens ?? 0;
    if (maxTokens > model.maxOutputTokens) {
      throw new SimulatorApiError(
        'invalid_request_error',
        `max_tokens: ${maxTokens} > ${model.maxOutputTokens}, which is the maximum allowed number of output tokens for ${model.id}`,
      );
    }
    if (maxTokens === 0) checkPrewarm(request, options.lane);
    else checkThinkingBudget(request, maxTokens);
  }
  if (request.speed === 'fast') {
    if (model.fast === undefined) {
      throw new SimulatorApiError(
        'invalid_request_error',
        `speed: fast mode is not available for ${model.id}`,
      );
    }
    if (options.lane === 'batch') {
      throw new SimulatorApiError(
        'invalid_request_error',
        'speed: fast mode is not available with the Message Batches API',
      );
    }
  }
  const toolChoice = request.tool_choice;
  if (
    toolChoice?.type === 'tool' &&
    !(request.tools ?? []).some((tool) => tool.name === toolChoice.name)
  ) {
    throw new SimulatorApiError(
      'invalid_request_error',
      `tool_choice: tool ${JSON.stringify(toolChoice.name)} not found in tools`,
    );
  }
  return { request, model };
}

function checkBreakpoints(request: MessageRequest): void {
  const ttls: string[] = [];
  const note = (control: { ttl?: string | undefined } | null | undefined): void => {
    if (control != null) ttls.push(control.ttl ?? '5m');
  };
  for (const tool of request.tools ?? []) note(tool.cache_control);
  if (Array.isArray(request.system)) for (const block of request.system) note(block.cache_control);
  for (const message of request.messages) {
    if (typeof message.content === 'string') continue;
    for (const block of message.content)
      note(
        'cache_control' in block
          ? (block.cache_control as { ttl?: string } | null | undefined)
          : undefined,
      );
  }
  note(request.cache_control);
  if (ttls.length > maxBreakpoints) {
    throw new SimulatorApiError(
      'invalid_request_error',
      `A maximum of ${maxBreakpoints} blocks with cache_control may be provided. Found ${ttls.length}.`,
    );
  }
  const firstFiveMinute = ttls.indexOf('5m');
  if (firstFiveMinute >= 0 && ttls.slice(firstFiveMinute).includes('1h')) {
    throw new SimulatorApiError(
      'invalid_request_error',
      "A cache_control block with ttl='1h' must not come after a cache_control block with ttl='5m'. Note that blocks are processed in the following order: `tools`, `system`, `messages`.",
    );
  }
}

// The SDK's ThinkingConfigEnabled: budget_tokens "must be >= 1024 and less than max_tokens".
function checkThinkingBudget(request: MessageRequest, maxTokens: number): void {
  const thinking = request.thinking;
  if (thinking?.type !== 'enabled') return;
  if (thinking.budget_tokens < minThinkingBudget) {
    throw new SimulatorApiError(
      'invalid_request_error',
      `thinking.enabled.budget_tokens: Input should be greater than or equal to ${String(minThinkingBudget)}`,
    );
  }
  if (thinking.budget_tokens >= maxTokens) {
    throw new SimulatorApiError(
      'invalid_request_error',
      `max_tokens: ${String(maxTokens)} must be greater than thinking.budget_tokens (${String(thinking.budget_tokens)})`,
    );
  }
}

// The SDK's SystemMessageParam: "a message with neither content nor output_config
// fields is rejected". Read from the body, since the schema fills in empty content.
function checkSystemMessages(body: unknown): void {
  const messages = (body as { messages: readonly Record<string, unknown>[] }).messages;
  messages.forEach((message, index) => {
    if (message['role'] !== 'system') return;
    const content = message['content'];
    const hasContent =
      (typeof content === 'string' && content.length > 0) ||
      (Array.isArray(content) && content.length > 0);
    const outputConfig = message['output_config'];
    if (!hasContent && (typeof outputConfig !== 'object' || outputConfig === null)) {
      throw new SimulatorApiError(
        'invalid_request_error',
        `messages.${String(index)}: a system message needs content or output_config`,
      );
    }
  });
}

// max_tokens: 0 pre-warms the cache; the API refuses it where no prefix-only
// request makes sense.
function checkPrewarm(request: MessageRequest, lane: 'interactive' | 'batch'): void {
  const reason =
    lane === 'batch'
      ? 'in a message batch'
      : request.stream === true
        ? 'with streaming'
        : request.thinking !== undefined && request.thinking.type !== 'disabled'
          ? 'with extended thinking'
          : request.output_config?.format != null
            ? 'with structured outputs'
            : request.tool_choice?.type === 'any' || request.tool_choice?.type === 'tool'
              ? 'with a forced tool_choice'
              : undefined;
  if (reason !== undefined) {
    throw new SimulatorApiError(
      'invalid_request_error',
      `max_tokens: 0 (cache pre-warming) is not supported ${reason}`,
    );
  }
}
