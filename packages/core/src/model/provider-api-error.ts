import { assertValidUsage, type Usage } from '../usage/usage';
import { BursarError, hasErrorMarker } from '../errors/bursar-error';

const marker = 'bursar.error.ProviderApiError';
const symbol = Symbol.for(marker);

/**
 * A call to a model provider failed. It says whether trying again can help
 * (`isRetryable`) and when (`retryAfterMs`); a spend limit the provider
 * enforces (`isSpendLimit`) is never retryable. Its `cause` is the provider
 * SDK's own error. It never carries an API key.
 *
 * A call can fail after the provider began billing it: a stream cut after the
 * API reported its usage bills the prompt and the output sent so far. That
 * attempt's normalized usage is `billedUsage`, so the caller charges it to the
 * call's reservation before retrying and the ledger still equals the invoice.
 *
 * @example
 * ```ts
 * if (ProviderApiError.isInstance(error)) {
 *   if (error.billedUsage !== undefined) reservation.charge(error.billedUsage);
 *   if (error.isRetryable) await sleep(error.retryAfterMs ?? 500);
 * }
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
  /**
   * What the provider billed for this failed attempt, normalized (cache writes
   * split by TTL), as far as it reported it before failing; undefined when it
   * billed nothing. A stream cut after `message_start` bills its prompt and
   * the output the API had reported (output it streamed after its last usage
   * report is not visible to the client).
   */
  readonly billedUsage: Usage | undefined;

  constructor(options: {
    message: string;
    provider: string;
    statusCode?: number | undefined;
    errorType?: string | undefined;
    isRetryable: boolean;
    retryAfterMs?: number | undefined;
    requestId?: string | undefined;
    isSpendLimit?: boolean;
    billedUsage?: Usage | undefined;
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
    if (options.billedUsage !== undefined) assertValidUsage(options.billedUsage, 'billedUsage');
    this.billedUsage =
      options.billedUsage === undefined ? undefined : Object.freeze({ ...options.billedUsage });
  }

  static override isInstance(error: unknown): error is ProviderApiError {
    return hasErrorMarker(error, marker);
  }
}
