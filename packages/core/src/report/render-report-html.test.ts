import { describe, expect, it } from 'vitest';
import { formatUsd } from '../money/format-usd';
import { priceCall } from '../pricing/price-call';
import { defaultPriceTable } from '../pricing/price-table';
import { createUsage, type Usage } from '../usage/usage';
import { buildTaskReport, type TaskReportInput } from './build-task-report';
import { renderReportHtml } from './render-report-html';
import type { LedgerEntry } from './task-ledger';
import type { ReportDecision, TaskReport } from './task-report';

const haiku = 'claude-haiku-4-5';
const sonnet = 'claude-sonnet-4-5';

function entry(at: number, agent: string, model: string, usage: Partial<Usage>): LedgerEntry {
  const full = createUsage(usage);
  const price = priceCall(full, model);
  return {
    at,
    agent,
    model,
    lane: 'interactive',
    speed: 'standard',
    inferenceGeo: 'global',
    usage: full,
    cost: price.total,
    byClass: price.byClass,
  };
}

const decisions: ReportDecision[] = [
  {
    at: 1_500,
    kind: 'shape',
    reason: 'Two independent parts: fan-out is cheaper.',
    projectedBefore: 90_000_000,
    projectedAfter: 70_000_000,
  },
  {
    at: 6_000,
    kind: 'downgrade',
    reason: 'Projection passed 85% of the limit.',
    projectedBefore: 95_000_000,
    projectedAfter: undefined,
  },
];

function report(overrides: Partial<TaskReportInput> = {}): TaskReport {
  return buildTaskReport({
    taskId: 'task_abc',
    status: 'done',
    shape: 'fanOut',
    limit: 100_000_000,
    entries: [
      entry(1_000, 'triage', haiku, { input: 2_000, output: 100 }),
      entry(3_000, 'subagent:a', sonnet, { input: 800, cacheWrite5m: 4_000, output: 600 }),
      entry(4_000, 'subagent:b', sonnet, { input: 800, cacheWrite1h: 4_000, output: 700 }),
      entry(7_000, 'subagent:a', sonnet, { input: 500, cacheRead: 4_000, output: 300 }),
      entry(9_000, 'synthesize', sonnet, { input: 3_000, output: 900 }),
    ],
    agents: [
      { agent: 'triage', role: 'triage', model: haiku, status: 'done' },
      { agent: 'subagent:a', role: 'subagent', model: sonnet, status: 'done' },
      { agent: 'subagent:b', role: 'subagent', model: sonnet, status: 'done' },
      { agent: 'synthesize', role: 'synthesize', model: sonnet, status: 'done' },
    ],
    decisions,
    shapeNotTaken: { shape: 'single', projectedCost: 90_000_000 },
    durationMs: 9_500,
    priceTable: defaultPriceTable,
    ...overrides,
  });
}

function count(html: string, pattern: RegExp): number {
  return html.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))?.length ?? 0;
}

/** Checks that no computed value leaked as NaN, undefined or an infinity. */
function expectNoBadNumbers(html: string): void {
  expect(html).not.toMatch(/NaN|undefined|Infinity/);
}

