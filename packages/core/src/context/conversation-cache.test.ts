import { describe, expect, it } from 'vitest';
import type { ModelMessage, ModelRequest } from '../model/model-request';
import { ConversationCache } from './conversation-cache';

// Four bytes a token: `tokens(n)` is text of exactly n estimated tokens.
const tokens = (count: number, label = 'x'): string => label.repeat(4 * count);
const user = (text: string): ModelMessage => ({ role: 'user', content: [{ type: 'text', text }] });
const call = (id: string): ModelMessage => ({
  role: 'assistant',
  content: [{ type: 'tool-call', id, name: 'search', input: {} }],
});
const result = (id: string, content: string): ModelMessage => ({
  role: 'user',
  content: [{ type: 'tool-result', toolCallId: id, content }],
});
const request = (messages: readonly ModelMessage[], conversation = true): ModelRequest => ({
  model: 'claude-sonnet-4-6',
  tools: [],
  system: [],
  reference: [],
  messages,
  maxTokens: 100,
  ...(conversation ? { cache: { conversation: '5m' as const } } : {}),
});
// Request framing 4, message framing 3 each; a tool call 'search\n{}' is 3 tokens.
const first = request([user(tokens(2_000))]); // 4 + 3 + 2,000
const second = request([...first.messages, call('t1'), result('t1', tokens(1_000, 'r'))]);

describe('ConversationCache', () => {
  it('writes a new prefix, then reads it and writes only what a later request adds', () => {
    const cache = new ConversationCache({ minCacheableTokens: 1024 });
    expect(cache.estimate(first)).toEqual({ read: 0, write5m: 2_007, write1h: 0, input: 0 });
    cache.record(first);
    expect(cache.estimate(first)).toEqual({ read: 2_007, write5m: 0, write1h: 0, input: 0 });
    // The call (3 + 3 framing) and the result (1,000 + 3 framing) are new.
    expect(cache.estimate(second)).toEqual({ read: 2_007, write5m: 1_009, write1h: 0, input: 0 });
  });

  it('caches nothing under the minimum cacheable prompt', () => {
    const cache = new ConversationCache({ minCacheableTokens: 4096 });
    expect(cache.estimate(first)).toEqual({ read: 0, write5m: 0, write1h: 0, input: 2_007 });
    expect(cache.cacheable(first)).toBe(false);
    cache.record(first);
    expect(cache.size).toBe(0);
  });

  it('reads nothing without a breakpoint on the conversation', () => {
    const cache = new ConversationCache({ minCacheableTokens: 1024 });
    cache.record(first);
    expect(cache.estimate(request(first.messages, false)).read).toBe(0);
  });

  it('after an edit, reads only the longest entry before it', () => {
    const cache = new ConversationCache({ minCacheableTokens: 1024 });
    cache.record(first);
    cache.record(second);
    const edited = request([...first.messages, call('t1'), result('t1', 'pruned')]);
    expect(cache.estimate(edited).read).toBe(2_007);
    expect(cache.cachedPoints(second)).toEqual([
      [2, 0],
      [0, 0],
    ]);
    expect(cache.cachedPoints(edited)).toEqual([[0, 0]]);
  });

  it('looks back at most 20 positions from a breakpoint', () => {
    const cache = new ConversationCache({ minCacheableTokens: 1024 });
    cache.record(first);
    // Each text block is a position of its own: the entry is 21 positions back, then 19.
    const far = request([
      ...first.messages,
      {
        role: 'assistant',
        content: Array.from({ length: 20 }, () => ({ type: 'text', text: 'ok' })),
      },
      user('next'),
    ]);
    const near = request([
      ...first.messages,
      { role: 'assistant', content: far.messages[1]?.content.slice(2) ?? [] },
      user('next'),
    ]);
    expect(cache.estimate(far).read).toBe(0);
    expect(cache.estimate(near).read).toBe(2_007);
  });

  it('scales its estimates to the tokens the provider reported', () => {
    const cache = new ConversationCache({ minCacheableTokens: 1024 });
    cache.record(first, 4_014);
    expect(cache.estimate(first).read).toBe(4_014);
    expect(cache.tokens(tokens(10))).toBe(20);
    // A copy that has recorded one more request; the original is unchanged.
    expect(cache.after(second).estimate(second).read).toBe(cache.estimate(second).write5m + 4_014);
    expect(cache.estimate(second).read).toBe(4_014);
  });

  it('prices an estimate at the model rates, in femtodollars', () => {
    const cache = new ConversationCache({ minCacheableTokens: 1024 });
    const rates = { input: 3n, cacheWrite5m: 4n, cacheWrite1h: 6n, cacheRead: 1n, output: 15n };
    expect(cache.cost(first, rates)).toBe(2_007n * 4n);
    cache.record(first);
    expect(cache.cost(second, rates)).toBe(2_007n + 1_009n * 4n);
  });
});
