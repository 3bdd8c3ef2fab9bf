/**
 * Whether `signal` has been aborted. A function rather than an inline check:
 * TypeScript would otherwise narrow `signal.aborted` across awaits.
 *
 * @example
 * ```ts
 * if (isAborted(options.signal)) return;
 * ```
 */
export function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}
