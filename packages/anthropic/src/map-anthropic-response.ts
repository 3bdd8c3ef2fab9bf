import type Anthropic from '@anthropic-ai/sdk';
import {
  fromAnthropicUsage,
  totalTokens,
  type ContentPart,
  type ModelResponse,
} from '@bursar/core/spec';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason';

/**
 * Response blocks the API wants back verbatim on the next request, kept as
 * `provider-block` parts. @internal
 */
export const roundTripBlockTypes: ReadonlySet<string> = new Set(['compaction']);

/** A Messages API response, from `messages` or `beta.messages`. @internal */
export type AnthropicMessage = Anthropic.Message | Anthropic.Beta.BetaMessage;

/**
 * The provider-neutral response of an Anthropic message: text and `tool_use`
 * blocks become `text` and `tool-call` parts, a server-side `compaction` block
 * becomes a `provider-block` part holding the block verbatim (the next request
 * sends it back unchanged), other blocks are dropped with a warning, the stop
 * reason is unified, usage is normalized with
 * `fromAnthropicUsage` (cache-write split, compaction iterations counted), and
 * the cache-miss diagnosis and request id are kept.
 *
 * @example
 * ```ts
 * const message = await client.messages.create(params);
 * const response = mapAnthropicResponse(message, { requestId: message._request_id ?? undefined });
 * ```
 * @internal
 */
export function mapAnthropicResponse(
  message: AnthropicMessage,
  options: {
    readonly requestId?: string | null | undefined;
    readonly warnings?: readonly string[];
  } = {},
): ModelResponse {
  const warnings = [...(options.warnings ?? [])];
  const content: ContentPart[] = [];
  for (const block of message.content) {
    if (block.type === 'text') content.push({ type: 'text', text: block.text });
    else if (block.type === 'tool_use') {
      content.push({ type: 'tool-call', id: block.id, name: block.name, input: block.input });
    } else if (roundTripBlockTypes.has(block.type)) {
      // Kept whole: its summary, encrypted_content and signature must go back byte for byte.
      content.push({ type: 'provider-block', provider: 'anthropic', block: { ...block } });
    } else {
      warnings.push(
        `A "${block.type}" content block was dropped: ModelResponse has no part for it.`,
      );
    }
  }
  const { usage, compaction, billing } = fromAnthropicUsage(message.usage);
  const cacheMissReason = message.diagnostics?.cache_miss_reason?.type;
  return {
    id: message.id,
    model: message.model,
    content,
    finishReason: mapAnthropicStopReason(message.stop_reason),
    usage,
    compactionUsage: totalTokens(compaction) === 0 ? undefined : compaction,
    billing,
    cacheMissReason,
    requestId: options.requestId ?? undefined,
    warnings,
  };
}
