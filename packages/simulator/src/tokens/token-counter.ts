import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

/** Counts tokens of text. */
export type TokenCounter = (text: string) => number;

/**
 * A BPE token counter (o200k_base from gpt-tokenizer: a real byte-pair
 * encoding, so counts grow with text the way a model's do) with a memo for
 * long strings, since agents resend the same system prompt and tool results on
 * every turn.
 *
 * @example
 * ```ts
 * const count = createTokenCounter();
 * count('Hello, world'); // 3
 * ```
 */
export function createTokenCounter(options: { memoEntries?: number } = {}): TokenCounter {
  const memoEntries = options.memoEntries ?? 20_000;
  const memo = new Map<string, number>();
  return (text: string): number => {
    if (text.length === 0) return 0;
    if (text.length < 64) return countTokens(text);
    const known = memo.get(text);
    if (known !== undefined) return known;
    const counted = countTokens(text);
    // A plain bound rather than an LRU: a full reset costs one recount per string.
    if (memo.size >= memoEntries) memo.clear();
    memo.set(text, counted);
    return counted;
  };
}
