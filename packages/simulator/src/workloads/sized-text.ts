import { createSeededRandom } from '../answer/seeded-random';
import { generateProse } from '../answer/generate-prose';
import { truncateToTokens } from '../answer/truncate-to-tokens';
import type { TokenCounter } from '../tokens/token-counter';

/**
 * Deterministic text of exactly `tokens` tokens (as `countTokens` counts)
 * that carries `facts` verbatim: the facts first, then filler prose, cut or
 * padded to the size. For `json`, the facts become records of a JSON array and
 * the filler more records, as a tool returning rows would.
 *
 * @example
 * ```ts
 * sizedText({ seed: 'x', tokens: 200, facts: ['Pat Burrell bats Right'], format: 'text', countTokens });
 * ```
 */
export function sizedText(options: {
  seed: string;
  tokens: number;
  facts: readonly string[];
  format: 'text' | 'json';
  countTokens: TokenCounter;
}): string {
  const { seed, tokens, facts, format, countTokens } = options;
  const random = createSeededRandom(seed);
  const head =
    format === 'json'
      ? facts.map((fact, index) => JSON.stringify({ id: `f${index}`, fact }))
      : facts.map((fact) => `${fact}.`);
  const lines = [...head];
  let text = render(lines, format);
  // Grow with filler until past the size, then cut back to it exactly.
  let guard = 0;
  while (countTokens(text) < tokens && guard < 10_000) {
    guard += 1;
    const needed = tokens - countTokens(text);
    const words = Math.max(4, Math.min(60, needed));
    const filler = generateProse(random, words);
    lines.push(
      format === 'json' ? JSON.stringify({ id: `r${lines.length}`, note: filler }) : filler,
    );
    text = render(lines, format);
  }
  if (countTokens(text) > tokens) {
    const cut = truncateToTokens(text, tokens, countTokens).text;
    // Never cut into a fact: a result too small for its facts keeps them whole.
    text = facts.every((fact) => cut.includes(fact)) ? cut : text;
  }
  // Truncation lands on a boundary at or under the size: pad with single
  // tokens until it is exact (each ' x' is one o200k token).
  guard = 0;
  while (countTokens(text) < tokens && guard < 64) {
    guard += 1;
    text += ' x';
  }
  return text;
}

function render(lines: readonly string[], format: 'text' | 'json'): string {
  return format === 'json' ? `[${lines.join(',\n')}]` : lines.join(' ');
}
