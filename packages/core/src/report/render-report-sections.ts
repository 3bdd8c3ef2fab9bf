import { tokenClasses, type Usage } from '../usage/usage';
import { escapeHtml } from './render-escape-html';
import {
  decisionColor,
  formatCount,
  formatPercent,
  formatSeconds,
  shapeLabel,
  statusPill,
  tokenClassColors,
  tokenClassLabels,
  usdHtml,
  usdShortHtml,
} from './render-report-format';
import { agentLabels } from './report-agent-names';
import type { TaskReport } from './task-report';

/**
 * The cards at the top of the report: spend against the limit, calls, cache
 * hit share, the cost without caching, and the shape with the one not taken.
 *
 * @example
 * ```ts
 * renderSummary(report); // '<section class="cards">...</section>'
 * ```
 */
export function renderSummary(report: TaskReport): string {
  const { limit, shareUsed } = report.budget;
  const spend =
    limit === undefined
      ? `<p class="card-note">No dollar limit</p>`
      : meter(shareUsed ?? 0, (shareUsed ?? 0) > 1 ? '#b91c1c' : '#2563eb') +
        `<p class="card-note">of ${usdShortHtml(limit)} limit · ${formatPercent(shareUsed ?? 0)} used</p>`;
  const saved = report.counterfactuals.withoutCaching - report.cost;
  const savedShare =
    report.counterfactuals.withoutCaching > 0 ? saved / report.counterfactuals.withoutCaching : 0;
  const notTaken = report.counterfactuals.shapeNotTaken;
  return (
    `<section class="cards" aria-label="Summary">` +
    card('Spent', usdShortHtml(report.budget.spent), spend) +
    card(
      'Calls',
      formatCount(report.timeline.length),
      `<p class="card-note">${plural(report.byAgent.length, 'agent')} · ${plural(report.byModel.length, 'model')} · ${plural(totalTokens(report.usage), 'token')}</p>`,
    ) +
    card(
      'Cache hit share',
      formatPercent(report.cacheHitShare),
      `${meter(report.cacheHitShare, tokenClassColors.cacheRead)}<p class="card-note">of prompt tokens read from the cache</p>`,
    ) +
    card(
      'Without caching',
      usdShortHtml(report.counterfactuals.withoutCaching),
      `<p class="card-note">${cachingNote(saved, savedShare)}</p>`,
    ) +
    card(
      'Shape',
      escapeHtml(shapeLabel(report.shape)),
      `<p class="card-note">${notTaken === undefined ? 'no other shape priced' : `${escapeHtml(shapeLabel(notTaken.shape))} projected ${usdShortHtml(notTaken.projectedCost)}`}</p>`,
    ) +
    `</section>`
  );
}

/**
 * The decisions as a numbered list matching the chart's markers.
 *
 * @example
 * ```ts
 * renderDecisions(report); // '<ol class="decisions">...</ol>'
 * ```
 */
export function renderDecisions(report: TaskReport): string {
  if (report.decisions.length === 0) {
    const note =
      report.status === 'done'
        ? 'No decision was made: the task ran as planned.'
        : report.status === 'failed'
          ? `No decision was made before the task failed${report.error === undefined ? '' : '; why it failed is at the top of the page'}.`
          : `No decision was made before the task ended ${escapeHtml(report.status)}.`;
    return `<p class="empty-note">${note}</p>`;
  }
  const items = report.decisions.map((decision, index) => {
    const projection =
      decision.projectedBefore === undefined && decision.projectedAfter === undefined
        ? ''
        : `<span class="projection">projected ${decision.projectedBefore === undefined ? '—' : usdShortHtml(decision.projectedBefore)} → ${decision.projectedAfter === undefined ? '—' : usdShortHtml(decision.projectedAfter)}</span>`;
    return (
      `<li class="decision-item"><span class="decision-badge" style="background:${decisionColor(decision.kind)}">${index + 1}</span>` +
      `<div><p class="decision-head"><span class="kind" style="color:${decisionColor(decision.kind)}">${escapeHtml(decision.kind)}</span>` +
      `<span class="muted">at ${formatSeconds(decision.at, 2)}</span>${projection}</p>` +
      `<p class="reason">${escapeHtml(decision.reason)}</p></div></li>`
    );
  });
  return `<ol class="decisions">${items.join('')}</ol>`;
}

