import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { ConnectionDrop } from './handle-request';

/** Options of {@link serveNode}. */
export interface ListenOptions {
  /** @default 0 (any free port) */
  readonly port?: number;
  /** Loopback unless told otherwise. @default '127.0.0.1' */
  readonly host?: string;
}

/**
 * Serves a fetch-style handler over node:http: the request becomes a web
 * `Request`, the `Response` streams back; an injected connection drop destroys
 * the socket, as a real network fault would.
 *
 * @example
 * ```ts
 * const { server, url } = await serveNode((request) => handle(request), { port: 4141 });
 * ```
 */
export async function serveNode(
  handler: (request: Request) => Promise<Response>,
  options: ListenOptions = {},
): Promise<{ server: Server; url: string; host: string; port: number }> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((incoming, outgoing) => {
    void respond(handler, incoming, outgoing, host);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { server, url: `http://${urlHost}:${port}`, host, port };
}

async function respond(
  handler: (request: Request) => Promise<Response>,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  host: string,
): Promise<void> {
  const controller = new AbortController();
  outgoing.on('close', () => {
    if (!outgoing.writableFinished) controller.abort();
  });
  try {
    const method = incoming.method ?? 'GET';
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else if (value !== undefined) headers.set(name, value);
    }
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const request = new Request(`http://${incoming.headers.host ?? host}${incoming.url ?? '/'}`, {
      method,
      headers,
      signal: controller.signal,
      ...(hasBody ? { body: Readable.toWeb(incoming), duplex: 'half' } : {}),
    });
    const response = await handler(request);
    outgoing.statusCode = response.status;
    response.headers.forEach((value, name) => {
      outgoing.setHeader(name, value);
    });
    if (response.body === null) {
      outgoing.end();
      return;
    }
    outgoing.flushHeaders();
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      outgoing.write(chunk.value);
    }
    outgoing.end();
  } catch (error) {
    // An injected drop, a body that broke mid-way, or a client gone: no response to send.
    if (!(error instanceof ConnectionDrop) && !controller.signal.aborted) {
      console.error('[bursar-sim] response failed:', error);
    }
    incoming.socket.destroy();
  }
}
