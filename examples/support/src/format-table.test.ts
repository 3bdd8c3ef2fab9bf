import { describe, expect, it } from 'vitest';
import { formatTable } from './format-table';

describe('formatTable', () => {
  it('pads each column to its widest cell, right-aligning where asked, with a rule under the header', () => {
    const text = formatTable(
      [{ header: 'shape' }, { header: 'cost', align: 'right' }],
      [
        ['single', '$0.05'],
        ['fanOut', '$10.25'],
      ],
    );
    expect(text.split('\n')).toEqual([
      'shape     cost',
      '------  ------',
      'single   $0.05',
      'fanOut  $10.25',
    ]);
  });

  it('trims the end of each line and treats missing cells as empty', () => {
    const text = formatTable([{ header: 'a' }, { header: 'b' }], [['long value'], ['x', 'y']]);
    expect(text.split('\n')).toEqual([
      'a           b',
      '----------  -',
      'long value',
      'x           y',
    ]);
  });

  it('prints the header and rule alone when there are no rows', () => {
    expect(formatTable([{ header: 'turn', align: 'right' }], [])).toBe('turn\n----');
  });
});
