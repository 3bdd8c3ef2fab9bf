import { ProviderApiError } from '../model/provider-api-error';

/**
 * How a failed call is tried again: every model call and every token count
 * follows the same policy (one owner of retries: the provider client makes
 * one attempt).
 *
 * @example
 * ```ts
 * const policy: RetryPolicy = { maxRetries: 2, sleep: (ms) => clock.sleep(ms) };
 * ```
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Waits between attempts; rejects when `signal` aborts. */
  readonly sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Asked before each retry with the wait it would take: false ends the call
   * `failed` with the last attempt's error (a deadline that leaves no room).
   * @default always
   */
  readonly shouldRetry?: (delayMs: number) => boolean;
}

/**
 * Whether an error is worth another attempt: a provider error that says so
 * (429, 5xx, 529, a dropped connection; never a spend limit).
 *
 * @example
 * ```ts
 * isRetryable(new ProviderApiError({ ...fields, isRetryable: true })); // true
 * ```
 */
export function isRetryable(error: unknown): boolean {
  return ProviderApiError.isInstance(error) && error.isRetryable;
}

/**
 * How long to wait before attempt `attemptNumber + 1`: the provider's
 * retry-after when it gave one, else 500 ms doubling.
 *
 * @example
 * ```ts
 * retryDelayMs(new Error('x'), 2); // 2000
 * ```
 */
export function retryDelayMs(error: unknown, attemptNumber: number): number {
  return (
    (ProviderApiError.isInstance(error) ? error.retryAfterMs : undefined) ??
    500 * 2 ** attemptNumber
  );
}
