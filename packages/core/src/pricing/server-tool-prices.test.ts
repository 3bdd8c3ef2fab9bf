import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import {
  defaultServerToolPrices,
  fromAnthropicServerToolUse,
  noServerToolUse,
  serverToolCost,
} from './server-tool-prices';

describe('server tool prices', () => {
  it('prices a web search at $10 per 1,000 and a fetch at nothing beyond tokens', () => {
    expect(defaultServerToolPrices.webSearchRequest * 1000).toBe(10_000_000_000); // $10
    expect(serverToolCost({ webSearchRequests: 1, webFetchRequests: 0 })).toBe(10_000_000);
    expect(serverToolCost({ webSearchRequests: 3, webFetchRequests: 5 })).toBe(30_000_000);
    expect(serverToolCost(noServerToolUse)).toBe(0);
  });

  it('takes other prices', () => {
    const prices = { ...defaultServerToolPrices, webSearchRequest: 7, webFetchRequest: 2 };
    expect(serverToolCost({ webSearchRequests: 2, webFetchRequests: 3 }, prices)).toBe(20);
  });

  it.each([-1, 1.5, Number.NaN, '2'])('refuses %p searches, naming the field', (count) => {
    const attempt = () =>
      serverToolCost({ webSearchRequests: count as number, webFetchRequests: 0 });
    expect(attempt).toThrow(InvalidArgumentError);
    expect(attempt).toThrow(/serverToolUse\.webSearchRequests/);
  });

  it('reads the wire shape, null meaning none', () => {
    expect(fromAnthropicServerToolUse({ web_search_requests: 2, web_fetch_requests: 1 })).toEqual({
      webSearchRequests: 2,
      webFetchRequests: 1,
    });
    expect(fromAnthropicServerToolUse(null)).toEqual(noServerToolUse);
    expect(fromAnthropicServerToolUse(undefined)).toEqual(noServerToolUse);
    expect(() => fromAnthropicServerToolUse({ web_search_requests: -2 })).toThrow(
      /server_tool_use\.web_search_requests/,
    );
  });
});
