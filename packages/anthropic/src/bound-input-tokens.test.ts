import { utf8ByteLength, type ModelRequest } from '@bursar/core/spec';
import { describe, expect, it } from 'vitest';
import { anthropicFramingTokens, boundAnthropicInputTokens } from './bound-input-tokens';

const empty: ModelRequest = {
  model: 'claude-sonnet-4-6',
  tools: [],
  system: [],
  reference: [],
  messages: [],
  maxTokens: 100,
};

describe('boundAnthropicInputTokens', () => {
  it('is the request framing alone for an empty request', () => {
    expect(boundAnthropicInputTokens(empty)).toBe(anthropicFramingTokens.request);
  });

  it('counts UTF-8 bytes, not UTF-16 units: multi-byte text costs more', () => {
    const ascii = boundAnthropicInputTokens({
      ...empty,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'aaaa' }] }],
    });
    const emoji = boundAnthropicInputTokens({
      ...empty,
      messages: [{ role: 'user', content: [{ type: 'text', text: '😀😀' }] }],
    });
    // 'aaaa' is 4 bytes, '😀😀' 8, though both are 4 UTF-16 units.
    expect(emoji - ascii).toBe(4);
  });

  it('adds each part of the request once, with its framing', () => {
    const schema = { type: 'object', properties: { query: { type: 'string' } } };
    const request: ModelRequest = {
      ...empty,
      tools: [{ name: 'lookup', description: 'Finds.', inputSchema: schema }],
      system: ['Be brief.'],
      reference: ['Doc.'],
      messages: [
        {
          role: 'assistant',
          content: [{ type: 'tool-call', id: 't1', name: 'lookup', input: { query: 'x' } }],
        },
        { role: 'user', content: [{ type: 'tool-result', toolCallId: 't1', content: 'found' }] },
      ],
      toolChoice: { type: 'auto' },
      outputSchema: { type: 'object' },
    };
    const json = (value: unknown) => utf8ByteLength(JSON.stringify(value, null, 2));
    const framing = anthropicFramingTokens;
    expect(boundAnthropicInputTokens(request)).toBe(
      framing.request +
        framing.toolUse +
        (framing.tool + 'lookup'.length + 'Finds.'.length + json(schema)) +
        (framing.block + 'Be brief.'.length) +
        (framing.block + 'Doc.'.length) +
        (framing.message + framing.part + 't1'.length + 'lookup'.length + json({ query: 'x' })) +
        (framing.message + framing.part + 't1'.length + 'found'.length) +
        json({ type: 'auto' }) +
        (framing.outputFormat + json({ type: 'object' })),
    );
  });

  it('counts every byte of a provider block (a compaction summary and its opaque fields)', () => {
    const block = {
      type: 'compaction',
      content: 'Summary of turns 1-40.',
      encrypted_content: 'EpYBCkYIBxgCKkBsZWRnZXI=',
      signature: 'sig_01',
    };
    const request: ModelRequest = {
      ...empty,
      messages: [
        { role: 'assistant', content: [{ type: 'provider-block', provider: 'anthropic', block }] },
      ],
    };
    expect(boundAnthropicInputTokens(request)).toBe(
      anthropicFramingTokens.request +
        anthropicFramingTokens.message +
        anthropicFramingTokens.part +
        utf8ByteLength(JSON.stringify(block, null, 2)),
    );
  });

  it('measures JSON pretty-printed, at least as long as the compact JSON sent', () => {
    const input = { nested: { list: [1, 2, 3], flag: true } };
    const request: ModelRequest = {
      ...empty,
      messages: [
        { role: 'assistant', content: [{ type: 'tool-call', id: 'a', name: 'b', input }] },
      ],
    };
    const compact = utf8ByteLength(JSON.stringify(input));
    expect(boundAnthropicInputTokens(request)).toBeGreaterThan(
      anthropicFramingTokens.request + anthropicFramingTokens.message + compact,
    );
  });
});
