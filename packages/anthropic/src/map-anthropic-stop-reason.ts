import type { FinishReason } from '@bursar/core/spec';

/**
 * The unified finish reason of an Anthropic `stop_reason`, with the raw value
 * kept: `end_turn` and `stop_sequence` are `stop`, `tool_use` is `tool-calls`,
 * `max_tokens` and `model_context_window_exceeded` are `length`, `refusal` is
 * `content-filter`, and anything else (`pause_turn`, a new reason, none) is
 * `other`.
 *
 * @example
 * ```ts
 * mapAnthropicStopReason('tool_use'); // { unified: 'tool-calls', raw: 'tool_use' }
 * ```
 */
export function mapAnthropicStopReason(stopReason: string | null | undefined): FinishReason {
  const raw = stopReason ?? null;
  switch (raw) {
    case 'end_turn':
    case 'stop_sequence':
      return { unified: 'stop', raw };
    case 'tool_use':
      return { unified: 'tool-calls', raw };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { unified: 'length', raw };
    case 'refusal':
      return { unified: 'content-filter', raw };
    case null:
    default:
      return { unified: 'other', raw };
  }
}
