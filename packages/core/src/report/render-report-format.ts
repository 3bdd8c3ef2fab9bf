import { formatUsd } from '../money/format-usd';
import type { Nanodollars } from '../money/nanodollars';
import type { TokenClass } from '../usage/usage';
import { escapeHtml } from './render-escape-html';

/**
 * An amount for a ledger column: dollars to exactly six decimals, so a column
 * of amounts lines up, with the exact amount in a tooltip when rounding hid
 * part of it. A value that is not a whole number of nano-dollars (a damaged
 * report) shows as a dash instead of throwing.
 *
 * @example
 * ```ts
 * usdHtml(19_545_123); // '<span title="$0.019545123">$0.019545</span>'
 * usdHtml(3_000_000); // '$0.003000'
 * ```
 */
export function usdHtml(amount: Nanodollars): string {
  if (!Number.isSafeInteger(amount)) return '—';
  return withExactTitle(amount, formatUsd(amount, { minDecimals: 6, maxDecimals: 6 }));
}

/**
 * An amount for a headline: four significant digits (two to six decimals),
 * with the exact amount in a tooltip when rounding hid part of it.
 *
 * @example
 * ```ts
 * usdShortHtml(655_490_000); // '<span title="$0.65549">$0.6555</span>'
 * ```
 */
export function usdShortHtml(amount: Nanodollars): string {
  return Number.isSafeInteger(amount) ? withExactTitle(amount, usdText(amount)) : '—';
}

/**
 * An amount as plain text (for SVG labels and tooltips): four significant
 * digits, two to six decimals.
 *
 * @example
 * ```ts
 * usdText(1_500_000_000); // '$1.50'
 * usdText(123_456); // '$0.000123'
 * ```
 */
export function usdText(amount: Nanodollars): string {
  if (!Number.isSafeInteger(amount)) return '—';
  // Floats only pick how many decimals to show; the amount itself is formatted exactly.
  const magnitude = Math.floor(Math.log10(Math.max(Math.abs(amount), 1) / 1e9));
  const decimals = Math.min(6, Math.max(2, 3 - magnitude));
  return formatUsd(amount, { maxDecimals: decimals });
}

function withExactTitle(amount: Nanodollars, shown: string): string {
  const exact = formatUsd(amount);
  return trimZeros(exact) === trimZeros(shown) ? shown : `<span title="${exact}">${shown}</span>`;
}

function trimZeros(amount: string): string {
  return amount.includes('.') ? amount.replace(/\.?0+$/, '') : amount;
}

/**
 * A whole count with thousands separators (`12,345`), locale-independent.
 *
 * @example
 * ```ts
 * formatCount(1234567); // '1,234,567'
 * ```
 */
export function formatCount(count: number): string {
  if (!Number.isFinite(count)) return '—';
  const digits = String(Math.round(Math.abs(count)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return count < 0 ? `-${grouped}` : grouped;
}

/**
 * A share from 0 to 1 as a percentage with one decimal (`42.5%`).
 *
 * @example
 * ```ts
 * formatPercent(0.425); // '42.5%'
 * ```
 */
export function formatPercent(share: number): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : '—';
}

/**
 * Milliseconds as seconds with the given decimals (`1.25 s`).
 *
 * @example
 * ```ts
 * formatSeconds(1250, 2); // '1.25 s'
 * ```
 */
export function formatSeconds(ms: number, decimals = 1): string {
  if (!Number.isFinite(ms)) return '—';
  const [whole = '0', fraction] = (ms / 1000).toFixed(decimals).split('.');
  const grouped = formatCount(Number(whole));
  return `${fraction === undefined ? grouped : `${grouped}.${fraction}`} s`;
}

/** A token class as users read it. */
export const tokenClassLabels: Readonly<Record<TokenClass, string>> = {
  input: 'Input',
  cacheWrite5m: 'Cache write (5 min)',
  cacheWrite1h: 'Cache write (1 h)',
  cacheRead: 'Cache read',
  output: 'Output',
};

/** Each token class's colour in bars and legends (all read against white). */
export const tokenClassColors: Readonly<Record<TokenClass, string>> = {
  input: '#2563eb',
  cacheWrite5m: '#d97706',
  cacheWrite1h: '#c2410c',
  cacheRead: '#059669',
  output: '#7c3aed',
};

const decisionColors: Readonly<Record<string, string>> = {
  shape: '#6d28d9',
  collapse: '#0e7490',
  downgrade: '#b45309',
  'cap-output': '#be185d',
  prune: '#047857',
  batch: '#4338ca',
  stop: '#b91c1c',
};

/**
 * The colour of a decision's kind (white text reads on it at 4.5:1 or better);
 * kinds not known here get slate.
 *
 * @example
 * ```ts
 * decisionColor('downgrade'); // '#b45309'
 * ```
 */
export function decisionColor(kind: string): string {
  return Object.hasOwn(decisionColors, kind) ? (decisionColors[kind] ?? '#475569') : '#475569';
}

/**
 * The shape of a task as users read it.
 *
 * @example
 * ```ts
 * shapeLabel('fanOut'); // 'fan-out'
 * ```
 */
export function shapeLabel(shape: 'single' | 'fanOut' | undefined): string {
  if (shape === 'single') return 'single agent';
  if (shape === 'fanOut') return 'fan-out';
  return 'not chosen';
}

/**
 * The tone of a status pill: `good` for finished work, `bad` for stops and
 * failures, `neutral` otherwise.
 *
 * @example
 * ```ts
 * statusTone('done'); // 'good'
 * ```
 */
export function statusTone(status: string): 'good' | 'bad' | 'neutral' {
  const value = status.toLowerCase();
  if (/^(done|completed?|succeeded|success|ok|finished)$/.test(value)) return 'good';
  if (/(stop|fail|error|abort|cancel|exceed|over-?budget|time-?out|timed)/.test(value))
    return 'bad';
  return 'neutral';
}

/**
 * A status as an escaped pill.
 *
 * @example
 * ```ts
 * statusPill('done'); // '<span class="pill pill-good" title="done">done</span>'
 * ```
 */
export function statusPill(status: string): string {
  const text = escapeHtml(status);
  return `<span class="pill pill-${statusTone(status)}" title="${text}">${text}</span>`;
}
