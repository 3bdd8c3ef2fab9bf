/**
 * Formats a span of milliseconds for people: seconds under a minute, minutes
 * and seconds under an hour, hours and minutes beyond.
 *
 * @example
 * ```ts
 * formatDuration(52_119); // '52.1 s'
 * formatDuration(1_801_656); // '30 min 1.7 s'
 * formatDuration(60_000); // '1 min'
 * formatDuration(9_034_273); // '2 h 31 min'
 * formatDuration(21_600_000); // '6 h'
 * ```
 */
export function formatDuration(milliseconds: number): string {
  if (!Number.isFinite(milliseconds) || milliseconds < 0)
    throw new RangeError(`a duration must be a non-negative number, got ${String(milliseconds)}`);
  const seconds = milliseconds / 1_000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  if (seconds < 3_600) {
    const minutes = Math.floor(seconds / 60);
    const rest = (seconds - minutes * 60).toFixed(1);
    return rest === '0.0' ? `${String(minutes)} min` : `${String(minutes)} min ${rest} s`;
  }
  const hours = Math.floor(seconds / 3_600);
  const minutes = Math.round((seconds - hours * 3_600) / 60);
  if (minutes === 60) return `${String(hours + 1)} h`;
  return minutes === 0 ? `${String(hours)} h` : `${String(hours)} h ${String(minutes)} min`;
}
