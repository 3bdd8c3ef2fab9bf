import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { renderReportHtml, type RequestedShape } from '@bursar/core';
import type { ComparisonRun } from './run-comparison';

/** One HTML page written. */
export interface WrittenReport {
  readonly path: string;
  readonly shape: RequestedShape;
  readonly taskId: string;
}

/**
 * The path of a shape's page: `out` itself for `auto` (the page that shows
 * the orchestrator's choice), `out` with `-single` or `-fanOut` before its
 * extension for the others.
 */
export function reportPath(out: string, shape: RequestedShape): string {
  if (shape === 'auto') return out;
  const extension = extname(out);
  return `${out.slice(0, out.length - extension.length)}-${shape}${extension || '.html'}`;
}

/**
 * Writes the HTML cost report (`renderReportHtml`) of each run of the first
 * task, one page per shape, so the same task can be compared page by page.
 * Creates the folder when missing and returns the pages written.
 *
 * @example
 * ```ts
 * const pages = await writeReports(runs, join(tmpdir(), 'bursar-demo-report.html'));
 * ```
 */
export async function writeReports(
  runs: readonly ComparisonRun[],
  out: string,
): Promise<WrittenReport[]> {
  const first = runs[0]?.taskCase;
  const written: WrittenReport[] = [];
  await mkdir(dirname(out), { recursive: true });
  for (const run of runs.filter((candidate) => candidate.taskCase === first)) {
    const path = reportPath(out, run.shape);
    const ran = run.report.shape ?? 'no shape';
    const title = `Bursar demo: ${run.taskCase.task.id}, shape ${run.shape}${run.shape === 'auto' ? ` (ran ${ran})` : ''}`;
    await writeFile(path, renderReportHtml(run.report, { title }));
    written.push({ path, shape: run.shape, taskId: run.taskCase.task.id });
  }
  return written;
}
