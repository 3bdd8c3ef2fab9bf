import type Anthropic from '@anthropic-ai/sdk';

/** How a response's prompt was billed, by class: what the caching tests compare. */
export interface PromptUsage {
  readonly input: number;
  readonly write5m: number;
  readonly write1h: number;
  readonly read: number;
}

/**
 * The prompt classes of a response's usage. It also checks that the two ways
 * the API reports writes agree (`cache_creation_input_tokens` is the sum of
 * the `cache_creation` split), so no test can pass on one and miss the other.
 */
export function promptUsageOf(usage: Anthropic.Usage): PromptUsage {
  const write5m = usage.cache_creation?.ephemeral_5m_input_tokens ?? 0;
  const write1h = usage.cache_creation?.ephemeral_1h_input_tokens ?? 0;
  if ((usage.cache_creation_input_tokens ?? 0) !== write5m + write1h) {
    throw new Error(
      `cache_creation_input_tokens ${String(usage.cache_creation_input_tokens)} is not the sum of its split (${write5m} + ${write1h})`,
    );
  }
  return {
    input: usage.input_tokens,
    write5m,
    write1h,
    read: usage.cache_read_input_tokens ?? 0,
  };
}

/** Expected prompt usage; classes left out are zero. */
export function promptUsage(partial: Partial<PromptUsage>): PromptUsage {
  return { input: 0, write5m: 0, write1h: 0, read: 0, ...partial };
}
