/** The API's error types, by HTTP status. */
export type ApiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

const statusOf: Record<ApiErrorType, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * An error the simulated API answers with: its status, type and message, and
 * extra headers (retry-after). Never carries a stack to the client.
 */
export class SimulatorApiError extends Error {
  override readonly name = 'SimulatorApiError';
  readonly status: number;
  readonly type: ApiErrorType;
  readonly headers: Readonly<Record<string, string>>;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    type: ApiErrorType,
    message: string,
    options: { headers?: Record<string, string>; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.type = type;
    this.status = statusOf[type];
    this.headers = options.headers ?? {};
    this.details = options.details;
  }

  /** The JSON body the API sends: `{ type: "error", error: { type, message }, request_id }`. */
  toBody(requestId: string): Record<string, unknown> {
    const error: Record<string, unknown> = { type: this.type, message: this.message };
    if (this.details !== undefined) error['details'] = this.details;
    return { type: 'error', error, request_id: requestId };
  }
}
