import { BursarError, hasErrorMarker } from './bursar-error';

const marker = 'bursar.error.ProviderApiError';
const symbol = Symbol.for(marker);

/**
 * A call to a model provider failed. It says whether trying again can help
 * (`isRetryable`) and when (`retryAfterMs`); a spend limit the provider
 * enforces (`isSpendLimit`) is never retryable. Its `cause` is the provider
 * SDK's own error. It never carries an API key.
 *
 * @example
 * ```ts
 * if (ProviderApiError.isInstance(error) && error.isRetryable) await sleep(error.retryAfterMs ?? 500);
 * ```
 */
export class ProviderApiError extends BursarError {
  /** Marker for `isInstance` across package copies. @internal */
  readonly [symbol] = true;
  override readonly name: string = 'ProviderApiError';
  readonly provider: string;
  /** HTTP status, or undefined for a connection failure. */
  readonly statusCode: number | undefined;
  /** The provider's error type (`rate_limit_error`, `overloaded_error`, …). */
  readonly errorType: string | undefined;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;
  /** The provider refused because a spend limit was reached: never retry. */
  readonly isSpendLimit: boolean;

  constructor(options: {
    message: string;
    provider: string;
    statusCode?: number | undefined;
    errorType?: string | undefined;
    isRetryable: boolean;
    retryAfterMs?: number | undefined;
    requestId?: string | undefined;
    isSpendLimit?: boolean;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.provider = options.provider;
    this.statusCode = options.statusCode;
    this.errorType = options.errorType;
    this.isSpendLimit = options.isSpendLimit ?? false;
    this.isRetryable = options.isRetryable && !this.isSpendLimit;
    this.retryAfterMs = options.retryAfterMs;
    this.requestId = options.requestId;
  }

  static override isInstance(error: unknown): error is ProviderApiError {
    return hasErrorMarker(error, marker);
  }
}
