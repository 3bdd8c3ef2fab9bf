import { dayOf } from './format-figures';
import { paragraph } from './markdown/wrap-prose';
import type { RunInfo } from './run-info-schema';

/** What {@link runHeading} needs. */
export interface RunHeadingInput {
  /** The section's title, without the `##`. */
  readonly title: string;
  /** The bench package script that wrote the results (`governor-overhead`). */
  readonly script: string;
  /** The results file, relative to `packages/bench/results/`. */
  readonly resultsFile: string;
  /** The results' date and machine. */
  readonly run: RunInfo;
  /** Said of the run after the command; by default that it is part of `pnpm bench`. */
  readonly runNote?: string;
  /** Which part of the results file holds the section's data, when not all of it. */
  readonly dataPart?: string;
}

/**
 * A section's heading and its run line: the command that produced the figures,
 * the date and machine of that run, and a link to the full data.
 *
 * @example
 * ```ts
 * runHeading({ title: 'Governor overhead', script: 'governor-overhead', resultsFile: 'governor-overhead.json', run: results });
 * ```
 */
export function runHeading(input: RunHeadingInput): string {
  const { machine } = input.run;
  const path = `packages/bench/results/${input.resultsFile}`;
  const link = `[${path}](../${path})`;
  const runLine =
    `Run: \`pnpm --filter @bursar/bench ${input.script}\` (${input.runNote ?? 'also part of `pnpm bench`'}), ` +
    `${dayOf(input.run.date)}, ${machine.cpuModel} (${String(machine.cores)} cores), ` +
    `${String(machine.totalMemoryGiB)} GiB, Node ${machine.nodeVersion}, ${machine.platform}. ` +
    `Full data: ${input.dataPart === undefined ? link : `${input.dataPart} of ${link}`}.`;
  return `## ${input.title}\n\n${paragraph(runLine)}`;
}
