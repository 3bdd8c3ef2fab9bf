import { paragraph } from './markdown/wrap-prose';

/**
 * The static "Earlier runs" note of a section: figures measured at a named
 * commit, kept as a historical record. They are not in the results file and
 * are not regenerated, so each note must name the commit it was measured at.
 *
 * @example
 * ```ts
 * earlierRuns(['At commit c80eb6d a pair took 3.58 µs.']);
 * ```
 */
export function earlierRuns(notes: readonly string[]): string {
  return paragraph(
    `_Earlier runs (historical record: measured at the commits named, not in the results file):_ ${notes.join(' ')}`,
  );
}
