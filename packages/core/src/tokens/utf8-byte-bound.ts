import { InvalidArgumentError } from '../errors/invalid-argument-error';

/**
 * The exact number of bytes `text` takes in UTF-8, counted without encoding it.
 *
 * A lone surrogate (a UTF-16 half with no partner) counts 3 bytes, because
 * UTF-8 encoders, `Buffer.byteLength` and `TextEncoder` included, write it as
 * U+FFFD. A valid surrogate pair counts 4.
 *
 * @example
 * ```ts
 * utf8ByteLength('hi'); // 2
 * utf8ByteLength('€'); // 3
 * utf8ByteLength('😀'); // 4
 * ```
 */
export function utf8ByteLength(text: string): number {
  if (typeof text !== 'string') {
    throw new InvalidArgumentError({ argument: 'text', value: text, message: 'expected a string' });
  }
  // A loop over UTF-16 code units rather than Buffer.byteLength or TextEncoder:
  // it allocates nothing for a long prompt, and Buffer is Node-only while core
  // runs anywhere.
  const length = text.length;
  let bytes = 0;
  for (let index = 0; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (code >= 0xd800 && code <= 0xdbff && index + 1 < length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        // A high surrogate followed by a low one: one code point past U+FFFF.
        bytes += 4;
        index += 1;
      } else {
        bytes += 3;
      }
    } else {
      // The rest of the BMP, and lone surrogates, which become U+FFFD.
      bytes += 3;
    }
  }
  return bytes;
}

/**
 * A hard upper bound on the tokens of `text`: its UTF-8 byte count.
 *
 * A byte-level BPE tokenizer starts from one token per byte and only ever
 * merges, so it never produces more tokens than the text has UTF-8 bytes. The
 * byte count is therefore a strict upper bound on the tokens of that text, for
 * any model, with no tokenizer at hand.
 *
 * It bounds the text only, not the framing a provider adds around it (role
 * markers, message separators, tool definitions, a system preamble); the
 * caller adds that. It also assumes the tokenizer does not normalize the text
 * first: a normalization such as NFKC can expand one character into many.
 *
 * @example
 * ```ts
 * const ceiling = tokenUpperBound(prompt) + framingTokens;
 * ```
 */
export function tokenUpperBound(text: string): number {
  return utf8ByteLength(text);
}
