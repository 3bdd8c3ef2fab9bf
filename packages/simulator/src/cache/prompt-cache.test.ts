import { describe, expect, it } from 'vitest';
import type { MessageRequest } from '../api/message-request';
import { linearizePrompt, framingTokens } from '../prompt/linearize-prompt';
import { PromptCache, ttlMilliseconds } from './prompt-cache';

// One token per word keeps the arithmetic visible.
const countWords = (text: string): number =>
  text.split(/\s+/).filter((word) => word.length > 0).length;
const words = (count: number, tag: string): string =>
  Array.from({ length: count }, (_, index) => `${tag}${index}`).join(' ');

function request(overrides: Partial<MessageRequest> = {}): MessageRequest {
  return {
    model: 'claude-sonnet-4-6',
    max_tokens: 10,
    system: [{ type: 'text', text: words(1000, 's'), cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: words(10, 'u') }],
    ...overrides,
  };
}

function run(cache: PromptCache, body: MessageRequest, now: number, namespace = 'key') {
  const prompt = linearizePrompt(body, countWords);
  const outcome = cache.lookup({
    namespace,
    prompt,
    minCacheableTokens: 1024,
    now,
    arrivalSequence: cache.stampArrival(),
  });
  outcome.commit(now);
  return { prompt, outcome };
}

const systemTokens = framingTokens.request + 1000;