/**
 * Cost per agent, in the order the report lists them, with a bar for each
 * agent's share of the task's cost.
 *
 * @example
 * ```ts
 * renderAgents(report); // '<table class="agents">...</table>'
 * ```
 */
export function renderAgents(report: TaskReport): string {
  if (report.byAgent.length === 0) return `<p class="empty-note">No agent ran.</p>`;
  const labels = agentLabels(report);
  const headings = [
    'Agent',
    'Model',
    'Status',
    'Calls',
    'Tokens',
    'Cost',
    'Share of cost',
  ] as const;
  const rows = report.byAgent.map((agent) => {
    const label = labels.get(agent.agent) ?? { name: agent.agent, id: undefined };
    // The role when the name does not say it already, and a subagent's id.
    const detail = [
      ...(label.name === agent.role ? [] : [escapeHtml(agent.role)]),
      ...(label.id === undefined ? [] : [`<code>${escapeHtml(label.id)}</code>`]),
    ].join(' · ');
    const subtask =
      agent.subtask === undefined
        ? ''
        : `<span class="subtask">${escapeHtml(agent.subtask)}</span>`;
    return (
      `<tr class="agent-row"><th scope="row"><span class="name">${escapeHtml(label.name)}</span>${subtask}${detail === '' ? '' : `<span class="sub">${detail}</span>`}</th>` +
      cells(headings.slice(1), [
        `<code>${escapeHtml(agent.model)}</code>`,
        statusPill(agent.status),
        formatCount(agent.calls),
        formatCount(totalTokens(agent.usage)),
        usdHtml(agent.cost),
        shareBar(agent.cost, report.cost),
      ]) +
      `</tr>`
    );
  });
  return table('agents', headings, rows);
}

/**
 * Cost per token class: a stacked bar of the split, then a row per class.
 *
 * @example
 * ```ts
 * renderClasses(report); // '<div class="stack">...</div><table class="classes">...</table>'
 * ```
 */
export function renderClasses(report: TaskReport): string {
  const segments = tokenClasses
    .filter((name) => report.byClass[name].cost > 0 && report.cost > 0)
    .map(
      (name) =>
        `<span style="width:${percent(report.byClass[name].cost / report.cost)};background:${tokenClassColors[name]}" title="${tokenClassLabels[name]}: ${formatPercent(report.byClass[name].cost / report.cost)}"></span>`,
    );
  const headings = ['Token class', 'Tokens', 'Cost', 'Share of cost'] as const;
  const rows = tokenClasses.map(
    (name) =>
      `<tr><th scope="row"><span class="swatch" style="background:${tokenClassColors[name]}"></span>${tokenClassLabels[name]}</th>` +
      cells(headings.slice(1), [
        formatCount(report.byClass[name].tokens),
        usdHtml(report.byClass[name].cost),
        shareBar(report.byClass[name].cost, report.cost, tokenClassColors[name]),
      ]) +
      `</tr>`,
  );
  return (
    `<div class="stack" role="img" aria-label="Cost split by token class">${segments.join('')}</div>` +
    table('classes', headings, rows)
  );
}

/**
 * Cost per model.
 *
 * @example
 * ```ts
 * renderModels(report); // '<table class="models">...</table>'
 * ```
 */
export function renderModels(report: TaskReport): string {
  if (report.byModel.length === 0) return `<p class="empty-note">No billed calls.</p>`;
  const headings = ['Model', 'Calls', 'Tokens', 'Cost', 'Share of cost'] as const;
  const rows = report.byModel.map(
    (model) =>
      `<tr><th scope="row"><code>${escapeHtml(model.model)}</code></th>` +
      cells(headings.slice(1), [
        formatCount(model.calls),
        formatCount(totalTokens(model.usage)),
        usdHtml(model.cost),
        shareBar(model.cost, report.cost, '#0e7490'),
      ]) +
      `</tr>`,
  );
  return table('models', headings, rows);
}

/**
 * What the task would have cost otherwise, as bars against what it cost.
 *
 * @example
 * ```ts
 * renderCounterfactuals(report); // '<table class="counterfactuals">...</table>'
 * ```
 */
