/**
 * The fixed vocabulary of every simulated answer: plain, neutral English
 * words, all lowercase ASCII letters. Answers are built only from this list,
 * so they never echo the request (no prompt text can leak into a reply).
 *
 * @example
 * ```ts
 * ANSWER_WORDS.includes('river'); // true
 * ```
 */
export const ANSWER_WORDS: readonly string[] = (
  'answer bright careful change clear common detail early easy evening field final garden ' +
  'gentle group happy harbor idea island kind later light little method morning nature number ' +
  'ocean order paper part pattern plain quiet rapid reason result river simple small steady ' +
  'stone story summer table thought travel useful valley water window winter wonder yellow'
).split(' ');

/**
 * Short linking words placed between the {@link ANSWER_WORDS} so prose reads
 * like English rather than a list.
 *
 * @example
 * ```ts
 * LINKING_WORDS.includes('the'); // true
 * ```
 */
export const LINKING_WORDS: readonly string[] =
  'a and as for in is of on the to with was that'.split(' ');
