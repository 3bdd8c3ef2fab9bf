import type { PreparedMessage } from './prepare-message';

/** One server-sent event of a streamed message, with when it is sent. */
export interface StreamEvent {
  readonly event: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** Simulator time at which the event goes out. */
  readonly at: number;
  /** Output tokens sent once this event is out (what a cut here bills). */
  readonly outputTokensSent: number;
}

const charactersPerChunk = 24;

/**
 * The exact event sequence of a streamed response: message_start (input and
 * cache usage, output so far), a ping, each content block's start, deltas and
 * stop (thinking: `thinking_delta`s then one `signature_delta`; tool and
 * server tool calls: `input_json_delta`s; a server tool's result: whole in
 * its start), message_delta (stop reason, cumulative usage with server tool
 * requests and thinking tokens, applied context edits) and message_stop.
 * Deltas are spread over the output's simulated duration.
 *
 * @example
 * ```ts
 * for (const { event, data } of messageStreamEvents(prepared)) write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
 * ```
 */
export function messageStreamEvents(prepared: PreparedMessage): StreamEvent[] {
  const { message, blockOutputTokens, timing } = prepared;
  const totalOutput = blockOutputTokens.reduce((sum, tokens) => sum + tokens, 0);
  const events: StreamEvent[] = [];
  let sent = 0;
  const timeAt = (tokens: number): number =>
    totalOutput === 0
      ? timing.firstTokenAt
      : timing.firstTokenAt +
        Math.round(((timing.endAt - timing.firstTokenAt) * tokens) / totalOutput);
  const push = (event: string, data: Record<string, unknown>, at: number): void => {
    events.push({ event, data: { type: event, ...data }, at, outputTokensSent: sent });
  };

  push(
    'message_start',
    {
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...message.usage, output_tokens: Math.min(1, totalOutput) },
      },
    },
    timing.firstTokenAt,
  );
  push('ping', {}, timing.firstTokenAt);

  message.content.forEach((block, index) => {
    const blockTokens = blockOutputTokens[index] ?? 0;
    const startAt = timeAt(sent);
    const base = sent;
    // Deltas of one block share its tokens evenly, piece by piece.
    const deltas = (pieces: readonly string[], delta: (piece: string) => object): void => {
      pieces.forEach((piece, pieceIndex) => {
        sent = base + Math.round((blockTokens * (pieceIndex + 1)) / pieces.length);
        push('content_block_delta', { index, delta: delta(piece) }, timeAt(sent));
      });
    };
    switch (block.type) {
      case 'text':
        push('content_block_start', { index, content_block: { type: 'text', text: '' } }, startAt);
        deltas(chunk(block.text), (text) => ({ type: 'text_delta', text }));
        break;
      case 'thinking':
        push(
          'content_block_start',
          { index, content_block: { type: 'thinking', thinking: '', signature: '' } },
          startAt,
        );
        // The thinking's tokens are spent while it streams (or, omitted, before the signature).
        deltas(block.thinking.length === 0 ? [] : chunk(block.thinking), (thinking) => ({
          type: 'thinking_delta',
          thinking,
        }));
        sent = base + blockTokens;
        push(
          'content_block_delta',
          { index, delta: { type: 'signature_delta', signature: block.signature } },
          timeAt(sent),
        );
        break;
      case 'tool_use':
      case 'server_tool_use':
        push(
          'content_block_start',
          {
            index,
            content_block: { type: block.type, id: block.id, name: block.name, input: {} },
          },
          startAt,
        );
        deltas(chunk(JSON.stringify(block.input)), (partial_json) => ({
          type: 'input_json_delta',
          partial_json,
        }));
        break;
      case 'web_search_tool_result':
      case 'web_fetch_tool_result':
        // A server tool's result arrives whole in its start event, as the API sends it.
        push('content_block_start', { index, content_block: block }, startAt);
        break;
    }
    push('content_block_stop', { index }, timeAt(sent));
  });

  push(
    'message_delta',
    {
      ...(message.context_management === undefined
        ? {}
        : { context_management: message.context_management }),
      delta: {
        stop_reason: message.stop_reason,
        stop_sequence: message.stop_sequence,
        stop_details: null,
        container: null,
      },
      usage: {
        input_tokens: message.usage.input_tokens,
        cache_creation_input_tokens: message.usage.cache_creation_input_tokens,
        cache_read_input_tokens: message.usage.cache_read_input_tokens,
        output_tokens: totalOutput,
        output_tokens_details: message.usage.output_tokens_details,
        server_tool_use: message.usage.server_tool_use,
      },
    },
    timing.endAt,
  );
  push('message_stop', {}, timing.endAt);
  return events;
}

/** Renders one event as SSE text. */
export function encodeServerSentEvent(event: StreamEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

function chunk(text: string): string[] {
  if (text.length === 0) return [''];
  const pieces: string[] = [];
  for (let offset = 0; offset < text.length; offset += charactersPerChunk) {
    pieces.push(text.slice(offset, offset + charactersPerChunk));
  }
  return pieces;
}
