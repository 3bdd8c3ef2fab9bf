import { formatUsd } from '../money/format-usd';
import { escapeHtml } from './render-escape-html';
import { decisionColor, formatSeconds, usdText } from './render-report-format';
import type { TaskReport } from './task-report';
import { niceScale } from './svg-nice-scale';

const width = 960;
const height = 380;
const margin = { top: 48, right: 36, bottom: 56, left: 92 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;
const plotBottom = margin.top + plotHeight;
const plotRight = margin.left + plotWidth;
/** Above this many calls the chart draws the line only: a dot per call would be a smear. */
const maxDots = 120;
/** An empty chart still spans a cent and a second, so its axes read sensibly. */
const fallbackSpend = 10_000_000;
const fallbackDurationMs = 1_000;

/**
 * The report's spend chart as inline SVG: cumulative spend against time as a
 * step line (spend changes only when a call is billed), the budget's limit as
 * a dashed line, and every decision of the orchestrator or the governor as a
 * numbered marker on the time axis with its kind and reason in a tooltip. The
 * numbers match the decision list beside the chart.
 *
 * @example
 * ```ts
 * const svg = renderSpendChart(report); // '<svg class="chart" ...>...</svg>'
 * ```
 */
export function renderSpendChart(report: TaskReport): string {
  const { timeline, decisions } = report;
  const limit = report.budget.limit;
  const last = timeline.at(-1);
  const spent = Math.max(report.budget.spent, last?.spent ?? 0);
  const xEnd = Math.max(
    finite(report.durationMs),
    finite(last?.at),
    ...decisions.map((decision) => finite(decision.at)),
  );
  const xScale = niceScale(xEnd, fallbackDurationMs, 8);
  const yScale = niceScale(Math.max(spent, finite(limit)) * 1.08, fallbackSpend, 5);
  const x = (at: number): number =>
    margin.left + (Math.min(Math.max(finite(at), 0), xScale.max) / xScale.max) * plotWidth;
  const y = (amount: number): number =>
    plotBottom - (Math.min(Math.max(finite(amount), 0), yScale.max) / yScale.max) * plotHeight;

  const parts: string[] = [];
  const secondsDecimals = Math.min(3, Math.max(0, 3 - Math.floor(Math.log10(xScale.step))));
  for (const tick of yScale.ticks) {
    parts.push(
      `<line class="grid" x1="${margin.left}" x2="${plotRight}" y1="${n(y(tick))}" y2="${n(y(tick))}"/>`,
      `<text class="tick" x="${margin.left - 10}" y="${n(y(tick))}" text-anchor="end" dominant-baseline="middle">${formatUsd(tick)}</text>`,
    );
  }
  for (const tick of xScale.ticks) {
    parts.push(
      `<line class="grid grid-x" x1="${n(x(tick))}" x2="${n(x(tick))}" y1="${margin.top}" y2="${plotBottom}"/>`,
      `<line class="axis" x1="${n(x(tick))}" x2="${n(x(tick))}" y1="${plotBottom}" y2="${plotBottom + 5}"/>`,
      `<text class="tick" x="${n(x(tick))}" y="${plotBottom + 20}" text-anchor="middle">${formatSeconds(tick, secondsDecimals)}</text>`,
    );
  }
  parts.push(
    `<line class="axis" x1="${margin.left}" x2="${plotRight}" y1="${plotBottom}" y2="${plotBottom}"/>`,
    `<text class="axis-title" x="${margin.left + plotWidth / 2}" y="${height - 8}" text-anchor="middle">Time since the task started (seconds)</text>`,
    `<text class="axis-title" transform="translate(18 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">Cumulative spend (US dollars)</text>`,
  );

  if (timeline.length === 0) {
    parts.push(
      `<text class="empty" x="${margin.left + plotWidth / 2}" y="${margin.top + plotHeight / 2}" text-anchor="middle" dominant-baseline="middle">No billed calls yet</text>`,
    );
  } else {
    const end = Math.max(finite(report.durationMs), finite(last?.at));
    let line = `M${n(x(0))} ${n(y(0))}`;
    for (const entry of timeline) line += `H${n(x(entry.at))}V${n(y(entry.spent))}`;
    line += `H${n(x(end))}`;
    parts.push(
      `<path class="spend-area" d="${line}V${plotBottom}H${margin.left}Z"/>`,
      `<path class="spend-line" d="${line}"/>`,
    );
    if (timeline.length <= maxDots) {
      for (const entry of timeline) {
        const tooltip = `${entry.agent} · ${entry.model}\n+${usdText(entry.cost)} → ${usdText(entry.spent)} at ${formatSeconds(entry.at, 3)}`;
        parts.push(
          `<circle class="spend-dot" cx="${n(x(entry.at))}" cy="${n(y(entry.spent))}" r="3.5"><title>${escapeHtml(tooltip)}</title></circle>`,
        );
      }
    }
    const endX = x(end);
    const nearRight = endX > plotRight - 140;
    parts.push(
      `<text class="label spend-label" x="${n(nearRight ? endX - 4 : endX + 8)}" y="${n(y(spent) - 10)}" text-anchor="${nearRight ? 'end' : 'start'}">${usdText(spent)} spent</text>`,
    );
  }

  if (limit !== undefined && Number.isFinite(limit)) {
    parts.push(
      `<line class="limit-line" x1="${margin.left}" x2="${plotRight}" y1="${n(y(limit))}" y2="${n(y(limit))}"/>`,
      `<text class="label limit-label" x="${margin.left + 8}" y="${n(y(limit) - 8)}">Limit ${usdText(limit)}</text>`,
    );
  }

  parts.push(...decisionMarkers(report, x));

  const description =
    timeline.length === 0
      ? 'No billed calls.'
      : `${usdText(spent)} spent over ${formatSeconds(report.durationMs)} in ${timeline.length} calls` +
        (limit === undefined ? ', no dollar limit' : ` against a limit of ${usdText(limit)}`) +
        `; ${decisions.length} decisions marked.`;
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="spend-chart-title spend-chart-desc">` +
    `<title id="spend-chart-title">Cumulative spend over time</title>` +
    `<desc id="spend-chart-desc">${escapeHtml(description)}</desc>` +
    parts.join('') +
    `</svg>`
  );
}

/** Numbered markers, staggered over two rows so close decisions stay legible. */
function decisionMarkers(report: TaskReport, x: (at: number) => number): string[] {
  const parts: string[] = [];
  const lastInRow = [-Infinity, -Infinity];
  report.decisions.forEach((decision, index) => {
    const at = x(decision.at);
    const row = at - (lastInRow[0] ?? -Infinity) >= 22 ? 0 : 1;
    lastInRow[row] = at;
    const cy = margin.top - 16 - row * 22;
    const color = decisionColor(decision.kind);
    const tooltip = `#${index + 1} ${decision.kind} at ${formatSeconds(decision.at, 3)}: ${decision.reason}`;
    parts.push(
      `<g class="decision"><title>${escapeHtml(tooltip)}</title>` +
        `<line class="decision-line" x1="${n(at)}" x2="${n(at)}" y1="${n(cy + 9)}" y2="${plotBottom}" stroke="${color}"/>` +
        `<circle cx="${n(at)}" cy="${n(cy)}" r="10" fill="${color}"/>` +
        `<text class="decision-number" x="${n(at)}" y="${n(cy)}" text-anchor="middle" dominant-baseline="central">${index + 1}</text></g>`,
    );
  });
  return parts;
}

function finite(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? value : 0;
}

/** A coordinate with one decimal: enough for a 960-wide view box, and small for 1,000 points. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}
