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
    // A deep accept queue: clients that open many connections at once (the
    // SDK opens one per request in flight) are not dropped while the event
    // loop is busy (Node's default, 511, overflowed at 1,000 at once under load).
    server.listen({ port: options.port ?? 0, host, backlog: acceptBacklog }, () => {
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
  let written = Promise.resolve();
  const closed = new Promise<void>((resolve) => {
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) controller.abort();
      resolve();
    });
  });
  try {
    const method = incoming.method ?? 'GET';
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else if (value !== undefined) headers.set(name, value);
    }
    const hasBody = method !== 'GET' && method !== 'HEAD';
    // A small body is read whole here (a web stream costs more than the
    // request); a large or undeclared one streams, so that the handler can
    // refuse it by its declared size before reading it.
    const declared = Number(incoming.headers['content-length'] ?? Number.NaN);
    const body = !hasBody
      ? undefined
      : declared <= wholeBodyBytes
        ? await readBody(incoming)
        : Readable.toWeb(incoming);
    const request = new Request(`http://${incoming.headers.host ?? host}${incoming.url ?? '/'}`, {
      method,
      headers,
      signal: controller.signal,
      ...(body === undefined ? {} : { body, duplex: 'half' }),
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
    if (response.headers.get('content-type') !== 'text/event-stream') {
      outgoing.end(new Uint8Array(await response.arrayBuffer()));
      return;
    }
    outgoing.flushHeaders();
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      written = new Promise<void>((resolve) => {
        outgoing.write(chunk.value, () => {
          resolve();
        });
      });
    }
    outgoing.end();
  } catch (error) {
    // An injected drop, a body that broke mid-way, or a client gone: no response to send.
    if (!(error instanceof ConnectionDrop) && !controller.signal.aborted) {
      console.error('[bursar-sim] response failed:', error);
    }
    // What was sent before the break reaches the client first, as on a real
    // network: destroying the socket drops writes not yet handed to it.
    await Promise.race([written, closed]);
    incoming.socket.destroy();
  }
}

/** Pending connections the kernel may queue (it caps this at net.core.somaxconn). */
const acceptBacklog = 4096;

/** Bodies declared this size or smaller are read whole before the handler runs. */
const wholeBodyBytes = 1024 * 1024;

async function readBody(incoming: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
