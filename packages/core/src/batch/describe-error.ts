/**
 * An error as one line for an event: its message when it is an `Error`
 * (prefixed with its name), else its string form. @internal
 *
 * @example
 * ```ts
 * describeError(new RangeError('too big')); // 'RangeError: too big'
 * ```
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  try {
    // JSON.stringify(undefined) is undefined at run time, whatever its type says.
    const json = JSON.stringify(error) as string | undefined;
    return json ?? 'undefined';
  } catch {
    // Cyclic or otherwise unserializable: say what it is rather than fail.
    return Object.prototype.toString.call(error);
  }
}
