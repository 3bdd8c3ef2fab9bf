import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** A request the server received: method, path, headers (lowercase names) and the raw body. */
export interface CapturedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** How the server answers: it gets the request as captured, and writes the response itself. */
export type Answer = (request: CapturedRequest, response: ServerResponse) => void;

/** A node:http server on 127.0.0.1 that records every request. */
export interface CaptureServer {
  readonly url: string;
  readonly requests: readonly CapturedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a node:http server on 127.0.0.1 (a free port) that records each
 * request and answers it with `answer`.
 */
export async function startCaptureServer(answer: Answer): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const captured: CapturedRequest = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(captured);
      answer(captured, response);
    });
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${String(port)}`,
    requests,
    close: () => closeServer(server),
  };
}

/** A port on 127.0.0.1 that nothing listens on (taken, then released): connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await closeServer(server);
  return port;
}

/** The credential the SDK sent: `x-api-key`, else the bearer token of `authorization`. */
export function sentKey(request: CapturedRequest): string {
  const header = request.headers['x-api-key'] ?? request.headers.authorization ?? '';
  return (Array.isArray(header) ? header.join(',') : header).replace(/^Bearer /, '');
}

/** An Anthropic error response: `{ type: 'error', error: { type, message, ... } }`. */
export function writeApiError(
  response: ServerResponse,
  status: number,
  error: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify({ type: 'error', error, request_id: 'req_echo_1' }));
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => {
    server.close((error) => {
      if (error === undefined) resolve();
      else reject(error);
    });
  });
}
