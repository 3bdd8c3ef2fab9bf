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
  // Grow with filler until past the size, then cut back to it exactly. Far
  // from the size, the count is the sum of the pieces' (a BPE token never
  // spans the space between two): counting the whole text every time made
  // this quadratic. Near it, the whole text is counted, as the size needs.
  const count = runningCount(text, countTokens);
  let guard = 0;
  while (count.now() < tokens && guard < 10_000) {
    guard += 1;
    const line = generateProse(random, Math.max(4, Math.min(60, tokens - count.now())));
    lines.push(line);
    text = lines.join(' ');
    count.add(` ${line}`, text, tokens);
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
  // Whole filler records while a full one still fits (counted piece by piece
  // far from the size, whole near it, as in sizedProse).
  const count = runningCount(`[${records.join(',\n')}`, countTokens);
  for (;;) {
    guard += 1;
    const next = JSON.stringify({
      id: `r${String(records.length)}`,
      note: generateProse(random, 40),
    });
    const separator = records.length === 0 ? '' : ',\n';
    const candidate = `[${[...records, next].join(',\n')}]`;
    if (count.peek(`${separator}${next}]`, candidate, tokens - 12) + 12 > tokens || guard > 10_000)
      break;
    records.push(next);
    count.add(`${separator}${next}`, `[${records.join(',\n')}`, tokens - 12);
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
  // Each ' x' is one token: jump straight to the count missing, then check.
  const missing = tokens - countTokens(build(''));
  let padding = ' x'.repeat(Math.max(0, Math.min(64, missing)));
  let result = build(padding);
  if (countTokens(result) === tokens || missing <= 0) return missing <= 0 ? build('') : result;
  padding = '';
  result = build(padding);
  while (countTokens(result) < tokens && padding.length < 128) {
    padding += ' x';
    result = build(padding);
  }
  return result;
}

/** Counted exactly whenever an estimate could be this far off the size. */
const exactWithinTokens = 200;

/**
 * A token count kept as text grows at its end: each piece adds its own count
 * while the total is more than {@link exactWithinTokens} below `target`;
 * closer than that, the whole text is counted. Pieces start at a boundary
 * BPE does not merge across (a space, a comma), so the sum is exact or off by
 * a token or two, far less than the margin.
 */
function runningCount(
  start: string,
  countTokens: TokenCounter,
): {
  now(): number;
  add(piece: string, whole: string, target: number): void;
  peek(piece: string, whole: string, target: number): number;
} {
  let total = countTokens(start);
  const next = (piece: string, whole: string, target: number): number => {
    const estimate = total + countTokens(piece);
    return estimate < target - exactWithinTokens ? estimate : countTokens(whole);
  };
  return {
    now: () => total,
    add(piece, whole, target) {
      total = next(piece, whole, target);
    },
    peek: next,
  };
}
