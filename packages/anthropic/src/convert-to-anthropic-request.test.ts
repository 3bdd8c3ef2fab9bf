import { InvalidArgumentError, type CachePlan, type ModelRequest } from '@bursar/core/spec';
import { describe, expect, it } from 'vitest';
import {
  convertToAnthropicPrompt,
  convertToAnthropicRequest,
} from './convert-to-anthropic-request';

const request: ModelRequest = {
  model: 'claude-sonnet-4-6',
  tools: [{ name: 'lookup', description: 'Finds.', inputSchema: { type: 'object' } }],
  system: ['Be brief.'],
  reference: ['Doc.'],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  maxTokens: 100,
};

describe('convertToAnthropicPrompt: cache plans', () => {
  it.each<[CachePlan, string | undefined]>([
    [{ tools: '1h', system: '1h', reference: '5m', conversation: '5m' }, undefined],
    [{ tools: '1h', conversation: '1h' }, undefined],
    [{ system: '5m', conversation: '1h' }, 'cache.conversation'],
    [{ tools: '5m', reference: '1h' }, 'cache.reference'],
    [{ reference: '5m', conversation: '1h' }, 'cache.conversation'],
  ])('%j is refused at %s', (cache, refused) => {
    const convert = () => convertToAnthropicPrompt({ ...request, cache });
    if (refused === undefined) expect(convert).not.toThrow();
    else {
      expect(convert).toThrow(InvalidArgumentError);
      expect(convert).toThrow(`Invalid ${refused}: a 1h breakpoint must not come after a 5m one`);
    }
  });

  it('ignores the order of a segment that has no block (no breakpoint is placed there)', () => {
    expect(() =>
      convertToAnthropicPrompt({ ...request, tools: [], cache: { tools: '5m', system: '1h' } }),
    ).not.toThrow();
  });

  it('refuses a TTL that is not 5m or 1h', () => {
    const cache = { system: '10m' } as unknown as CachePlan;
    expect(() => convertToAnthropicPrompt({ ...request, cache })).toThrow(
      "Invalid cache.system: expected '5m' or '1h' (received \"10m\").",
    );
  });

  it('never puts more than four breakpoints', () => {
    const prompt = convertToAnthropicPrompt({
      ...request,
      cache: { tools: '1h', system: '1h', reference: '1h', conversation: '1h' },
    });
    expect(JSON.stringify(prompt).match(/cache_control/g)).toHaveLength(4);
  });

  it('does not change the request it converts', () => {
    const frozen = structuredClone(request);
    convertToAnthropicRequest({ ...request, cache: { conversation: '5m' } });
    expect(request).toEqual(frozen);
  });
});
