import { BursarError, hasErrorMarker } from './bursar-error';
import { describeValue } from './describe-value';

const marker = 'bursar.error.InvalidArgumentError';
const symbol = Symbol.for(marker);

/**
 * The caller passed a bad option or value. It names the option (`argument`, a
 * path such as `usage.input` or `models["x"].output`) and carries the value
 * received; the message says what was expected.
 *
 * @example
 * ```ts
 * try {
 *   cost({ ...usage, input: -1 }, 'claude-sonnet-4-5');
 * } catch (error) {
 *   if (InvalidArgumentError.isInstance(error)) {
 *     console.error(error.argument, error.value); // 'usage.input' -1
 *   }
 * }
 * ```
 */
export class InvalidArgumentError extends BursarError {
  /** Marker for `isInstance` across package copies. @internal */
  readonly [symbol] = true;
  override readonly name: string = 'InvalidArgumentError';
  /** The option or field at fault, as a path (`usage.input`, `lane`). */
  readonly argument: string;
  /** The value that was received. */
  readonly value: unknown;

  constructor(options: { argument: string; value: unknown; message: string; cause?: unknown }) {
    super(
      `Invalid ${options.argument}: ${options.message} (received ${describeValue(options.value)}).`,
      { cause: options.cause },
    );
    this.argument = options.argument;
    this.value = options.value;
  }

  static override isInstance(error: unknown): error is InvalidArgumentError {
    return hasErrorMarker(error, marker);
  }
}
