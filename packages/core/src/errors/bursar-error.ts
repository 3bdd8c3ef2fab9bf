const baseMarker = 'bursar.error';
const baseSymbol = Symbol.for(baseMarker);

/**
 * The base class of every error Bursar throws.
 *
 * Each subclass sets an explicit `name` (a minifier may rename classes) and a
 * `Symbol.for('bursar.error.<Name>')` marker, so `isInstance` still works when two
 * copies of the package are installed and `instanceof` does not.
 *
 * @example
 * ```ts
 * try {
 *   cost(usage, 'claude-unknown');
 * } catch (error) {
 *   if (BursarError.isInstance(error)) console.error(error.message);
 * }
 * ```
 */
export class BursarError extends Error {
  /** Marker for `isInstance` across package copies. @internal */
  readonly [baseSymbol] = true;
  override readonly name: string = 'BursarError';

  /** True when `error` is a Bursar error from any copy of the package. */
  static isInstance(error: unknown): error is BursarError {
    return hasErrorMarker(error, baseMarker);
  }
}

/**
 * True when `error` carries the global-symbol marker `marker`.
 * @internal
 */
export function hasErrorMarker(error: unknown, marker: string): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[Symbol.for(marker)] === true
  );
}
