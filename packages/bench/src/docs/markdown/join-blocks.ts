/**
 * Joins Markdown blocks with a blank line between them, leaving out the
 * `undefined`, `false` and empty ones (a block that only some data calls for).
 *
 * @example
 * ```ts
 * joinBlocks(['## Title', paragraph(text), misses.length > 0 && bullet(note)]);
 * ```
 */
export function joinBlocks(blocks: readonly (string | false | undefined)[]): string {
  return blocks
    .filter((block): block is string => typeof block === 'string' && block !== '')
    .join('\n\n');
}

/**
 * A list: its items, already rendered by `bullet`, one after another.
 *
 * @example
 * ```ts
 * list([bullet('one'), cheaper && bullet('two')]);
 * ```
 */
export function list(items: readonly (string | false | undefined)[]): string {
  return items.filter((item): item is string => typeof item === 'string' && item !== '').join('\n');
}
