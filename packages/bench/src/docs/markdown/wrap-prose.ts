const width = 80;

// A word that would change the Markdown if it began a line: a list marker, a
// heading, a quote, a table row or a setext underline.
const unsafeLineStart = /^(?:[-+*]|[>|<].*|#+|[-=]+|\d+[.)])$/;
// A unit stays on the line of its figure.
const unit = /^(?:µs|ms|s|GiB|MiB|MB)[.,;:)]*$/;

/** Splits text at spaces, keeping each `code span` whole and each unit with its figure. */
function words(text: string): string[] {
  const result: string[] = [];
  const push = (word: string): void => {
    const previous = result.at(-1);
    if (unit.test(word) && previous !== undefined)
      result[result.length - 1] = `${previous} ${word}`;
    else result.push(word);
  };
  let current = '';
  let inCode = false;
  for (const character of text.replace(/\s+/g, ' ').trim()) {
    if (character === '`') inCode = !inCode;
    if (character === ' ' && !inCode) {
      if (current !== '') push(current);
      current = '';
    } else {
      current += character;
    }
  }
  if (current !== '') push(current);
  return result;
}

function wrap(text: string, firstPrefix: string, restPrefix: string): string {
  const lines: string[] = [];
  let line = firstPrefix;
  let empty = true;
  for (const word of words(text)) {
    const fits = line.length + 1 + word.length <= width;
    if (!empty && !fits && !unsafeLineStart.test(word)) {
      lines.push(line);
      line = restPrefix + word;
    } else {
      line += empty ? word : ` ${word}`;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

/**
 * A paragraph of Markdown prose wrapped at 80 columns (Prettier keeps the
 * breaks: the repository's `proseWrap` is `preserve`). A word that would start
 * a list, heading or quote on its own line stays on the line before, and so
 * does a unit (`2.20 µs`).
 *
 * @example
 * ```ts
 * paragraph('The target, under 5 µs per pair, is met in every shape.');
 * ```
 */
export function paragraph(text: string): string {
  return wrap(text, '', '');
}

/**
 * A list item (`- text`) wrapped at 80 columns, its continuation lines
 * indented under the text.
 *
 * @example
 * ```ts
 * [bullet('first finding'), bullet('second finding')].join('\n');
 * ```
 */
export function bullet(text: string): string {
  return wrap(text, '- ', '  ');
}
