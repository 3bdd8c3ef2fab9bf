import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { truncateToTokens } from './truncate-to-tokens';

const countWords = (text: string): number =>
  text.split(/\s+/).filter((word) => word.length > 0).length;
const countQuarterCharacters = (text: string): number => Math.ceil(text.length / 4);

describe('truncateToTokens', () => {
  it('keeps text that fits', () => {
    expect(truncateToTokens('one two three', 3, countWords)).toEqual({
      text: 'one two three',
      truncated: false,
    });
  });

  it('cuts to whole words', () => {
    expect(truncateToTokens('one two three four', 2, countWords)).toEqual({
      text: 'one two',
      truncated: true,
    });
    expect(truncateToTokens('one two three', 0, countWords)).toEqual({ text: '', truncated: true });
  });

  it('cuts JSON between punctuation marks, not only at spaces', () => {
    const json = JSON.stringify({ name: 'quiet river', count: 12 });
    const { text, truncated } = truncateToTokens(json, 3, countQuarterCharacters);
    expect(truncated).toBe(true);
    expect(text.length).toBeGreaterThan(0);
    expect(json.startsWith(text)).toBe(true);
    expect(countQuarterCharacters(text)).toBeLessThanOrEqual(3);
  });

  it('returns the longest fitting prefix that ends on a word', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 40 }),
        fc.integer({ min: 0, max: 50 }),
        (words, maxTokens) => {
          const text = words.join(' ');
          const result = truncateToTokens(text, maxTokens, countWords);
          expect(text.startsWith(result.text)).toBe(true);
          expect(countWords(result.text)).toBe(Math.min(words.length, maxTokens));
          expect(result.truncated).toBe(words.length > maxTokens);
          expect(result.text).toBe(words.slice(0, Math.min(words.length, maxTokens)).join(' '));
        },
      ),
    );
  });
});
