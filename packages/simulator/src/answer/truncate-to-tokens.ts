/**
 * The outcome of {@link truncateToTokens}.
 *
 * @example
 * ```ts
 * const result: TruncatedText = { text: 'one two', truncated: true };
 * ```
 */
export interface TruncatedText {
  /** The text, whole or cut to fit. */
  readonly text: string;
  /** Whether the text had to be cut. */
  readonly truncated: boolean;
}

/**
 * Cuts text to the longest prefix whose token count fits `maxTokens`, ending
 * on a word or punctuation boundary (never inside a word), with trailing
 * whitespace dropped. This is how a reply looks when the model hits
 * `max_tokens`: the text simply stops, so JSON may be left unclosed.
 *
 * Assumes a longer prefix never counts fewer tokens (true of word counts
 * and, in practice, of BPE tokenizers); it binary-searches on that, then
 * checks the result.
 *
 * @example
 * ```ts
 * const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;
 * truncateToTokens('one two three', 2, countWords); // { text: 'one two', truncated: true }
 * truncateToTokens('one two', 5, countWords); // { text: 'one two', truncated: false }
 * ```
 */
export function truncateToTokens(
  text: string,
  maxTokens: number,
  countTokens: (text: string) => number,
): TruncatedText {
  if (countTokens(text) <= maxTokens) return { text, truncated: false };
  // Pieces are words, runs of whitespace, and single punctuation marks, so a
  // cut can fall between `"` and `name` in JSON as well as between words.
  const pieces = text.match(/\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu) ?? [];
  const prefix = (count: number): string => pieces.slice(0, count).join('').trimEnd();
  let low = 0;
  let high = pieces.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (countTokens(prefix(middle)) <= maxTokens) low = middle;
    else high = middle - 1;
  }
  // A tokenizer that is not monotone on some prefix could break the search;
  // step back until the cut really fits.
  while (low > 0 && countTokens(prefix(low)) > maxTokens) low -= 1;
  return { text: prefix(low), truncated: true };
}