describe('PromptCache', () => {
  it('does not cache a prefix under the minimum, and does not fail', () => {
    const cache = new PromptCache();
    const { outcome } = run(cache, request(), 0);
    // 1,004 tokens < 1,024: nothing written.
    expect(outcome.cacheWrite5m).toBe(0);
    expect(outcome.input).toBe(systemTokens + framingTokens.message + 10);
  });

  it('writes a prefix at the minimum, then reads it', () => {
    const cache = new PromptCache();
    const body = request({
      system: [{ type: 'text', text: words(1020, 's'), cache_control: { type: 'ephemeral' } }],
    });
    const first = run(cache, body, 0).outcome;
    expect(first.cacheWrite5m).toBe(1024);
    expect(first.cacheRead).toBe(0);
    const second = run(cache, body, 1000).outcome;
    expect(second).toMatchObject({
      cacheRead: 1024,
      cacheWrite5m: 0,
      input: framingTokens.message + 10,
    });
  });

  it('splits writes by the TTL of the breakpoint that ends each segment', () => {
    const cache = new PromptCache();
    const body = request({
      system: [
        { type: 'text', text: words(2000, 's'), cache_control: { type: 'ephemeral', ttl: '1h' } },
      ],
      messages: [
        {
          role: 'user',
          content: [{ type: 'text', text: words(50, 'u'), cache_control: { type: 'ephemeral' } }],
        },
      ],
    });
    const { outcome, prompt } = run(cache, body, 0);
    expect(outcome.cacheWrite1h).toBe(2004);
    expect(outcome.cacheWrite5m).toBe(prompt.totalTokens - 2004);
    expect(outcome.input).toBe(0);
  });

  it('expires an entry a TTL after the request that last touched it, refreshed by hits', () => {
    const cache = new PromptCache();
    const body = request({
      system: [{ type: 'text', text: words(1100, 's'), cache_control: { type: 'ephemeral' } }],
    });
    run(cache, body, 0);
    expect(run(cache, body, 4 * 60_000).outcome.cacheRead).toBeGreaterThan(0);
    // Refreshed at 4 min: alive at 8 min, gone 5 min after the last read.
    expect(run(cache, body, 8 * 60_000).outcome.cacheRead).toBeGreaterThan(0);
    expect(run(cache, body, 8 * 60_000 + ttlMilliseconds['5m']).outcome.cacheRead).toBe(0);
  });

  it('lets requests in flight together all miss and all write', () => {
    const cache = new PromptCache();
    const body = request({
      system: [{ type: 'text', text: words(1100, 's'), cache_control: { type: 'ephemeral' } }],
    });
    const prompt = linearizePrompt(body, countWords);
    const first = cache.lookup({
      namespace: 'k',
      prompt,
      minCacheableTokens: 1024,
      now: 0,
      arrivalSequence: cache.stampArrival(),
    });
    const secondArrival = cache.stampArrival();
    first.commit(0);
    const second = cache.lookup({
      namespace: 'k',
      prompt,
      minCacheableTokens: 1024,
      now: 0,
      arrivalSequence: secondArrival,
    });
    expect(second.cacheRead).toBe(0);
    expect(second.cacheWrite5m).toBe(first.cacheWrite5m);
    // One arriving after the write began reads it.
    const third = cache.lookup({
      namespace: 'k',
      prompt,
      minCacheableTokens: 1024,
      now: 0,
      arrivalSequence: cache.stampArrival(),
    });
    expect(third.cacheRead).toBe(first.cacheWrite5m);
  });

  it('does not let a request read an entry before the writing response began', () => {
    const cache = new PromptCache();
    const body = request({
      system: [{ type: 'text', text: words(1100, 's'), cache_control: { type: 'ephemeral' } }],
    });
    const prompt = linearizePrompt(body, countWords);
    cache
      .lookup({
        namespace: 'k',
        prompt,
        minCacheableTokens: 1024,
        now: 0,
        arrivalSequence: cache.stampArrival(),
      })
      .commit(2000);
    expect(
      cache.lookup({
        namespace: 'k',
        prompt,
        minCacheableTokens: 1024,
        now: 1999,
        arrivalSequence: cache.stampArrival(),
      }).cacheRead,
    ).toBe(0);
    expect(
      cache.lookup({
        namespace: 'k',
        prompt,
        minCacheableTokens: 1024,
        now: 2000,
        arrivalSequence: cache.stampArrival(),
      }).cacheRead,
    ).toBeGreaterThan(0);
  });

  it('keeps namespaces apart', () => {
    const cache = new PromptCache();
    const body = request({
      system: [{ type: 'text', text: words(1100, 's'), cache_control: { type: 'ephemeral' } }],
    });
    run(cache, body, 0, 'alice');
    expect(run(cache, body, 10, 'bob').outcome.cacheRead).toBe(0);
    expect(run(cache, body, 10, 'alice').outcome.cacheRead).toBeGreaterThan(0);
  });

  it('finds an earlier entry within 20 positions of a breakpoint, not beyond', () => {
    const turn = (index: number) =>
      ({ role: index % 2 === 0 ? 'user' : 'assistant', content: words(60, `t${index}-`) }) as const;
    const conversation = (turns: number, breakpointAtEnd: boolean): MessageRequest => {
      const messages = Array.from({ length: turns }, (_, index) => turn(index));
      const last = messages.at(-1);
      if (last !== undefined && breakpointAtEnd) {
        messages[messages.length - 1] = {
          role: last.role,
          content: [{ type: 'text', text: last.content, cache_control: { type: 'ephemeral' } }],
        } as never;
      }
      return { model: 'claude-sonnet-4-6', max_tokens: 1, messages };
    };
    // The first request's last turn as a later request carries it: same
    // content (an array with one text block), no breakpoint.
    const withoutBreakpoint = (request: MessageRequest): MessageRequest => {
      const messages = [...request.messages];
      const original = turn(19);
      messages[19] = { role: original.role, content: [{ type: 'text', text: original.content }] };
      return { ...request, messages };
    };
    const cache = new PromptCache();
    const base = run(cache, conversation(20, true), 0).outcome;
    expect(base.cacheWrite5m).toBeGreaterThanOrEqual(1024);
    // 19 more turns: the entry is 19 positions back from the new breakpoint, found.
    expect(run(cache, withoutBreakpoint(conversation(39, true)), 10).outcome.cacheRead).toBe(
      base.cacheWrite5m,
    );
    // 20 more turns: out of reach, so everything is written again.
    const farCache = new PromptCache();
    run(farCache, conversation(20, true), 0);
    const far = run(farCache, withoutBreakpoint(conversation(40, true)), 10).outcome;
    expect(far.cacheRead).toBe(0);
    expect(far.cacheWrite5m).toBe(linearizePrompt(conversation(40, true), countWords).totalTokens);
  });
});

describe('PromptCache memory', () => {
  it('drops expired entries as lookups go on', () => {
    const cache = new PromptCache();
    for (let index = 0; index < 5000; index += 1) {
      const body = request({
        system: [
          {
            type: 'text',
            text: `${words(1100, 's')} ${index}`,
            cache_control: { type: 'ephemeral' },
          },
        ],
      });
      run(cache, body, index * 1000);
    }
    // 5,000 writes a second apart with a 5-minute TTL: a sweep after 4,096
    // lookups leaves only the entries younger than 5 minutes then, plus later ones.
    expect(cache.size).toBeLessThan(5000 - 3000);
    expect(cache.size).toBeGreaterThan(0);
  });
});
