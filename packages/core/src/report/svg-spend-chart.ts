import { formatUsd } from '../money/format-usd';
import { escapeHtml } from './render-escape-html';
import { decisionColor, formatSeconds, usdText } from './render-report-format';
import { layoutMarkers, markerRowCount } from './svg-marker-layout';
import type { TaskReport } from './task-report';
import { niceScale } from './svg-nice-scale';

/** The chart's geometry: a wide one for desktops, a narrow one for phones. */
interface ChartLayout {
  readonly variant: 'wide' | 'narrow';
  readonly width: number;
  readonly height: number;
  readonly margin: {
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
    readonly left: number;
  };
  readonly xTicks: number;
  readonly yTicks: number;
  /** Where the y axis's title sits, from the left edge. */
  readonly yTitleX: number;
}

const layouts: Readonly<Record<ChartLayout['variant'], ChartLayout>> = {
  wide: {
    variant: 'wide',
    width: 960,
    height: 380,
    margin: { top: 56, right: 36, bottom: 56, left: 92 },
    xTicks: 8,
    yTicks: 5,
    yTitleX: 18,
  },
  narrow: {
    variant: 'narrow',
    width: 420,
    height: 340,
    margin: { top: 56, right: 18, bottom: 52, left: 66 },
    xTicks: 4,
    yTicks: 4,
    yTitleX: 14,
  },
};

/** Above this many calls the chart draws the line only: a dot per call would be a smear. */
const maxDots = 120;
/** An empty chart still spans a cent and a second, so its axes read sensibly. */
const fallbackSpend = 10_000_000;
const fallbackDurationMs = 1_000;
/** A decision marker's radius, and the distance between two markers' centers. */
const markerRadius = 10;
const markerGap = 2 * markerRadius + 3;
/** Half a label's height: a label closer than this to the limit line would sit on it. */
const labelClearance = 14;

/**
 * The report's spend chart as inline SVG: cumulative spend against time as a
 * step line (spend changes only when a call is billed), the budget's limit as
 * a dashed line, and every decision of the orchestrator or the governor as a
 * numbered marker above the plot, joined to its time by a line, with its
 * kind and reason in a tooltip. Markers never overlap: decisions at the same
 * time sit side by side. The spend label keeps clear of the limit line. The
 * numbers match the decision list beside the chart.
 *
 * `variant` picks the geometry: `wide` (960 by 380) for desktops, `narrow`
 * (420 by 340, fewer ticks) for phones; the page carries both and shows one
 * by its width.
 *
 * @example
 * ```ts
 * const svg = renderSpendChart(report); // '<svg class="chart chart-wide" ...>...</svg>'
 * ```
 */
