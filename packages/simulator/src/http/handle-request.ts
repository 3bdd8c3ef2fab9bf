import { SimulatorApiError } from '../api/api-error';
import type { BatchStore } from '../batches/batch-store';
import { batchLimits } from '../batches/batch-store';
import type { SimulatorEngine } from '../engine/simulator-engine';
import { encodeServerSentEvent, messageStreamEvents } from '../messages/message-stream-events';
import { countRequestTokens, prepareMessage } from '../messages/prepare-message';
import { listModels, retrieveModel } from '../models/model-routes';
import { handleAdminRequest } from '../admin/admin-routes';
import type { FaultKind } from '../faults/fault-injector';
import { requestAgent } from './request-agent';
import { requestStart } from './request-start';

/** Largest body of a Messages request. */
export const maxMessageBytes = 32 * 1024 * 1024;

/** Thrown by the handler where the connection must drop with no response. */
export class ConnectionDrop extends Error {
  override readonly name = 'ConnectionDrop';
  constructor() {
    super('the simulator dropped the connection (injected fault)');
  }
}

interface RouteContext {
  readonly engine: SimulatorEngine;
  readonly batches: BatchStore;
  readonly request: Request;
  readonly url: URL;
  readonly requestId: string;
  readonly apiKey: string;
  readonly arrival: { time: number; sequence: number };
}

/**
 * Answers one HTTP request as the Anthropic API would. Never throws but
 * {@link ConnectionDrop}; every other failure is an API error body with a
 * `request-id` header and no stack trace.
 *
 * @example
 * ```ts
 * const response = await handleRequest(engine, batches, new Request('http://sim/v1/models', { headers: { 'x-api-key': 'k' } }));
 * ```
 */
export async function handleRequest(
  engine: SimulatorEngine,
  batches: BatchStore,
  request: Request,
): Promise<Response> {
  // Stamp arrival first: at one simulated instant (zero latency), a request
  // reads only what responses prepared before it arrived wrote.
  const sequence = engine.cache.stampArrival();
  const requestId = engine.newId('req');
  const url = new URL(request.url);
  try {
    if (url.pathname.startsWith('/_sim/'))
      return await handleAdminRequest(engine, batches, request, url);
    const arrival = { time: requestStart(request, engine.clock), sequence };
    const apiKey =
      request.headers.get('x-api-key') ?? bearerToken(request.headers.get('authorization'));
    if (apiKey === undefined || apiKey.length === 0) {
      throw new SimulatorApiError('authentication_error', 'x-api-key header is required');
    }
    batches.advance();
    return await route({ engine, batches, request, url, requestId, apiKey, arrival });
  } catch (error) {
    if (error instanceof ConnectionDrop) throw error;
    return errorResponse(error, requestId);
  }
}

async function route(context: RouteContext): Promise<Response> {
  const { request, url, engine, batches } = context;
  const method = request.method.toUpperCase();
  const path = url.pathname.replace(/\/+$/, '');
  const batchMatch = /^\/v1\/messages\/batches\/([^/]+)(\/cancel|\/results)?$/.exec(path);

  if (method === 'POST' && path === '/v1/messages') return createMessage(context);
  if (method === 'POST' && path === '/v1/messages/count_tokens') {
    const body = await readJson(request, maxMessageBytes);
    return json({ input_tokens: countRequestTokens(engine, body) }, context);
  }
  if (path === '/v1/messages/batches') {
    if (method === 'POST')
      return json(
        batches.create(context.apiKey, await readJson(request, batchLimits.bytes), url.origin),
        context,
      );
    if (method === 'GET')
      return json(batches.list(context.apiKey, url.searchParams, url.origin), context);
  }
  if (batchMatch !== null) {
    const id = decodeURIComponent(batchMatch[1] ?? '');
    const action = batchMatch[2];
    if (method === 'GET' && action === undefined)
      return json(batches.retrieve(context.apiKey, id, url.origin), context);
    if (method === 'DELETE' && action === undefined)
      return json(batches.remove(context.apiKey, id), context);
    if (method === 'POST' && action === '/cancel')
      return json(batches.cancel(context.apiKey, id, url.origin), context);
    if (method === 'GET' && action === '/results') {
      return new Response(batches.results(context.apiKey, id), {
        headers: { 'content-type': 'application/binary', 'request-id': context.requestId },
      });
    }
  }
  if (method === 'GET' && path === '/v1/models')
    return json(listModels(engine.priceTable, url.searchParams, engine.wallClockStart), context);
  const modelMatch = /^\/v1\/models\/([^/]+)$/.exec(path);
  if (method === 'GET' && modelMatch !== null) {
    return json(
      retrieveModel(
        engine.priceTable,
        decodeURIComponent(modelMatch[1] ?? ''),
        engine.wallClockStart,
      ),
      context,
    );
  }
  throw new SimulatorApiError(
    'not_found_error',
    `${method} ${url.pathname} is not a route of the simulated API`,
  );
}

