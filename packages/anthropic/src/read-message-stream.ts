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
 * the API has begun billing (the prompt, and the output it reported): before
 * the error propagates, `billed.usage` is set to the last usage the stream
 * reported (`message_start`'s, overwritten by a `message_delta`'s cumulative
 * counts when one came), normalized with the cache split. A stream that fails
 * before `message_start` leaves it unset: nothing was billed.
 *
 * @example
 * ```ts
 * const billed: BilledSoFar = {};
 * try {
 *   return await readMessageStream(sdk.messages.stream(params), billed);
 * } catch (error) {
 *   throw mapAnthropicError(error, { billedUsage: billed.usage });
 * }
 * ```
 * @internal
 */
export async function readMessageStream(
  stream: AnthropicMessageStream,
  billed: BilledSoFar,
): Promise<{ message: AnthropicMessage; requestId: string | null | undefined }> {
  try {
    const message = await stream.finalMessage();
    return { message, requestId: stream.request_id };
  } catch (error) {
    const usage = stream.currentMessage?.usage;
    if (usage !== undefined) billed.usage = fromAnthropicUsage(usage).usage;
    throw error;
  }
}
