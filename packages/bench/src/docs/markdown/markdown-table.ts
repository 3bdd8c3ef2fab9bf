/**
 * A Markdown table: a header row, the rule, then the rows. Pipes in cells are
 * escaped; Prettier aligns the columns when the page is written.
 *
 * @example
 * ```ts
 * markdownTable(['entries', 'hit µs'], [['1,000', '1.167']]);
 * // '| entries | hit µs |\n| --- | --- |\n| 1,000 | 1.167 |'
 * ```
 */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  for (const [index, row] of rows.entries()) {
    if (row.length !== header.length) {
      throw new RangeError(
        `table row ${String(index)} has ${String(row.length)} cells, the header ${String(header.length)}`,
      );
    }
  }
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
