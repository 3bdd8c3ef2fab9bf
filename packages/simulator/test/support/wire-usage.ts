import type Anthropic from '@anthropic-ai/sdk';
import { createUsage, type Usage } from '@bursar/core/pricing';

/** A response's usage as `@bursar/core/pricing` bills it. */
export function usageFromWire(usage: Anthropic.Usage): Usage {
  return createUsage({
    input: usage.input_tokens,
    cacheWrite5m: usage.cache_creation?.ephemeral_5m_input_tokens ?? 0,
    cacheWrite1h: usage.cache_creation?.ephemeral_1h_input_tokens ?? 0,
    cacheRead: usage.cache_read_input_tokens ?? 0,
    output: usage.output_tokens,
  });
}

/** The whole prompt of a response: input, cache writes and cache reads together. */
export function promptTotal(usage: Anthropic.Usage): number {
  return (
    usage.input_tokens +
    (usage.cache_creation_input_tokens ?? 0) +
    (usage.cache_read_input_tokens ?? 0)
  );
}
