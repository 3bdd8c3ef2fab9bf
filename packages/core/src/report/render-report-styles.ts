/**
 * The report's stylesheet, inlined in its `<style>`: system fonts, a light
 * palette, text at 4.5:1 contrast or better, tabular figures for amounts.
 */
export const reportStyles = `
:root {
  color-scheme: light;
  --ink: #0f172a;
  --muted: #475569;
  --line: #e2e8f0;
  --soft: #f1f5f9;
  --page: #f8fafc;
  --card: #ffffff;
  --accent: #2563eb;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--page);
  color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif;
  font-variant-numeric: tabular-nums;
}
main { max-width: 1080px; margin: 0 auto; padding: 32px 24px 48px; }
header { margin-bottom: 24px; }
.eyebrow { margin: 0; color: var(--accent); font-size: 13px; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; }
h1 { margin: 4px 0 8px; font-size: 28px; line-height: 1.2; letter-spacing: -.01em; overflow-wrap: anywhere; }
h2 { margin: 0 0 4px; font-size: 18px; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0; color: var(--muted); font-size: 14px; align-items: center; }
.meta strong { color: var(--ink); font-weight: 600; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .9em; overflow-wrap: break-word; }
td code, tbody th code { white-space: nowrap; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin-bottom: 20px; }
.card, .panel { background: var(--card); border: 1px solid var(--line); border-radius: 12px; box-shadow: 0 1px 2px rgba(15, 23, 42, .04); }
.card { padding: 14px 16px; }
.card-label { margin: 0; color: var(--muted); font-size: 13px; font-weight: 600; }
.card-value { margin: 2px 0 6px; font-size: 22px; font-weight: 650; letter-spacing: -.01em; overflow-wrap: anywhere; }
.card-note { margin: 6px 0 0; color: var(--muted); font-size: 13px; }
.panel { padding: 20px 22px; margin-bottom: 20px; }
.panel-intro { margin: 0 0 14px; color: var(--muted); font-size: 14px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0 0 8px; padding: 0; list-style: none; color: var(--muted); font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; }
.key { display: inline-block; width: 18px; height: 0; border-top: 3px solid var(--accent); }
.key-limit { border-top: 2px dashed #dc2626; }
.key-decision { width: 12px; height: 12px; border: 0; border-radius: 50%; background: #475569; }
.chart-wrap { overflow-x: auto; }
.chart { display: block; width: 100%; height: auto; }
.chart-wide { min-width: 600px; }
.chart-narrow { display: none; max-width: 560px; margin: 0 auto; }
.chart text { font-family: inherit; }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .grid-x { stroke: var(--soft); }
.chart .axis { stroke: #94a3b8; stroke-width: 1; }
.chart .tick { fill: var(--muted); font-size: 12px; }
.chart .axis-title { fill: var(--muted); font-size: 13px; font-weight: 600; }
.chart .empty { fill: var(--muted); font-size: 16px; }
.chart .spend-area { fill: rgba(37, 99, 235, .10); stroke: none; }
.chart .spend-line { fill: none; stroke: var(--accent); stroke-width: 2.5; stroke-linejoin: round; }
.chart .spend-dot { fill: #fff; stroke: var(--accent); stroke-width: 2; }
.chart .label { font-size: 13px; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
.chart .spend-label { fill: #1d4ed8; }
.chart .limit-line { stroke: #dc2626; stroke-width: 2; stroke-dasharray: 7 5; }
.chart .limit-label { fill: #b91c1c; }
.chart .decision-line { fill: none; stroke-width: 1.5; stroke-dasharray: 3 4; opacity: .8; }
.chart .decision-number { fill: #fff; font-size: 11px; font-weight: 700; }
.decisions { list-style: none; margin: 16px 0 0; padding: 14px 0 0; border-top: 1px solid var(--line); display: grid; gap: 10px; }
.decision-item { display: grid; grid-template-columns: 24px 1fr; gap: 10px; align-items: start; }
.decision-badge { display: inline-flex; align-items: center; justify-content: center; width: 22px; height: 22px; border-radius: 50%; color: #fff; font-size: 12px; font-weight: 700; margin-top: 1px; }
.decision-head { margin: 0; display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; font-size: 14px; }
.kind { font-weight: 700; overflow-wrap: anywhere; }
.projection { color: var(--muted); }
.reason { margin: 2px 0 0; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.alert { margin: 0 0 20px; padding: 14px 18px; border: 1px solid #fecaca; border-left: 4px solid #b91c1c; border-radius: 12px; background: #fef2f2; color: #7f1d1d; }
.alert h2 { color: #991b1b; font-size: 16px; }
.alert p { margin: 0; overflow-wrap: anywhere; }
.subtask { display: block; font-weight: 400; font-size: 13px; overflow-wrap: anywhere; }
.table-note { margin: 8px 0 0; color: var(--muted); font-size: 13px; }
.empty-note { margin: 8px 0 0; color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { padding: 8px 10px; text-align: left; vertical-align: middle; border-bottom: 1px solid var(--line); }
thead th { color: var(--muted); font-size: 12px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; border-bottom: 1px solid #cbd5e1; white-space: nowrap; }
tbody tr:last-child > * { border-bottom: 0; }
tbody th { font-weight: 600; min-width: 9em; }
.classes tbody th { white-space: nowrap; }
.num { text-align: right; white-space: nowrap; }
.name { display: block; overflow-wrap: break-word; }
.sub { display: block; color: var(--muted); font-size: 12px; font-weight: 400; }
.share { min-width: 130px; width: 28%; white-space: nowrap; }
.bar, .meter { display: inline-block; vertical-align: middle; height: 8px; border-radius: 4px; background: var(--soft); overflow: hidden; }
.bar { width: calc(100% - 62px); min-width: 80px; }
.meter { display: block; width: 100%; margin-top: 8px; }
.bar > span, .meter > span { display: block; height: 100%; border-radius: 4px; }
.bar-value { display: inline-block; width: 56px; text-align: right; color: var(--muted); font-size: 13px; }
.stack { display: flex; height: 14px; border-radius: 7px; overflow: hidden; background: var(--soft); margin: 4px 0 12px; }
.stack > span { display: block; height: 100%; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 3px; margin-right: 8px; }
.pill { display: inline-block; max-width: 14em; overflow: hidden; text-overflow: ellipsis; vertical-align: middle; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.pill-good { background: #dcfce7; color: #166534; border-color: #bbf7d0; }
.pill-bad { background: #fee2e2; color: #991b1b; border-color: #fecaca; }
.pill-neutral { background: #f1f5f9; color: #334155; border-color: #e2e8f0; }
footer { color: var(--muted); font-size: 13px; margin-top: 8px; }
@media (max-width: 720px) {
  main { padding: 20px 12px 32px; }
  h1 { font-size: 22px; }
  .panel { padding: 16px 14px; }
  .cards { grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); }
  .chart-wide { display: none; }
  .chart-narrow { display: block; }
  /* Tables stack: one block per row, each value beside its column's heading. */
  .table-wrap { overflow-x: visible; }
  table, tbody, tr, tbody th, td { display: block; width: 100%; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  tbody tr { padding: 10px 0; border-bottom: 1px solid var(--line); }
  tbody tr:last-child { border-bottom: 0; }
  tbody th, td, tbody tr:last-child > * { border: 0; padding: 2px 0; }
  tbody th { min-width: 0; }
  td { display: flex; align-items: center; justify-content: space-between; gap: 12px; text-align: right; }
  td::before { content: attr(data-label); color: var(--muted); font-size: 13px; text-align: left; white-space: nowrap; }
  td code { white-space: normal; overflow-wrap: anywhere; }
  .share { width: 100%; min-width: 0; }
  .share .bar { flex: 1; width: auto; min-width: 40px; }
  .pill { max-width: 60vw; }
}
@media print { body { background: #fff; } .card, .panel { box-shadow: none; } }
`;
