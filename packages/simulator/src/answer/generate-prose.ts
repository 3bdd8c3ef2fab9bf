import { ANSWER_WORDS, LINKING_WORDS } from './answer-words';
import { type SeededRandom } from './seeded-random';

/**
 * Writes English-like prose of exactly `wordCount` words from the fixed
 * vocabulary: sentences of 4 to 14 words, each capitalised and ending in a
 * full stop, with an occasional comma. The same random state gives the same
 * prose.
 *
 * @example
 * ```ts
 * generateProse(createSeededRandom('seed'), 12);
 * // e.g. 'Quiet river of the garden, steady light. Morning is a small idea ...'
 * ```
 */
export function generateProse(random: SeededRandom, wordCount: number): string {
  const sentences: string[] = [];
  let remaining = Math.max(0, Math.floor(wordCount));
  while (remaining > 0) {
    // Never leave a tail shorter than the shortest sentence.
    let length = Math.min(remaining, random.integer(4, 14));
    if (remaining - length > 0 && remaining - length < 4) length = remaining;
    sentences.push(writeSentence(random, length));
    remaining -= length;
  }
  return sentences.join(' ');
}

function writeSentence(random: SeededRandom, length: number): string {
  const words: string[] = [];
  for (let index = 0; index < length; index += 1) {
    // Alternate content and linking words loosely, never ending on a linking word.
    const linking = index > 0 && index < length - 1 && random.next() < 0.3;
    let word = random.pick(linking ? LINKING_WORDS : ANSWER_WORDS);
    if (index === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
    if (!linking && index > 1 && index < length - 2 && random.next() < 0.08) word += ',';
    words.push(word);
  }
  return `${words.join(' ')}.`;
}
