export type {
  AgentCost,
  ClassCost,
  ModelCost,
  ReportDecision,
  TaskReport,
  TimelineEntry,
} from './task-report';
export { TaskLedger, type LedgerEntry } from './task-ledger';
export { buildTaskReport, type ReportAgent, type TaskReportInput } from './build-task-report';
export { renderReportHtml, type RenderReportHtmlOptions } from './render-report-html';
