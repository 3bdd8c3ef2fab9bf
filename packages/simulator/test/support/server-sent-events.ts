/** One parsed server-sent event: its `event:` name and its JSON `data:`. */
export interface ServerSentEvent {
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/**
 * Parses a whole SSE body. Events are separated by a blank line; the API
 * sends one `event:` and one `data:` line each.
 */
export function parseServerSentEvents(body: string): ServerSentEvent[] {
  return body
    .split(/\r?\n\r?\n/)
    .filter((chunk) => chunk.trim().length > 0)
    .map((chunk) => {
      let event = '';
      const dataLines: string[] = [];
      for (const line of chunk.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice('event:'.length).trim();
        else if (line.startsWith('data:')) dataLines.push(line.slice('data:'.length).trimStart());
      }
      return { event, data: JSON.parse(dataLines.join('\n')) as Record<string, unknown> };
    });
}

/** POSTs a Messages request with `stream: true` over plain fetch and returns the raw SSE text. */
export async function fetchStream(
  url: string,
  body: Record<string, unknown>,
): Promise<{ response: Response; text: string }> {
  const response = await fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': 'test-key',
      'anthropic-version': '2023-06-01',
    },
    body: JSON.stringify({ ...body, stream: true }),
  });
  return { response, text: await response.text() };
}
