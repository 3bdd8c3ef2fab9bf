import type { MessageRequest } from '../api/message-request';
import { signThinking } from '../tokens/thinking-signature';
import { generateProse } from './generate-prose';
import { createSeededRandom, hashString } from './seeded-random';
import { truncateToTokens } from './truncate-to-tokens';

/** A thinking block of a response, as the API sends it. */
export interface ThinkingContentBlock {
  type: 'thinking';
  /** The thinking text; empty with `display: "omitted"` (the signature still carries it). */
  thinking: string;
  signature: string;
}

/** What {@link createThinking} produced: the block and the output tokens it bills. */
export interface SimulatedThinking {
  readonly block: ThinkingContentBlock;
  /** Output tokens of the thinking, billed whatever the display. */
  readonly tokens: number;
  /** Whether the thinking used all of `max_tokens` (the answer then stops there). */
  readonly exhausted: boolean;
}

/** An effort level of `output_config.effort`. */
export type Effort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

// Words of thinking the simulated model writes at each effort (the API's default is high).
const thinkingWords: Readonly<Record<Effort, readonly [number, number]>> = {
  low: [10, 40],
  medium: [30, 120],
  high: [60, 240],
  xhigh: [100, 400],
  max: [150, 600],
};

/**
 * The effort a request asks for: the last `system`-role message's per-turn
 * `output_config.effort`, else the top-level `output_config.effort`, else `high`.
 *
 * @example
 * ```ts
 * requestEffort({ model: 'claude-opus-5-5', messages: [], output_config: { effort: 'medium' } }); // 'medium'
 * ```
 */
export function requestEffort(request: MessageRequest): Effort {
  let effort: Effort | undefined;
  for (const message of request.messages) {
    if (message.role === 'system' && message.output_config?.effort != null)
      effort = message.output_config.effort;
  }
  return effort ?? request.output_config?.effort ?? 'high';
}

/**
 * The thinking block a request with `thinking` enabled gets, deterministic for
 * a seed and request, or `undefined` when the request asks for none
 * (`disabled`, absent, `between_tools` before any tool result, or no room).
 *
 * Its length follows the effort (10 to 600 words, see docs/simulator.md);
 * `enabled` caps it at `budget_tokens`, and it never passes `maxTokens`.
 * With `display: "omitted"` the text is empty and the tokens are still
 * billed, as the API bills thinking it does not show.
 *
 * @example
 * ```ts
 * const thinking = createThinking(request, { seed: 'bursar', countTokens, maxTokens: 1024 });
 * thinking?.tokens; // output tokens of thinking
 * ```
 */
export function createThinking(
  request: MessageRequest,
  options: { seed: string | number; countTokens: (text: string) => number; maxTokens: number },
): SimulatedThinking | undefined {
  const thinking = request.thinking;
  if (thinking === undefined || thinking.type === 'disabled' || options.maxTokens <= 0)
    return undefined;
  if (thinking.type === 'between_tools' && !lastUserMessageHasToolResult(request)) return undefined;

  const random = createSeededRandom(
    hashString(
      `${String(options.seed)}\u0000thinking\u0000${request.model}\u0000${JSON.stringify(request.messages)}`,
    ),
  );
  const [fewest, most] = thinkingWords[requestEffort(request)];
  let text = generateProse(random, random.integer(fewest, most));
  const budget =
    thinking.type === 'enabled'
      ? Math.min(thinking.budget_tokens, options.maxTokens)
      : options.maxTokens;
  let tokens = options.countTokens(text);
  if (tokens > budget) {
    text = truncateToTokens(text, budget, options.countTokens).text;
    tokens = options.countTokens(text);
  }
  const display = 'display' in thinking ? thinking.display : undefined;
  return {
    block: {
      type: 'thinking',
      thinking: display === 'omitted' ? '' : text,
      signature: signThinking(text, tokens),
    },
    tokens,
    exhausted: tokens >= options.maxTokens,
  };
}

function lastUserMessageHasToolResult(request: MessageRequest): boolean {
  const last = request.messages.filter((message) => message.role === 'user').at(-1);
  return (
    last !== undefined &&
    typeof last.content !== 'string' &&
    last.content.some((block) => block.type === 'tool_result')
  );
}
