import { formatDuration } from './format-duration';

/**
 * Rewrites every "<n> ms" in a text (a reason the core gives, such as the
 * lane choice's) as a duration people read, with {@link formatDuration}.
 *
 * @example
 * ```ts
 * humanizeMilliseconds('21600000 ms left holds the batch\'s expected 3600000 ms');
 * // '6 h left holds the batch\'s expected 1 h'
 * ```
 */
export function humanizeMilliseconds(text: string): string {
  return text.replace(/\b(\d+(?:\.\d+)?) ms\b/g, (_, digits: string) =>
    formatDuration(Number(digits)),
  );
}