describe('renderReportHtml', () => {
  it('renders one complete document with inline CSS and the chart as inline SVG, wide and narrow', () => {
    const html = renderReportHtml(report());
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(count(html, /<style>/)).toBe(1);
    expect(count(html, /<svg class="chart chart-wide"/)).toBe(1);
    expect(count(html, /<svg class="chart chart-narrow"/)).toBe(1);
    expect(html).toContain('<title id="spend-chart-title-wide">Cumulative spend over time</title>');
    expect(html).toContain(
      '<title id="spend-chart-title-narrow">Cumulative spend over time</title>',
    );
    for (const id of ['spend', 'agents', 'classes', 'models', 'counterfactuals']) {
      expect(html).toContain(`id="${id}"`);
    }
    expectNoBadNumbers(html);
  });

  it('needs no script and references nothing outside the file', () => {
    const html = renderReportHtml(report());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\b(src|href|xlink:href|srcset|action)\s*=/i);
    expect(html).not.toMatch(/url\(|@import|<link|<iframe|<object|<embed/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('escapes every string taken from the report, and the title', () => {
    const hostile = '<script>alert("x")</script>';
    const agent = `<img src=x onerror='alert(1)'>`;
    const html = renderReportHtml(
      report({
        taskId: `</title>${hostile}`,
        status: hostile,
        entries: [entry(1_000, agent, haiku, { input: 1_000, output: 10 })],
        agents: [{ agent, role: 'single', model: hostile, status: hostile }],
        decisions: [
          {
            at: 10,
            kind: hostile,
            reason: hostile,
            projectedBefore: undefined,
            projectedAfter: undefined,
          },
        ],
      }),
      { title: hostile },
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain(`onerror='`);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&#39;alert(1)&#39;&gt;');
    expect(html).toContain('<h1>&lt;script&gt;');
    // The page, then each of the two charts: its title, a dot and a decision.
    expect(count(html, /<\/title>/)).toBe(1 + 2 * (1 + 1 + 1));
  });

  it('formats amounts with formatUsd: six decimals in tables, the exact amount in a tooltip', () => {
    const built = report();
    const html = renderReportHtml(built);
    const synthesize = built.byAgent.find((agent) => agent.agent === 'synthesize');
    expect(synthesize).toBeDefined();
    const cost = synthesize?.cost ?? 0;
    expect(html).toContain(formatUsd(cost, { minDecimals: 6, maxDecimals: 6 }));
    expect(html).toContain('Limit $0.10');
    expect(html).toMatch(/>\$0\.05<\/text>/); // a y-axis tick
    expect(html).toMatch(/>4 s<\/text>/); // an x-axis tick
    const [first, ...rest] = built.byAgent;
    if (first === undefined) throw new Error('the fixture has agents');
    const rounded = renderReportHtml({
      ...built,
      byAgent: [{ ...first, cost: 1_234_567 }, ...rest],
    });
    expect(rounded).toContain(
      '<td class="num" data-label="Cost"><span title="$0.001234567">$0.001235</span></td>',
    );
  });

  it('shows cost per agent, per token class and per model', () => {
    const built = report();
    const html = renderReportHtml(built);
    expect(count(html, /<tr class="agent-row">/)).toBe(4);
    for (const agent of built.byAgent) expect(html).toContain(agent.agent);
    for (const label of [
      'Input',
      'Cache write (5 min)',
      'Cache write (1 h)',
      'Cache read',
      'Output',
    ]) {
      expect(html).toContain(`</span>${label}</th>`);
    }
    expect(html).toContain(`<code>${haiku}</code></th>`);
    expect(html).toContain(`<code>${sonnet}</code></th>`);
    expect(html).toContain('Cache hit share');
    expect(html).toContain(`${(built.cacheHitShare * 100).toFixed(1)}%`);
  });

  it('shows the counterfactuals, the status and the shape', () => {
    const built = report();
    const html = renderReportHtml(built);
    expect(html).toContain('The same calls without caching');
    expect(html).toContain(
      formatUsd(built.counterfactuals.withoutCaching, { minDecimals: 6, maxDecimals: 6 }),
    );
    expect(html).toContain('The shape not taken (single agent), projected');
    expect(html).toContain('$0.090000');
    expect(html).toContain('Shape <strong>fan-out</strong>');
    expect(html).toContain('<span class="pill pill-good" title="done">done</span>');
    expect(renderReportHtml(report({ status: 'stopped' }))).toContain('pill-bad');
  });

  it('marks every decision on the time axis, with its kind and reason in a tooltip, and lists it', () => {
    const html = renderReportHtml(report());
    expect(count(html, /<g class="decision">/)).toBe(2 * 2); // in each of the two charts
    expect(html).toContain(
      '<title>#1 shape at 1.500 s: Two independent parts: fan-out is cheaper.</title>',
    );
    expect(html).toContain(
      '<title>#2 downgrade at 6.000 s: Projection passed 85% of the limit.</title>',
    );
    expect(count(html, /<li class="decision-item">/)).toBe(2);
    expect(html).toContain('projected $0.09 → $0.07');
    expect(html).toContain('projected $0.095 → —');
    expect(html).toMatch(/<ul class="legend"[^>]*>.*shape<\/li>.*downgrade<\/li><\/ul>/);
  });

  it('draws the limit when there is one and says so when there is none', () => {
    expect(renderReportHtml(report())).toContain('class="limit-line"');
    const html = renderReportHtml(report({ limit: undefined }));
    expect(html).not.toContain('class="limit-line"');
    expect(html).toContain('No dollar limit');
    expect(html).toContain('The budget had no dollar limit.');
    expectNoBadNumbers(html);
  });

  it('renders an empty timeline with axes and a note instead of a line', () => {
    const html = renderReportHtml(
      report({
        entries: [],
        agents: [],
        decisions: [],
        shapeNotTaken: undefined,
        limit: undefined,
        durationMs: 0,
      }),
    );
    expect(html).toContain('>No billed calls</text>');
    expect(html).not.toContain('class="spend-line"');
    expect(html).toContain('No agent ran.');
    expect(html).toContain('No billed calls.');
    expect(html).toContain('No decision was made');
    expect(html).toMatch(/>\$0\.01<\/text>/);
    expect(html).toMatch(/>1\.0 s<\/text>/);
    expectNoBadNumbers(html);
  });

  it('renders a single call as a step with one dot', () => {
    const html = renderReportHtml(
      report({
        entries: [entry(2_000, 'single', haiku, { input: 500, output: 50 })],
        decisions: [],
      }),
    );
    expect(count(html, /class="spend-line"/)).toBe(2);
    expect(count(html, /class="spend-dot"/)).toBe(2);
    expectNoBadNumbers(html);
  });

  it('renders 1,000 calls as one compact path without a dot per call', () => {
    const entries = Array.from({ length: 1_000 }, (_, index) =>
      entry(1_000 * (index + 1), 'single', haiku, { input: 300, cacheRead: 2_000, output: 100 }),
    );
    const html = renderReportHtml(
      report({ entries, decisions: [], limit: 2_000_000_000, durationMs: 1_000_500 }),
    );
    const line = /<path class="spend-line" d="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(count(line, /V/)).toBe(1_000);
    expect(html).not.toContain('class="spend-dot"');
    expect(html.length).toBeLessThan(150_000); // two drawings of 1,000 steps
    expect(html).toMatch(/>1,000 s<\/text>/);
    expectNoBadNumbers(html);
  });

  it('stretches the time axis to the last decision and keeps the spend above the limit visible', () => {
    const html = renderReportHtml(
      report({
        limit: 10_000_000,
        decisions: [
          {
            at: 30_000,
            kind: 'stop',
            reason: 'over',
            projectedBefore: undefined,
            projectedAfter: undefined,
          },
        ],
      }),
    );
    expect(html).toMatch(/>30 s<\/text>/);
    expect(html).toMatch(/>\$0\.10<\/text>/); // the axis reaches past the $0.0955 spent
    expect(html).toContain('Limit $0.01');
    expect(html).toContain('<title>#1 stop at 30.000 s: over</title>');
  });

  it('says why a failed task failed, first thing on the page, and never that it ran as planned', () => {
    const error = 'Call failed and is not retryable: 401 authentication_error <invalid x-api-key>';
    const failed = report({ status: 'failed', entries: [], decisions: [], error });
    expect(failed.error).toBe(error);
    const html = renderReportHtml(failed);
    expect(html).toContain(
      '<section class="alert" role="alert"><h2>The task failed</h2><p class="alert-reason">Call failed and is not retryable: 401 authentication_error &lt;invalid x-api-key&gt;</p></section>',
    );
    expect(html.indexOf('class="alert"')).toBeLessThan(html.indexOf('class="cards"'));
    expect(html).not.toContain('ran as planned');
    expect(html).toContain(
      'No decision was made before the task failed; why it failed is at the top of the page.',
    );
    // Without the reason, the page says it was not given one; a done task has no alert.
    const silent = renderReportHtml(report({ status: 'failed', decisions: [] }));
    expect(silent).toContain('<h2>The task failed</h2><p>The report was not given the reason.</p>');
    expect(report().error).toBeUndefined();
    expect(renderReportHtml(report())).not.toContain('class="alert"');
    expect(renderReportHtml(report({ decisions: [] }))).toContain(
      'No decision was made: the task ran as planned.',
    );
  });

  it('names subagents Subagent 1, 2, ... with their id and subtask as details, in the table and the tooltips', () => {
    const html = renderReportHtml(
      report({
        agents: [
          { agent: 'triage', role: 'triage', model: haiku, status: 'done' },
          {
            agent: 'subagent:a',
            role: 'subagent',
            model: sonnet,
            status: 'done',
            subtask: 'Which river is longest?',
          },
          { agent: 'subagent:b', role: 'subagent', model: sonnet, status: 'done' },
          { agent: 'synthesize', role: 'synthesize', model: sonnet, status: 'done' },
        ],
      }),
    );
    expect(html).toContain(
      '<th scope="row"><span class="name">Subagent 1</span><span class="subtask">Which river is longest?</span><span class="sub">subagent · <code>subagent:a</code></span></th>',
    );
    expect(html).toContain(
      '<th scope="row"><span class="name">Subagent 2</span><span class="sub">subagent · <code>subagent:b</code></span></th>',
    );
    expect(html).toContain('<th scope="row"><span class="name">triage</span></th>');
    expect(html).toContain(`<title>Subagent 1 · ${sonnet}`);
    expect(html).not.toContain(`<title>subagent:a · `);
  });

  it('gives one share for one saving: the card and the table both divide by the cost without caching', () => {
    const built = report({
      entries: [
        entry(1_000, 'single', sonnet, { input: 500, cacheWrite5m: 4_000, output: 300 }),
        entry(3_000, 'single', sonnet, { input: 500, cacheRead: 40_000, output: 300 }),
      ],
    });
    const html = renderReportHtml(built);
    const saved = built.counterfactuals.withoutCaching - built.cost;
    expect(saved / built.cost).toBeGreaterThan(saved / built.counterfactuals.withoutCaching);
    expect(saved).toBeGreaterThan(0);
    const share = `${((saved / built.counterfactuals.withoutCaching) * 100).toFixed(1)}%`;
    expect(html).toContain(`of the cost without it`);
    expect(html).toContain(`, ${share} of the cost without it`);
    expect(html).toContain(`<span class="muted">(${share})</span>`);
    // No share of this run's cost anywhere.
    const other = `${((saved / built.cost) * 100).toFixed(1)}%`;
    expect(html).not.toContain(other);
  });

  it('keeps the spent label off the limit line: above the line end, or below when the limit is there', () => {
    const labelY = (html: string) =>
      Number(/<text class="label spend-label" x="[\d.]+" y="([\d.]+)"/.exec(html)?.[1]);
    const limitY = (html: string) =>
      Number(/<line class="limit-line" [^>]*y1="([\d.]+)"/.exec(html)?.[1]);
    const spentY = (html: string) =>
      Number(
        /V([\d.]+)H[\d.]+"\/>/.exec(
          /<path class="spend-line" d="[^"]+"\/>/.exec(html)?.[0] ?? '',
        )?.[1],
      );
    // Spend far below the limit: the label sits above the end of the line.
    const roomy = renderReportHtml(report({ limit: 1_000_000_000 }));
    expect(labelY(roomy)).toBeCloseTo(spentY(roomy) - 10, 0);
    // Spend a hair under the limit: above would sit on the limit line, so below.
    const built = report();
    const tight = renderReportHtml(report({ limit: Math.ceil(built.cost * 1.02) }));
    expect(labelY(tight)).toBeCloseTo(spentY(tight) + 20, 0);
    expect(Math.abs(labelY(tight) - limitY(tight))).toBeGreaterThan(14);
  });

  it('puts decisions made at the same moment side by side, never on top of each other', () => {
    const same = (kind: string): ReportDecision => ({
      at: 4_000,
      kind,
      reason: kind,
      projectedBefore: undefined,
      projectedAfter: undefined,
    });
    const html = renderReportHtml(
      report({ decisions: [same('shape'), same('prune'), same('downgrade')] }),
    );
    const wide = html.slice(html.indexOf('<svg class="chart chart-wide"'), html.indexOf('</svg>'));
    const centers = [
      ...wide.matchAll(/<circle class="decision-marker" cx="([\d.]+)" cy="([\d.]+)"/g),
    ].map((match) => ({ x: Number(match[1]), y: Number(match[2]) }));
    expect(centers).toHaveLength(3);
    expect(new Set(centers.map((center) => center.y)).size).toBe(1);
    const [first = 0, middle = 0, last = 0] = centers.map((center) => center.x);
    expect(middle - first).toBeGreaterThanOrEqual(20);
    expect(last - middle).toBeGreaterThanOrEqual(20);
    // The middle one sits on the moment itself; each line still ends at it.
    const lines = [
      ...wide.matchAll(/<path class="decision-line" d="M[\d.]+ [\d.]+L([\d.]+) /g),
    ].map((match) => Number(match[1]));
    expect(new Set(lines).size).toBe(1);
    expect(middle).toBe(lines[0]);
  });

  it('uses the title option for the heading and the page title', () => {
    expect(renderReportHtml(report(), { title: 'Nightly triage' })).toContain(
      '<title>Nightly triage · task_abc</title>',
    );
    expect(renderReportHtml(report())).toContain('<h1>Cost report</h1>');
  });
});
