import { Buffer } from 'node:buffer';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { tokenUpperBound, utf8ByteLength } from './utf8-byte-bound';

/** Any sequence of UTF-16 code units: lone surrogates and pairs in every order. */
const codeUnitString = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 64 })
  .map((codes) => String.fromCharCode(...codes));

/**
 * A stand-in tokenizer: words, runs of spaces and single other characters.
 * Every token covers at least one character, so it can never beat the bound.
 */
function countWordTokens(text: string): number {
  return text.match(/\p{L}+|\p{N}+|\s+|[^\p{L}\p{N}\s]/gsu)?.length ?? 0;
}

describe('utf8ByteLength', () => {
  it.each([
    ['', 0],
    ['a', 1],
    ['\u007f', 1],
    ['\u0080', 2],
    ['é', 2],
    ['\u07ff', 2],
    ['\u0800', 3],
    ['€', 3],
    ['\uffff', 3],
    ['😀', 4],
    ['\u{10ffff}', 4],
    ['\ud800', 3],
    ['\udc00', 3],
    ['\udc00\ud800', 6],
    ['\ud800a', 4],
    ['a\ud83d', 4],
    ['héllo, 世界 👋', 19],
  ])('counts %j as %d bytes', (text, expected) => {
    expect(utf8ByteLength(text)).toBe(expected);
    expect(Buffer.byteLength(text, 'utf8')).toBe(expected);
  });

  it('matches Buffer.byteLength on any code point string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
    );
  });

  it('matches Buffer.byteLength on any code unit string, lone surrogates included', () => {
    fc.assert(
      fc.property(codeUnitString, (text) => {
        expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
      { numRuns: 500 },
    );
  });

  it('counts a long string', () => {
    const text = 'añ€😀'.repeat(250_000);
    expect(utf8ByteLength(text)).toBe(10 * 250_000);
  });

  it('refuses a non-string, naming the argument', () => {
    expect(() => utf8ByteLength(42 as unknown as string)).toThrow(InvalidArgumentError);
    expect(() => utf8ByteLength(undefined as unknown as string)).toThrow(/Invalid text.*undefined/);
  });
});

describe('tokenUpperBound', () => {
  it('is the UTF-8 byte count', () => {
    expect(tokenUpperBound('héllo')).toBe(6);
  });

  it('is never below what a tokenizer whose tokens cover whole characters produces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (text) => {
        expect(tokenUpperBound(text)).toBeGreaterThanOrEqual(countWordTokens(text));
      }),
    );
  });

  it('is reached by one token per character on ASCII punctuation', () => {
    // Single punctuation marks are each a token of the stand-in, one byte each.
    expect(countWordTokens('!?.,;')).toBe(5);
    expect(tokenUpperBound('!?.,;')).toBe(5);
  });
});
