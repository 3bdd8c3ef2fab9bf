import { AnthropicError, APIConnectionError, APIUserAbortError } from '@anthropic-ai/sdk';
import { BursarError, InvalidArgumentError, ProviderApiError, type Usage } from '@bursar/core/spec';
import { redactSecrets, scrubErrorChain } from './redact-secrets';

/**
 * `error.details.error_code` values of a spend limit: the account may not spend
 * more now, so the error is never retryable.
 *
 * @example
 * ```ts
 * spendLimitErrorCodes.includes('enforced_spend_limit_reached'); // true
 * ```
 */
export const spendLimitErrorCodes: readonly string[] = [
  'enforced_spend_limit_reached',
  'contract_spend_limit_reached',
];

// Error types an `error` event of a stream carries when the failure is transient.
const retryableErrorTypes: ReadonlySet<string> = new Set([
  'overloaded_error',
  'api_error',
  'rate_limit_error',
  'timeout_error',
]);

/**
 * Options of {@link mapAnthropicError}.
 *
 * @example
 * ```ts
 * mapAnthropicError(error, { secrets: [apiKey], now: Date.now() });
 * ```
 */
export interface MapAnthropicErrorOptions {
  /** Strings that must never appear in what is thrown (the API key). */
  readonly secrets?: readonly string[];
  /** Now, in ms since the epoch, for a `retry-after` given as a date. @default Date.now() */
  readonly now?: number;
  /**
   * What the failed attempt was billed (a stream cut after `message_start`),
   * carried as the error's `billedUsage`.
   */
  readonly billedUsage?: Usage | undefined;
}

/**
 * What to throw for an error of an Anthropic SDK call: every SDK error becomes
 * a {@link ProviderApiError} (provider `anthropic`) whose `cause` is the SDK
 * error; anything else is returned as it is. Secrets are scrubbed from both.
 *
 * - `statusCode`, `errorType` (the body's `error.type`) and `requestId` come
 *   from the response.
 * - Retryable: 408, 409, 429, 5xx (529 included), connection failures and
 *   timeouts, a stream broken mid-way, and a stream's `error` event of a
 *   transient type; an `x-should-retry` header overrides the status.
 * - `retryAfterMs` from `retry-after-ms`, else `retry-after` (seconds or a date).
 * - A 429 whose `error.details.error_code` is a spend limit has `isSpendLimit`
 *   and is never retryable.
 * - `options.billedUsage` (what a cut stream was billed) becomes `billedUsage`.
 *
 * @example
 * ```ts
 * try {
 *   await sdk.messages.create(params, { maxRetries: 0 });
 * } catch (error) {
 *   throw mapAnthropicError(error, { secrets: [apiKey] });
 * }
 * ```
 */
export function mapAnthropicError(error: unknown, options: MapAnthropicErrorOptions = {}): unknown {
  const secrets = options.secrets ?? [];
  // The error itself once scrubbed, or a redacted stand-in when it could not be.
  const scrubbed = scrubErrorChain(error, secrets);
  if (BursarError.isInstance(error)) return scrubbed;
  if (isMissingCredentials(error)) {
    return new InvalidArgumentError({
      argument: 'apiKey',
      value: undefined,
      message:
        'no API key, so nothing was sent: pass apiKey to createAnthropicClient (or a client built with one), or set ANTHROPIC_API_KEY',
      cause: scrubbed,
    });
  }
  if (!isSdkError(error)) return scrubbed;

  const fields = error as SdkErrorFields;
  const statusCode = typeof fields.status === 'number' ? fields.status : undefined;
  const body = asRecord(fields.error);
  const bodyError = asRecord(body?.['error']);
  const errorType = asString(fields.type) ?? asString(bodyError?.['type']);
  const errorCode =
    asString(fields.errorCode) ?? asString(asRecord(bodyError?.['details'])?.['error_code']);
  const requestId = asString(fields.requestID) ?? asString(body?.['request_id']);
  const apiMessage = asString(fields.apiMessage) ?? asString(bodyError?.['message']);
  const isSpendLimit = errorCode !== undefined && spendLimitErrorCodes.includes(errorCode);
  const isConnection =
    error instanceof APIConnectionError || fields.name.startsWith('APIConnection');
  const isAbort = error instanceof APIUserAbortError || fields.name === 'APIUserAbortError';

  const shouldRetry = header(fields.headers, 'x-should-retry');
  let isRetryable: boolean;
  if (shouldRetry === 'true' || shouldRetry === 'false') isRetryable = shouldRetry === 'true';
  else if (statusCode !== undefined) {
    isRetryable =
      statusCode === 408 || statusCode === 409 || statusCode === 429 || statusCode >= 500;
  } else if (isAbort) isRetryable = false;
  else if (isConnection) isRetryable = true;
  else if (errorType !== undefined) isRetryable = retryableErrorTypes.has(errorType);
  else isRetryable = fields.cause instanceof Error;

  const cause = describeCauses(error);
  let message: string;
  if (statusCode !== undefined || errorType !== undefined) {
    const status = [statusCode, errorType].filter((part) => part !== undefined).join(' ');
    message = `Anthropic API error ${status}: ${apiMessage ?? fields.message}`;
  } else if (isConnection) message = `Anthropic API connection failed (${fields.message}${cause})`;
  else message = `Anthropic API call failed: ${fields.message}${cause}`;
  if (statusCode === 401 || errorType === 'authentication_error') {
    message +=
      ' [the API key was refused: it is missing, invalid or revoked; check ANTHROPIC_API_KEY or the apiKey option]';
  }
  if (isSpendLimit) message += ` [${errorCode}: a spend limit, not retryable]`;
  if (requestId !== undefined) message += ` (request ${requestId})`;

  return new ProviderApiError({
    message: redactSecrets(message, secrets),
    provider: 'anthropic',
    statusCode,
    errorType,
    isRetryable,
    retryAfterMs: retryAfterMs(fields.headers, options.now ?? Date.now()),
    requestId,
    isSpendLimit,
    billedUsage: options.billedUsage,
    cause: scrubbed,
  });
}

