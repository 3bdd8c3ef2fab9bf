import { describe, expect, it } from 'vitest';
import { escapeHtml } from './render-escape-html';
import {
  decisionColor,
  formatCount,
  formatPercent,
  formatSeconds,
  statusTone,
  usdHtml,
  usdShortHtml,
  usdText,
} from './render-report-format';

describe('escapeHtml', () => {
  it('escapes the five characters that can open markup or close an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
    expect(escapeHtml('plain text: ü, →, 中')).toBe('plain text: ü, →, 中');
  });
});

describe('amounts', () => {
  it('shows ledger amounts to six decimals with the exact amount in a tooltip when rounded', () => {
    expect(usdHtml(3_000_000)).toBe('$0.003000');
    expect(usdHtml(1_500_000_000)).toBe('$1.500000');
    expect(usdHtml(19_545_123)).toBe('<span title="$0.019545123">$0.019545</span>');
  });

  it('shows headline amounts to four significant digits, two to six decimals', () => {
    expect(usdText(655_490_000)).toBe('$0.6555');
    expect(usdText(1_026_770_000)).toBe('$1.027');
    expect(usdText(12_500_000_000)).toBe('$12.50');
    expect(usdText(123_456)).toBe('$0.000123');
    expect(usdText(0)).toBe('$0.00');
    expect(usdShortHtml(655_490_000)).toBe('<span title="$0.65549">$0.6555</span>');
    expect(usdShortHtml(1_500_000_000)).toBe('$1.50');
  });

  it('shows a dash for a value that is not a whole number of nano-dollars', () => {
    expect(usdHtml(Number.NaN)).toBe('—');
    expect(usdText(0.5)).toBe('—');
    expect(usdShortHtml(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('counts, shares and times', () => {
  it('groups digits without depending on the locale', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(-1_000)).toBe('-1,000');
    expect(formatCount(Number.NaN)).toBe('—');
  });

  it('formats shares and seconds', () => {
    expect(formatPercent(0.6921)).toBe('69.2%');
    expect(formatSeconds(38_200)).toBe('38.2 s');
    expect(formatSeconds(1_200_500, 0)).toBe('1,201 s');
    expect(formatSeconds(250, 3)).toBe('0.250 s');
  });
});

describe('tones and colours', () => {
  it('reads a status as good, bad or neutral', () => {
    expect(statusTone('done')).toBe('good');
    expect(statusTone('stopped')).toBe('bad');
    expect(statusTone('budget-exceeded')).toBe('bad');
    expect(statusTone('downgraded')).toBe('neutral');
  });

  it('gives unknown kinds, including inherited property names, the neutral colour', () => {
    expect(decisionColor('downgrade')).toBe('#b45309');
    expect(decisionColor('constructor')).toBe('#475569');
    expect(decisionColor('__proto__')).toBe('#475569');
  });
});
