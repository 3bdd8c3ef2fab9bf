import type { MessageRequest } from '../api/message-request';

/** A content block of a simulated response. */
export type ResponseContentBlock =
  { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown };

/** What a responder answers. */
export interface ResponderAnswer {
  readonly content: ResponseContentBlock[];
  readonly stopReason: 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence';
}

/**
 * Produces the content of a response. The generic answer is the default;
 * scripted workloads plug in here and fall back to it for requests they do not
 * recognize.
 */
export type Responder = (
  request: MessageRequest,
  context: {
    seed: string | number;
    countTokens: (text: string) => number;
    /** The canonical model id. */
    modelId: string;
    /** Its line (haiku, sonnet, opus, fable, mythos): how capable it is. */
    modelLine: string;
  },
) => ResponderAnswer | undefined;