export function renderCounterfactuals(report: TaskReport): string {
  const notTaken = report.counterfactuals.shapeNotTaken;
  const lines: [string, number, string][] = [
    [`This run (${shapeLabel(report.shape)})`, report.cost, '#2563eb'],
    ['The same calls without caching', report.counterfactuals.withoutCaching, '#94a3b8'],
  ];
  if (notTaken !== undefined) {
    lines.push([
      `The shape not taken (${shapeLabel(notTaken.shape)}), projected`,
      notTaken.projectedCost,
      '#a78bfa',
    ]);
  }
  const top = Math.max(...lines.map(([, amount]) => amount));
  const headings = ['Scenario', 'Cost', 'Saved by this run', 'Cost to scale'] as const;
  const rows = lines.map(([label, amount, color], index) => {
    const saved = amount - report.cost;
    const against = index === 0 ? '<span class="muted">—</span>' : savedHtml(saved, amount);
    return (
      `<tr><th scope="row">${escapeHtml(label)}</th>` +
      cells(headings.slice(1), [usdHtml(amount), against, shareBar(amount, top, color, false)]) +
      `</tr>`
    );
  });
  return (
    table('counterfactuals', headings, rows) +
    `<p class="table-note">Saved by this run: the scenario's cost less this run's, and that as a share of the scenario's cost (negative: this run cost more).</p>`
  );
}

/**
 * What this run saved against a scenario: the amount, and its share of the
 * scenario's cost (the share the summary card gives for caching).
 */
function savedHtml(saved: number, scenario: number): string {
  const sign = saved >= 0 ? '' : '−';
  const share =
    scenario > 0
      ? ` <span class="muted">(${sign}${formatPercent(Math.abs(saved) / scenario)})</span>`
      : '';
  return `<span class="saved">${sign}${usdHtml(Math.abs(saved))}${share}</span>`;
}

function cachingNote(saved: number, savedShare: number): string {
  if (saved > 0)
    return `caching saved ${usdShortHtml(saved)}, ${formatPercent(savedShare)} of the cost without it`;
  if (saved < 0) return `caching cost ${usdShortHtml(-saved)} more than it saved`;
  return 'the same as this run';
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function card(label: string, value: string, note: string): string {
  return `<div class="card"><p class="card-label">${label}</p><p class="card-value">${value}</p>${note}</div>`;
}

/** Columns of figures, right-aligned so digits line up. */
const numericHeadings = new Set(['Calls', 'Tokens', 'Cost', 'Saved by this run']);
/** Columns drawn as a bar. */
const barHeadings = new Set(['Share of cost', 'Cost to scale']);

/**
 * A row's data cells, each labelled with its column's heading, which a
 * narrow page shows beside the value when the table stacks its rows.
 */
function cells(headings: readonly string[], values: readonly string[]): string {
  return values
    .map((value, index) => {
      const heading = headings[index] ?? '';
      const kind = numericHeadings.has(heading) ? 'num' : barHeadings.has(heading) ? 'share' : '';
      return `<td${kind === '' ? '' : ` class="${kind}"`} data-label="${escapeHtml(heading)}">${value}</td>`;
    })
    .join('');
}

function table(name: string, headings: readonly string[], rows: readonly string[]): string {
  const head = headings
    .map(
      (heading) =>
        `<th scope="col"${numericHeadings.has(heading) ? ' class="num"' : ''}>${heading}</th>`,
    )
    .join('');
  return `<div class="table-wrap"><table class="${name}"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function meter(share: number, color: string): string {
  return `<div class="meter"><span style="width:${percent(share)};background:${color}"></span></div>`;
}

function shareBar(part: number, whole: number, color = '#2563eb', showPercent = true): string {
  const share = whole > 0 ? part / whole : 0;
  return (
    `<div class="bar"><span style="width:${percent(share)};background:${color}"></span></div>` +
    (showPercent ? `<span class="bar-value">${formatPercent(share)}</span>` : '')
  );
}

/** A CSS width from a share, clamped to 0–100%. */
function percent(share: number): string {
  const clamped = Number.isFinite(share) ? Math.min(Math.max(share, 0), 1) : 0;
  return `${(clamped * 100).toFixed(2)}%`;
}

function totalTokens(usage: Usage): number {
  return tokenClasses.reduce((sum, name) => sum + usage[name], 0);
}
