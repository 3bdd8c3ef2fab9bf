import { escapeHtml } from './render-escape-html';
import { decisionColor, formatSeconds, shapeLabel, statusPill } from './render-report-format';
import {
  renderAgents,
  renderClasses,
  renderCounterfactuals,
  renderDecisions,
  renderModels,
  renderSummary,
} from './render-report-sections';
import { reportStyles } from './render-report-styles';
import { agentLabels } from './report-agent-names';
import { renderSpendChart } from './svg-spend-chart';
import type { TaskReport } from './task-report';

/** Options of {@link renderReportHtml}. */
export interface RenderReportHtmlOptions {
  /**
   * The page's title and main heading.
   * @default 'Cost report'
   */
  readonly title?: string;
}

/**
 * Renders a task's report as one self-contained HTML page: inline CSS and
 * inline SVG, no script and no reference to anything outside the file, so it
 * opens offline and can be mailed or attached to a CI run as is.
 *
 * The page shows why the task failed (the report's `error`) when it did, the
 * cumulative spend against the budget's limit over time with the decisions
 * of the orchestrator and the governor marked on it, the cost per agent
 * (subagents as `Subagent 1`, `Subagent 2`, ... with their subtask when the
 * report has it), per token class and per model, the cache hit share, the
 * counterfactuals (the same calls without caching; the shape not taken), and
 * the task's status and shape. It reads on a phone: under 720 px wide the
 * chart switches to a narrow drawing and the tables stack their rows. Amounts are shown with {@link formatUsd} to six
 * decimals, the exact amount in a tooltip when rounding hid part of it. Every
 * string taken from the report (task id, agent names, models, statuses,
 * reasons) is HTML-escaped, and so is `options.title`.
 *
 * @param report - The report, e.g. from {@link buildTaskReport}.
 * @param options - {@link RenderReportHtmlOptions}.
 * @returns The page, `<!doctype html>` first; write it to a `.html` file.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { buildTaskReport, renderReportHtml } from '@bursar/core';
 *
 * const report = buildTaskReport({ taskId, status: 'done', shape: 'single', limit, entries: ledger.entries, agents, decisions: [], shapeNotTaken: undefined, durationMs, priceTable });
 * await writeFile('report.html', renderReportHtml(report, { title: 'Nightly triage' }));
 * ```
 */
export function renderReportHtml(
  report: TaskReport,
  options: RenderReportHtmlOptions = {},
): string {
  const title = options.title ?? 'Cost report';
  const limitNote =
    report.budget.limit === undefined
      ? 'The budget had no dollar limit.'
      : 'The dashed line is the budget’s limit.';
  const decisionNote =
    report.decisions.length === 0
      ? ''
      : ' Numbered markers are the decisions listed below; hover one for its reason.';
  const names = new Map([...agentLabels(report)].map(([agent, label]) => [agent, label.name]));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Bursar">
<title>${escapeHtml(title)} · ${escapeHtml(report.taskId)}</title>
<style>${reportStyles}</style>
</head>
<body>
<main>
<header>
<p class="eyebrow">Bursar cost report</p>
<h1>${escapeHtml(title)}</h1>
<p class="meta"><span>Task <code>${escapeHtml(report.taskId)}</code></span><span>${statusPill(report.status)}</span><span>Shape <strong>${escapeHtml(shapeLabel(report.shape))}</strong></span><span>Duration <strong>${formatSeconds(report.durationMs, 1)}</strong></span></p>
</header>
${renderFailure(report)}${renderSummary(report)}
<section class="panel" id="spend" aria-labelledby="spend-heading">
<h2 id="spend-heading">Spend over time</h2>
<p class="panel-intro">Cumulative spend after each billed call. ${limitNote}${decisionNote}</p>
${renderLegend(report)}
<div class="chart-wrap">${renderSpendChart(report, 'wide', names)}${renderSpendChart(report, 'narrow', names)}</div>
${renderDecisions(report)}
</section>
<section class="panel" id="agents" aria-labelledby="agents-heading">
<h2 id="agents-heading">Cost per agent</h2>
${renderAgents(report)}
</section>
<section class="panel" id="classes" aria-labelledby="classes-heading">
<h2 id="classes-heading">Cost per token class</h2>
${renderClasses(report)}
</section>
<section class="panel" id="models" aria-labelledby="models-heading">
<h2 id="models-heading">Cost per model</h2>
${renderModels(report)}
</section>
<section class="panel" id="counterfactuals" aria-labelledby="counterfactuals-heading">
<h2 id="counterfactuals-heading">What it would have cost otherwise</h2>
${renderCounterfactuals(report)}
</section>
<footer><p>Report format <code>${escapeHtml(report.format)}</code>. Every amount comes from the ledger of billed calls, in US dollars shown to six decimals; hover an amount for its exact value where it was rounded.</p></footer>
</main>
</body>
</html>
`;
}

/** Why the task failed or stopped, first thing on the page, when the report says. */
function renderFailure(report: TaskReport): string {
  if (report.error === undefined) {
    return report.status === 'failed'
      ? `<section class="alert" role="alert"><h2>The task failed</h2><p>The report was not given the reason.</p></section>\n`
      : '';
  }
  const heading = report.status === 'failed' ? 'The task failed' : 'Why the task stopped';
  return `<section class="alert" role="alert"><h2>${heading}</h2><p class="alert-reason">${escapeHtml(report.error)}</p></section>\n`;
}

function renderLegend(report: TaskReport): string {
  const kinds = [...new Set(report.decisions.map((decision) => decision.kind))];
  const items = [
    `<li><span class="key"></span>Cumulative spend</li>`,
    report.budget.limit === undefined ? '' : `<li><span class="key key-limit"></span>Limit</li>`,
    ...kinds.map(
      (kind) =>
        `<li><span class="key key-decision" style="background:${decisionColor(kind)}"></span>${escapeHtml(kind)}</li>`,
    ),
  ];
  return `<ul class="legend" aria-label="Legend">${items.join('')}</ul>`;
}