// The SDK found no credential and sent nothing: a plain Error up to 1.16, a
// CredentialsError from 1.17 on; the message is the same in both.
function isMissingCredentials(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'CredentialsError' ||
    error.message.startsWith('Could not resolve authentication method')
  );
}

const maximumCauses = 8;

/**
 * What an error's causes say, for its message: `: <cause>: <its cause>...`,
 * each message once (an aggregate's errors joined by `; `), then the deepest
 * system error code (`ECONNREFUSED`, `ENOTFOUND`, ...) in brackets when no
 * message names it; empty without a cause. `fetch failed` alone says nothing:
 * undici's reason is two causes down.
 */
function describeCauses(error: Error): string {
  const messages: string[] = [];
  let code: string | undefined;
  const seen = new Set<unknown>([error]);
  let current: unknown = (error as { cause?: unknown }).cause;
  for (let depth = 0; depth < maximumCauses; depth += 1) {
    if (typeof current !== 'object' || current === null || seen.has(current)) break;
    seen.add(current);
    const fields = current as { message?: unknown; code?: unknown; errors?: unknown };
    const aggregated: unknown[] = Array.isArray(fields.errors) ? fields.errors : [];
    const parts = [fields.message, ...aggregated]
      .map((part) => (typeof part === 'string' ? part : asString(asRecord(part)?.['message'])))
      .filter((part): part is string => part !== undefined && part !== '');
    const text = [...new Set(parts)].join('; ');
    if (text !== '' && !messages.includes(text)) messages.push(text);
    if (typeof fields.code === 'string' && fields.code !== '') code = fields.code;
    current = (current as { cause?: unknown }).cause;
  }
  let described = messages.map((message) => `: ${message}`).join('');
  if (code !== undefined && !described.includes(code)) described += ` [${code}]`;
  return described;
}

interface SdkErrorFields {
  readonly name: string;
  readonly message: string;
  readonly status?: unknown;
  readonly headers?: unknown;
  readonly error?: unknown;
  readonly requestID?: unknown;
  readonly type?: unknown;
  readonly errorCode?: unknown;
  readonly apiMessage?: unknown;
  readonly cause?: unknown;
}

// `instanceof` fails for a client from another copy of the SDK; its API errors
// still carry status, headers and error (the parsed body) as own fields.
function isSdkError(error: unknown): error is Error {
  if (error instanceof AnthropicError) return true;
  return error instanceof Error && 'status' in error && 'headers' in error && 'error' in error;
}

/**
 * Milliseconds to wait before retrying, from `retry-after-ms`, else
 * `retry-after` in seconds or as an HTTP date; undefined when neither is usable.
 *
 * @example
 * ```ts
 * retryAfterMs(new Headers({ 'retry-after': '2' }), Date.now()); // 2000
 * ```
 * @internal
 */
export function retryAfterMs(headers: unknown, now: number): number | undefined {
  const milliseconds = header(headers, 'retry-after-ms');
  if (milliseconds !== undefined) {
    const value = Number(milliseconds);
    if (milliseconds.trim() !== '' && Number.isFinite(value) && value >= 0) return Math.ceil(value);
  }
  const after = header(headers, 'retry-after');
  if (after === undefined || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function header(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get !== 'function') return undefined;
  const value: unknown = (get as (name: string) => unknown).call(headers, name);
  return typeof value === 'string' ? value : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
