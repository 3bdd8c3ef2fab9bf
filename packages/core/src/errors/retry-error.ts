import { BursarError, hasErrorMarker } from './bursar-error';
import { describeValue } from './describe-value';

const marker = 'bursar.error.RetryError';
const symbol = Symbol.for(marker);

// Longer causes are cut: a message is read by people, `errors` keeps them whole.
const maximumCauseLength = 1_000;

/**
 * A call failed after the retries it was allowed: why retrying stopped, and
 * every attempt's error. The message names the last attempt's error (unless
 * the message given already quotes it), so a log line says what went wrong:
 * `Call failed after 3 attempts: Anthropic API connection failed (Connection
 * error.: fetch failed: connect ECONNREFUSED 127.0.0.1:4141)`. That error is
 * also the `cause`.
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
    const last = options.errors.at(-1);
    super(withCause(options.message, options.errors.length > 0, last), { cause: last });
    this.reason = options.reason;
    this.errors = options.errors;
  }

  static override isInstance(error: unknown): error is RetryError {
    return hasErrorMarker(error, marker);
  }
}

/** `message`, then `: ` and what the last error says, unless `message` already says it. */
function withCause(message: string, hasCause: boolean, cause: unknown): string {
  if (!hasCause) return message;
  let text = describeCause(cause);
  if (text === '' || message.includes(text)) return message;
  if (text.length > maximumCauseLength) text = `${text.slice(0, maximumCauseLength)}…`;
  return `${message}: ${text}`;
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error || isErrorLike(cause)) {
    const { name, message } = cause as { name: unknown; message: unknown };
    const text = typeof message === 'string' ? message : '';
    // A Bursar error's message says what it is; another's needs its name (TypeError: ...).
    if (hasErrorMarker(cause, 'bursar.error') || typeof name !== 'string' || name === '')
      return text;
    return text === '' ? name : `${name}: ${text}`;
  }
  return describeValue(cause);
}

function isErrorLike(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
