import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_WORDS, LINKING_WORDS } from './answer-words';
import { generateProse } from './generate-prose';
import { createSeededRandom } from './seeded-random';

const vocabulary = new Set([...ANSWER_WORDS, ...LINKING_WORDS]);

describe('generateProse', () => {
  it('writes exactly the asked number of words, all from the vocabulary', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 200 }), (seed, wordCount) => {
        const prose = generateProse(createSeededRandom(seed), wordCount);
        const words = prose.split(' ').filter((word) => word.length > 0);
        expect(words).toHaveLength(wordCount);
        for (const word of words)
          expect(vocabulary.has(word.replace(/[.,]$/, '').toLowerCase())).toBe(true);
      }),
    );
  });

  it('writes capitalised sentences ending in a full stop', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 120 }), (seed, wordCount) => {
        const prose = generateProse(createSeededRandom(seed), wordCount);
        expect(prose).toMatch(/^[A-Z]/);
        expect(prose).toMatch(/\.$/);
        for (const sentence of prose.split('. ').slice(1)) expect(sentence).toMatch(/^[A-Z]/);
      }),
    );
  });

  it('depends only on the random state', () => {
    expect(generateProse(createSeededRandom('same'), 40)).toBe(
      generateProse(createSeededRandom('same'), 40),
    );
    expect(generateProse(createSeededRandom('one'), 40)).not.toBe(
      generateProse(createSeededRandom('two'), 40),
    );
  });
});
