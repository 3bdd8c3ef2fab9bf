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
 * stop, message_delta (stop reason and cumulative usage) and message_stop.
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
    if (block.type === 'text') {
      push('content_block_start', { index, content_block: { type: 'text', text: '' } }, startAt);
      const pieces = chunk(block.text);
      const base = sent;
      pieces.forEach((piece, pieceIndex) => {
        sent = base + Math.round((blockTokens * (pieceIndex + 1)) / pieces.length);
        push(
          'content_block_delta',
          { index, delta: { type: 'text_delta', text: piece } },
          timeAt(sent),
        );
      });
    } else {
      push(
        'content_block_start',
        { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } },
        startAt,
      );
      const pieces = chunk(JSON.stringify(block.input));
      const base = sent;
      pieces.forEach((piece, pieceIndex) => {
        sent = base + Math.round((blockTokens * (pieceIndex + 1)) / pieces.length);
        push(
          'content_block_delta',
          { index, delta: { type: 'input_json_delta', partial_json: piece } },
          timeAt(sent),
        );
      });
    }
    push('content_block_stop', { index }, timeAt(sent));
  });

  push(
    'message_delta',
    {
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
        output_tokens_details: null,
        server_tool_use: null,
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
