import { fromAnthropicUsage, type Usage } from '@bursar/core/spec';
import type { AnthropicMessage } from './map-anthropic-response';

/** The parts of the SDK's `MessageStream` and `BetaMessageStream` this adapter reads. @internal */
export interface AnthropicMessageStream {
  finalMessage(): Promise<AnthropicMessage>;
  /** The message as accumulated so far; kept after the stream fails. */
  readonly currentMessage: AnthropicMessage | undefined;
  readonly request_id: string | null | undefined;
}

/** What a failed attempt was billed, filled in as it fails. @internal */
export interface BilledSoFar {
  usage?: Usage;
}

/**
 * Waits for a streamed message. If the stream fails after `message_start`,
 * the API has begun billing: before the error propagates, `billed.usage` is
 * set, normalized with the cache split. The prompt is the one `message_start`
 * reported. The output is exact when it is known (nothing streamed yet, or a
 * `message_delta` with the final counts came); when the answer was cut
 * mid-way, the stream cannot tell how much the API generated, so it is
 * charged at `maxTokens`, the most it can be: a ledger may then show more
 * than the invoice, never less, and a hard limit stays hard. A stream that
 * fails before `message_start` leaves it unset: nothing was billed.
 *
 * @example
 * ```ts
 * const billed: BilledSoFar = {};
 * try {
 *   return await readMessageStream(sdk.messages.stream(params), billed, params.max_tokens);
 * } catch (error) {
 *   throw mapAnthropicError(error, { billedUsage: billed.usage });
 * }
 * ```
 * @internal
 */
export async function readMessageStream(
  stream: AnthropicMessageStream,
  billed: BilledSoFar,
  maxTokens: number,
): Promise<{ message: AnthropicMessage; requestId: string | null | undefined }> {
  try {
    const message = await stream.finalMessage();
    return { message, requestId: stream.request_id };
  } catch (error) {
    const current = stream.currentMessage;
    if (current !== undefined) {
      const reported = fromAnthropicUsage(current.usage).usage;
      const cutMidAnswer = current.content.length > 0 && current.stop_reason === null;
      billed.usage = cutMidAnswer
        ? Object.freeze({ ...reported, output: Math.max(reported.output, maxTokens) })
        : reported;
    }
    throw error;
  }
}
