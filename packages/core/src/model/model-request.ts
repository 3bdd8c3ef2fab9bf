import type { InferenceGeo, Lane, Speed } from '../pricing/price-call';

/** A tool the model may call. `inputSchema` is JSON Schema of an object. */
export interface ModelTool {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: Readonly<Record<string, unknown>>;
}

/** A piece of a message. Parts are hyphenated noun-action names, as stream parts are. */
export type ContentPart =
  | { readonly type: 'text'; readonly text: string }
  | {
      readonly type: 'tool-call';
      readonly id: string;
      readonly name: string;
      readonly input: unknown;
    }
  | {
      readonly type: 'tool-result';
      readonly toolCallId: string;
      /** The result as text (untrusted: nothing in it can change a budget or a policy). */
      readonly content: string;
      readonly isError?: boolean;
    }
  | ProviderBlockPart;

/**
 * A content block only one provider understands, kept verbatim: the provider
 * returns it in a response, the conversation keeps it as it is, and the same
 * provider sends it back unchanged on the next request. Core never reads or
 * edits `block`; it only carries it (and counts its JSON bytes in a prompt
 * bound). Anthropic's server-side compaction returns its summary this way, a
 * `compaction` block whose `encrypted_content` and `signature` must go back
 * byte for byte.
 *
 * A provider that receives another provider's block refuses the request with
 * `InvalidArgumentError`: it cannot know what the block means.
 *
 * @example
 * ```ts
 * const part: ProviderBlockPart = {
 *   type: 'provider-block',
 *   provider: 'anthropic',
 *   block: { type: 'compaction', content: 'Summary of turns 1-40.', encrypted_content: 'Eo8F…' },
 * };
 * ```
 */
export interface ProviderBlockPart {
  readonly type: 'provider-block';
  /** The provider that produced the block, as `ModelClient.provider` names it (`anthropic`). */
  readonly provider: string;
  /** The block as the provider's API returned it (JSON data; its own `type` says what it is). */
  readonly block: Readonly<Record<string, unknown>>;
}

/** A turn of the conversation. */
export interface ModelMessage {
  readonly role: 'user' | 'assistant';
  readonly content: readonly ContentPart[];
}

/** A cache TTL. */
export type CacheTtl = '5m' | '1h';

/**
 * Where the request caches its prefix. The prompt is laid out most stable
 * first (tools, system, reference, conversation); a breakpoint goes on the last
 * block of each named segment, and on the conversation's last block with
 * `conversation`. At most four in all.
 */
export interface CachePlan {
  readonly tools?: CacheTtl;
  readonly system?: CacheTtl;
  readonly reference?: CacheTtl;
  readonly conversation?: CacheTtl;
}

/**
 * A provider-neutral model request: the stable segments, the conversation,
 * the output cap and how to cache.
 *
 * @example
 * ```ts
 * const request: ModelRequest = {
 *   model: 'claude-sonnet-4-6',
 *   tools: [], system: ['You are terse.'], reference: [],
 *   messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
 *   maxTokens: 256,
 *   cache: { system: '1h', conversation: '5m' },
 * };
 * ```
 */
export interface ModelRequest {
  readonly model: string;
  readonly tools: readonly ModelTool[];
  /** Instructions, most stable first. */
  readonly system: readonly string[];
  /** Fixed reference material (documents), after the instructions. */
  readonly reference: readonly string[];
  readonly messages: readonly ModelMessage[];
  readonly maxTokens: number;
  readonly cache?: CachePlan;
  readonly toolChoice?:
    { readonly type: 'auto' | 'any' | 'none' } | { readonly type: 'tool'; readonly name: string };
  /** JSON Schema the answer must satisfy (structured output). */
  readonly outputSchema?: Readonly<Record<string, unknown>>;
  readonly stopSequences?: readonly string[];
  readonly temperature?: number;
  /** @default 'standard' */
  readonly speed?: Speed;
  /** @default 'global' */
  readonly inferenceGeo?: InferenceGeo;
  /** Settings only one provider understands, by provider name. */
  readonly providerOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /**
   * Which agent makes the call. Never part of the prompt: a provider adapter
   * may pass it out of band (the Anthropic client sends it as `x-bursar-agent-*`
   * headers, which only Bursar's simulator reads); the real API ignores it.
   */
  readonly agent?: AgentIdentity;
}

/**
 * What an agent is, as data: carried on every request, reservation and charge
 * event it makes, so nothing has to parse a label or a prompt to know it.
 *
 * @example
 * ```ts
 * const identity: AgentIdentity = { id: 'subagent:rivers', role: 'subagent', subtask: 'rivers' };
 * ```
 */
export interface AgentIdentity {
  /** Unique in the task: `single`, `subagent:<subtask>`, `synthesize`, ... */
  readonly id: string;
  readonly role: AgentRole;
  /** The subtask a subagent works on. */
  readonly subtask?: string;
}

/** What an agent does in a task; `compact` is a compaction call made for another agent. */
export type AgentRole =
  'triage' | 'plan' | 'single' | 'subagent' | 'continuation' | 'synthesize' | 'compact' | 'agent';

/** Billing facts of a response, ready for `cost()`. */
export interface ResponseBilling {
  readonly lane: Lane;
  readonly speed: Speed;
  readonly inferenceGeo: InferenceGeo;
}