async function createMessage(context: RouteContext): Promise<Response> {
  const { engine, request, requestId, apiKey, arrival } = context;
  const body = await readJson(request, maxMessageBytes);
  const fault = engine.faults.draw();
  const streaming = (body as { stream?: unknown } | null)?.stream === true;
  throwFault(fault, streaming, engine.faults.retryAfterSeconds);

  const namespace = engine.namespaceOf(apiKey);
  // About four characters a token; only worth the re-serialization when limits are set.
  const estimate = engine.rateLimiter.limited ? Math.ceil(JSON.stringify(body).length / 4) : 0;
  const verdict = engine.rateLimiter.check(namespace, estimate, arrival.time);
  if (!verdict.allowed) {
    throw new SimulatorApiError(
      'rate_limit_error',
      `This request would exceed your organization's rate limit of ${verdict.dimension} per minute.`,
      {
        headers: {
          'retry-after': String(verdict.retryAfterSeconds),
          ...engine.rateLimiter.headers(namespace, arrival.time, engine.wallClockStart),
        },
      },
    );
  }

  const prepared = engine.withAgent(requestAgent(request), () =>
    prepareMessage(engine, body, { apiKey, requestId, lane: 'interactive', arrival }),
  );
  const headers = {
    'request-id': requestId,
    ...engine.rateLimiter.headers(namespace, arrival.time, engine.wallClockStart),
  };

  if (!streaming) {
    await engine.clock.waitUntil(prepared.timing.endAt, request.signal);
    prepared.bill();
    engine.finish(prepared.timing.endAt);
    return new Response(JSON.stringify(prepared.message), {
      headers: { ...headers, 'content-type': 'application/json' },
    });
  }

  const events = messageStreamEvents(prepared);
  const cutAfter = fault === 'stream_cut' ? Math.max(2, Math.floor(events.length / 2)) : undefined;
  const encoder = new TextEncoder();
  let index = 0;
  let outputSent = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (cutAfter !== undefined && index >= cutAfter) {
        // The fault: bill what went out, then break the stream.
        prepared.bill({ outputTokens: outputSent, note: 'stream_cut' });
        engine.finish(events[index - 1]?.at ?? prepared.timing.firstTokenAt);
        controller.error(new ConnectionDrop());
        return;
      }
      const event = events[index];
      if (event === undefined) {
        prepared.bill();
        engine.finish(prepared.timing.endAt);
        controller.close();
        return;
      }
      await engine.clock.waitUntil(event.at);
      index += 1;
      outputSent = event.outputTokensSent;
      controller.enqueue(encoder.encode(encodeServerSentEvent(event)));
    },
    cancel() {
      // The client went away: bill what it was sent.
      prepared.bill({ outputTokens: outputSent, note: 'client_canceled' });
    },
  });
  return new Response(stream, {
    headers: { ...headers, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
  });
}

function throwFault(
  fault: FaultKind | undefined,
  streaming: boolean,
  retryAfterSeconds: number,
): void {
  switch (fault) {
    case undefined:
      return;
    case 'rate_limit':
      throw new SimulatorApiError(
        'rate_limit_error',
        'Number of requests has exceeded your rate limit (injected fault).',
        {
          headers: { 'retry-after': String(retryAfterSeconds) },
        },
      );
    case 'overloaded':
      throw new SimulatorApiError('overloaded_error', 'Overloaded (injected fault).', {
        headers: { 'retry-after': String(retryAfterSeconds) },
      });
    case 'api_error':
      throw new SimulatorApiError('api_error', 'Internal server error (injected fault).');
    case 'spend_limit':
      throw new SimulatorApiError(
        'rate_limit_error',
        'You have reached your enforced spend limit (injected fault).',
        {
          details: { error_code: 'enforced_spend_limit_reached' },
        },
      );
    case 'connection_drop':
      throw new ConnectionDrop();
    case 'stream_cut':
      if (!streaming) throw new ConnectionDrop();
      return;
  }
}

/** Reads a JSON body with the API's size limit and its error for malformed JSON. */
export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    throw new SimulatorApiError(
      'invalid_request_error',
      'There was an issue with the request body: it is not valid JSON.',
    );
  }
}

function tooLarge(maxBytes: number): SimulatorApiError {
  return new SimulatorApiError(
    'request_too_large',
    `Request exceeds the maximum allowed number of bytes (${maxBytes}).`,
  );
}

function json(body: unknown, context: RouteContext): Response {
  return new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json', 'request-id': context.requestId },
  });
}

/** An API error response; an unexpected error becomes a 500 with no detail. */
export function errorResponse(error: unknown, requestId: string): Response {
  const apiError =
    error instanceof SimulatorApiError
      ? error
      : new SimulatorApiError('api_error', 'Internal server error');
  if (!(error instanceof SimulatorApiError)) {
    // Keep the cause visible to whoever runs the simulator, never to the client.
    console.error(`[bursar-sim] ${requestId}:`, error);
  }
  return new Response(JSON.stringify(apiError.toBody(requestId)), {
    status: apiError.status,
    headers: { 'content-type': 'application/json', 'request-id': requestId, ...apiError.headers },
  });
}

function bearerToken(header: string | null): string | undefined {
  const match = header === null ? null : /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1];
}
