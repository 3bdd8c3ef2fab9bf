import type { AnthropicFetch } from './anthropic-client';

/** A request the fake fetch received, decoded. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  /** The JSON body, or undefined for none. */
  readonly body: unknown;
}

/**
 * How the fake answers a request. A function rather than a `Response`: a body
 * can be read once, and a cloned one never finishes cancelling (a tee's cancel
 * waits for both branches), which the SDK awaits when a stream fails.
 */
export type FakeAnswer = (
  request: RecordedRequest,
  signal: AbortSignal | undefined,
) => Response | Promise<Response>;

/** A fetch that answers from a script and records every request; no network. */
export interface FakeFetch {
  readonly fetch: AnthropicFetch;
  readonly requests: readonly RecordedRequest[];
  /** The last request's JSON body. */
  lastBody(): Record<string, unknown>;
}

/**
 * A `fetch` for the SDK's `fetch` option that answers each request with the
 * next scripted answer (the last one repeats), as the SDK's own tests inject
 * `testFetch`.
 */
export function createFakeFetch(...answers: readonly FakeAnswer[]): FakeFetch {
  const requests: RecordedRequest[] = [];
  return {
    requests,
    lastBody() {
      const body = requests.at(-1)?.body;
      if (typeof body !== 'object' || body === null) throw new Error('no JSON request body');
      return body as Record<string, unknown>;
    },
    async fetch(input, init) {
      const request = new Request(input, init);
      const text = await request.text();
      const recorded: RecordedRequest = {
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      };
      requests.push(recorded);
      const answer = answers[Math.min(requests.length, answers.length) - 1];
      if (answer === undefined) throw new Error('the fake fetch has no answer');
      return answer(recorded, init?.signal ?? undefined);
    },
  };
}

/** Answers with JSON and a `request-id` header. */
export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): FakeAnswer {
  return () =>
    new Response(JSON.stringify(body), {
      status: init.status ?? 200,
      headers: { 'content-type': 'application/json', 'request-id': 'req_fake_1', ...init.headers },
    });
}

/** Answers with an API error: `{ type: 'error', error: { type, message, details? }, request_id }`. */
export function errorResponse(
  status: number,
  error: { type: string; message: string; details?: Record<string, unknown> },
  headers: Record<string, string> = {},
): FakeAnswer {
  return jsonResponse(
    { type: 'error', error, request_id: 'req_error_1' },
    { status, headers: { 'request-id': 'req_error_1', ...headers } },
  );
}

/** Answers with server-sent events of the given text. */
export function sseResponse(text: string): FakeAnswer {
  return () =>
    new Response(text, {
      headers: { 'content-type': 'text/event-stream', 'request-id': 'req_stream_1' },
    });
}