export function renderSpendChart(
  report: TaskReport,
  variant: ChartLayout['variant'] = 'wide',
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const layout = layouts[variant];
  const { width } = layout;
  const plotWidth = width - layout.margin.left - layout.margin.right;
  const plotRight = layout.margin.left + plotWidth;
  const { timeline, decisions } = report;
  // Rows of decision markers beyond the first make the chart taller at the top.
  const markerBounds = { gap: markerGap, low: layout.margin.left, high: plotRight };
  const extraTop = (markerRowCount(decisions.length, markerBounds) - 1) * markerGap;
  const margin = { ...layout.margin, top: layout.margin.top + extraTop };
  const height = layout.height + extraTop;
  const plotHeight = height - margin.top - margin.bottom;
  const plotBottom = margin.top + plotHeight;
  const limit = report.budget.limit;
  const last = timeline.at(-1);
  const spent = Math.max(report.budget.spent, last?.spent ?? 0);
  const xEnd = Math.max(
    finite(report.durationMs),
    finite(last?.at),
    ...decisions.map((decision) => finite(decision.at)),
  );
  const xScale = niceScale(xEnd, fallbackDurationMs, layout.xTicks);
  const yScale = niceScale(Math.max(spent, finite(limit)) * 1.08, fallbackSpend, layout.yTicks);
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
    `<text class="axis-title" x="${margin.left + plotWidth / 2}" y="${height - 8}" text-anchor="middle">${variant === 'wide' ? 'Time since the task started (seconds)' : 'Seconds since the start'}</text>`,
    `<text class="axis-title" transform="translate(${layout.yTitleX} ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${variant === 'wide' ? 'Cumulative spend (US dollars)' : 'Spend (US dollars)'}</text>`,
  );

  const limitY = limit !== undefined && Number.isFinite(limit) ? y(limit) : undefined;
  if (timeline.length === 0) {
    parts.push(
      `<text class="empty" x="${margin.left + plotWidth / 2}" y="${margin.top + plotHeight / 2}" text-anchor="middle" dominant-baseline="middle">No billed calls</text>`,
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
        const tooltip = `${names.get(entry.agent) ?? entry.agent} · ${entry.model}\n+${usdText(entry.cost)} → ${usdText(entry.spent)} at ${formatSeconds(entry.at, 3)}`;
        parts.push(
          `<circle class="spend-dot" cx="${n(x(entry.at))}" cy="${n(y(entry.spent))}" r="3.5"><title>${escapeHtml(tooltip)}</title></circle>`,
        );
      }
    }
    const endX = x(end);
    const nearRight = endX > plotRight - (variant === 'wide' ? 140 : 110);
    const labelY = spendLabelY(y(spent), limitY, margin.top, plotBottom);
    parts.push(
      `<text class="label spend-label" x="${n(nearRight ? endX - 4 : endX + 8)}" y="${n(labelY)}" text-anchor="${nearRight ? 'end' : 'start'}">${usdText(spent)} spent</text>`,
    );
  }

  if (limit !== undefined && limitY !== undefined) {
    parts.push(
      `<line class="limit-line" x1="${margin.left}" x2="${plotRight}" y1="${n(limitY)}" y2="${n(limitY)}"/>`,
      `<text class="label limit-label" x="${margin.left + 8}" y="${n(limitY - 8)}">Limit ${usdText(limit)}</text>`,
    );
  }

  parts.push(...decisionMarkers(report, x, markerBounds, margin.top, plotBottom));

  const description =
    timeline.length === 0
      ? 'No billed calls.'
      : `${usdText(spent)} spent over ${formatSeconds(report.durationMs)} in ${timeline.length} calls` +
        (limit === undefined ? ', no dollar limit' : ` against a limit of ${usdText(limit)}`) +
        `; ${decisions.length} decisions marked.`;
  return (
    `<svg class="chart chart-${variant}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="spend-chart-title-${variant} spend-chart-desc-${variant}">` +
    `<title id="spend-chart-title-${variant}">Cumulative spend over time</title>` +
    `<desc id="spend-chart-desc-${variant}">${escapeHtml(description)}</desc>` +
    parts.join('') +
    `</svg>`
  );
}

/**
 * The baseline of the "spent" label: just above the end of the line, unless
 * that would put it on the limit line or above the plot; then just below.
 */
function spendLabelY(
  spentY: number,
  limitY: number | undefined,
  plotTop: number,
  plotBottom: number,
): number {
  const above = spentY - 10;
  const below = spentY + 20;
  // The text spans about 11 px above its baseline and 3 below.
  const clear = (baseline: number) =>
    limitY === undefined ||
    limitY < baseline - 11 - labelClearance / 2 ||
    limitY > baseline + 3 + labelClearance / 2;
  if (above - 11 >= plotTop && clear(above)) return above;
  if (below <= plotBottom - 4 && clear(below)) return below;
  return clear(above) ? above : Math.min(below, plotBottom - 4);
}

/**
 * Numbered markers in a row above the plot, none overlapping (decisions at
 * the same time sit side by side), each joined to its time on the axis.
 */
function decisionMarkers(
  report: TaskReport,
  x: (at: number) => number,
  bounds: { readonly gap: number; readonly low: number; readonly high: number },
  plotTop: number,
  plotBottom: number,
): string[] {
  const times = report.decisions.map((decision) => x(decision.at));
  const placed = layoutMarkers(times, bounds);
  return report.decisions.map((decision, index) => {
    const at = times[index] ?? bounds.low;
    const { center, row } = placed[index] ?? { center: at, row: 0 };
    const cy = plotTop - markerRadius - 8 - row * markerGap;
    const color = decisionColor(decision.kind);
    const tooltip = `#${index + 1} ${decision.kind} at ${formatSeconds(decision.at, 3)}: ${decision.reason}`;
    return (
      `<g class="decision"><title>${escapeHtml(tooltip)}</title>` +
      `<path class="decision-line" d="M${n(center)} ${n(cy + markerRadius)}L${n(at)} ${plotTop}V${plotBottom}" stroke="${color}"/>` +
      `<circle class="decision-marker" cx="${n(center)}" cy="${n(cy)}" r="${markerRadius}" fill="${color}"/>` +
      `<text class="decision-number" x="${n(center)}" y="${n(cy)}" text-anchor="middle" dominant-baseline="central">${index + 1}</text></g>`
    );
  });
}

function finite(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) ? value : 0;
}

/** A coordinate with one decimal: enough for a 960-wide view box, and small for 1,000 points. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}
