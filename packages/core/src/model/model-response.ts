import type { Usage } from '../usage/usage';
import type { ContentPart, ResponseBilling } from './model-request';

/** Why the model stopped: a unified reason and the provider's own. */
export interface FinishReason {
  readonly unified: 'stop' | 'tool-calls' | 'length' | 'content-filter' | 'other';
  readonly raw: string | null;
}

/**
 * A provider-neutral model response: content, why it stopped, and what it
 * cost in tokens by class.
 */
export interface ModelResponse {
  readonly id: string;
  /** The model that answered, as the provider names it. */
  readonly model: string;
  readonly content: readonly ContentPart[];
  readonly finishReason: FinishReason;
  /** Every billed token, server-side compaction included. */
  readonly usage: Usage;
  /** The part of `usage` spent by server-side compaction, when any ran. */
  readonly compactionUsage: Usage | undefined;
  readonly billing: ResponseBilling;
  /** The provider's diagnosis of a cache miss, when it gives one. */
  readonly cacheMissReason: string | undefined;
  /** The provider's request id, for support. */
  readonly requestId: string | undefined;
  readonly warnings: readonly string[];
}
