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
  return options.format === 'json' ? sizedJson(options) : sizedProse(options);
}

function sizedProse(options: {
  seed: string;
  tokens: number;
  facts: readonly string[];
  countTokens: TokenCounter;
}): string {
  const { seed, tokens, facts, countTokens } = options;
  const random = createSeededRandom(seed);
  const lines = facts.map((fact) => `${fact}.`);
  let text = lines.join(' ');
  // Grow with filler until past the size, then cut back to it exactly.
  let guard = 0;
  while (countTokens(text) < tokens && guard < 10_000) {
    guard += 1;
    lines.push(generateProse(random, Math.max(4, Math.min(60, tokens - countTokens(text)))));
    text = lines.join(' ');
  }
  if (countTokens(text) > tokens) {
    const cut = truncateToTokens(text, tokens, countTokens).text;
    // Never cut into a fact: a result too small for its facts keeps them whole.
    text = facts.every((fact) => cut.includes(fact)) ? cut : text;
  }
  const prose = text;
  return padToTokens((padding) => prose + padding, tokens, countTokens);
}

// JSON stays valid JSON: whole records, the last one's note sized to fit.
function sizedJson(options: {
  seed: string;
  tokens: number;
  facts: readonly string[];
  countTokens: TokenCounter;
}): string {
  const { seed, tokens, facts, countTokens } = options;
  const random = createSeededRandom(seed);
  const records = facts.map((fact, index) => JSON.stringify({ id: `f${String(index)}`, fact }));
  const render = (note: string): string =>
    `[${[...records, JSON.stringify({ id: `r${String(records.length)}`, note })].join(',\n')}]`;
  let guard = 0;
  // Whole filler records while a full one still fits.
  for (;;) {
    guard += 1;
    const next = JSON.stringify({
      id: `r${String(records.length)}`,
      note: generateProse(random, 40),
    });
    const candidate = `[${[...records, next].join(',\n')}]`;
    if (countTokens(candidate) + 12 > tokens || guard > 10_000) break;
    records.push(next);
  }
  // Then the last record's note, word by word, and single tokens to the exact size.
  const words = generateProse(random, Math.max(8, tokens)).split(' ');
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (countTokens(render(words.slice(0, middle).join(' '))) <= tokens) low = middle;
    else high = middle - 1;
  }
  const note = words.slice(0, low).join(' ');
  return padToTokens((padding) => render(note + padding), tokens, countTokens);
}

/** Appends one-token ' x' pieces through `build` until the count is exact (at most 64). */
function padToTokens(
  build: (padding: string) => string,
  tokens: number,
  countTokens: TokenCounter,
): string {
  let padding = '';
  let result = build(padding);
  while (countTokens(result) < tokens && padding.length < 128) {
    padding += ' x';
    result = build(padding);
  }
  return result;
}
