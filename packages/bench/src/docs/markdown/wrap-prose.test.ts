import { describe, expect, it } from 'vitest';
import { bullet, paragraph } from './wrap-prose';

describe('paragraph', () => {
  it('wraps at 80 columns without splitting a code span', () => {
    const text = `${'word '.repeat(14)}\`a code span with spaces\` ${'tail '.repeat(10)}`;
    const lines = paragraph(text).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(paragraph(text)).toContain('`a code span with spaces`');
  });

  it('never starts a line with a word that would make a list, a quote or a heading', () => {
    for (const risky of ['-', '+', '1.', '>=', '#', '|']) {
      const text = `${'x'.repeat(78)} ${risky} after`;
      const lines = paragraph(text).split('\n');
      for (const line of lines.slice(1)) expect(line.startsWith(risky)).toBe(false);
    }
  });
});

describe('bullet', () => {
  it('indents the continuation lines under the text', () => {
    const lines = bullet('word '.repeat(40)).split('\n');
    expect(lines[0]?.startsWith('- word')).toBe(true);
    for (const line of lines.slice(1)) expect(line.startsWith('  word')).toBe(true);
  });
});

describe('paragraph and units', () => {
  it('keeps a unit on the line of its figure', () => {
    const text = `${'x'.repeat(74)} 2.33 µs.`;
    expect(paragraph(text)).toBe(`${'x'.repeat(74)}\n2.33 µs.`);
  });
});
