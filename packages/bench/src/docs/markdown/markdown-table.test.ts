import { describe, expect, it } from 'vitest';
import { markdownTable } from './markdown-table';

describe('markdownTable', () => {
  it('writes the header, the rule and the rows, escaping pipes', () => {
    expect(markdownTable(['a', 'median |err|'], [['1', '2']])).toBe(
      '| a | median \\|err\\| |\n| --- | --- |\n| 1 | 2 |',
    );
  });

  it('refuses a row of the wrong width', () => {
    expect(() => markdownTable(['a', 'b'], [['1']])).toThrow(/row 0 has 1 cells, the header 2/);
  });
});
