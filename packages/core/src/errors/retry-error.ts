import { BursarError, hasErrorMarker } from './bursar-error';

const marker = 'bursar.error.RetryError';
const symbol = Symbol.for(marker);

/**
 * A call failed after the retries it was allowed: why retrying stopped, and
 * every attempt's error.
 *
 * @example
 * ```ts
 * if (RetryError.isInstance(error)) console.log(error.reason, error.errors.length);
 * ```
 */
export class RetryError extends BursarError {
  /** Marker for `isInstance` across package copies. @internal */
  readonly [symbol] = true;
  override readonly name: string = 'RetryError';
  readonly reason: 'maxRetriesExceeded' | 'notRetryable' | 'abort' | 'budget';
  readonly errors: readonly unknown[];

  constructor(options: {
    message: string;
    reason: RetryError['reason'];
    errors: readonly unknown[];
  }) {
    super(options.message, { cause: options.errors.at(-1) });
    this.reason = options.reason;
    this.errors = options.errors;
  }

  static override isInstance(error: unknown): error is RetryError {
    return hasErrorMarker(error, marker);
  }
}
