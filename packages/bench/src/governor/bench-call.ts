import { createUsage, type CallEnvelope, type Usage } from '@bursar/core';

/**
 * The call every governor benchmark reserves: an agent turn on Sonnet with an
 * ~8k-token prompt bound, `max_tokens` 1,024 and 5-minute cache breakpoints.
 */
export const benchCall: CallEnvelope = {
  model: 'claude-sonnet-4-6',
  inputTokensBound: 8_000,
  maxTokens: 1_024,
  cacheWrites: '5m',
  label: 'bench',
};

/**
 * What each benchmark call is billed: a turn that reads most of its prompt
 * from the cache and writes the rest. Inside {@link benchCall}'s bound (7,700
 * prompt tokens of 8,000, 400 output of 1,024), so a charge never overruns.
 */
export const benchUsage: Usage = createUsage({
  input: 200,
  cacheWrite5m: 1_500,
  cacheRead: 6_000,
  output: 400,
});
