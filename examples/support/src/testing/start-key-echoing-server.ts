import { createServer, type Server } from 'node:http';

/**
 * A server on 127.0.0.1 that answers every request 401, echoing the API key it
 * was sent (as a careless proxy might): a test then checks that the key is
 * redacted from every error, line and page the example writes.
 *
 * @example
 * ```ts
 * const { server, url } = await startKeyEchoingServer();
 * // ... point the client's baseURL at `url` ...
 * server.close();
 * ```
 */
export async function startKeyEchoingServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(401, { 'content-type': 'application/json', 'request-id': 'req_echo' });
      response.end(
        JSON.stringify({
          type: 'error',
          error: {
            type: 'authentication_error',
            // The SDK sends the key as `Authorization: Bearer <key>` (or `x-api-key`).
            message: `invalid credentials: ${String(request.headers['x-api-key'] ?? request.headers.authorization)}`,
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return { server, url: `http://127.0.0.1:${String(address.port)}` };
}
