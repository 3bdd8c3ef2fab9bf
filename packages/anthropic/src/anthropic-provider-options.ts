import { InvalidArgumentError, type ModelRequest } from '@bursar/core/spec';

/**
 * One edit of server-side context management, as the API takes it
 * (`{ type: 'clear_tool_uses_20250919', trigger, keep, … }` or
 * `{ type: 'compact_20260112', trigger, … }`). Passed through unchanged.
 *
 * @example
 * ```ts
 * const edit: AnthropicContextEdit = { type: 'clear_tool_uses_20250919', keep: { type: 'tool_uses', value: 3 } };
 * ```
 */
export interface AnthropicContextEdit {
  readonly type: string;
  readonly [field: string]: unknown;
}

/**
 * Settings of one request that only this adapter understands, passed as
 * `request.providerOptions.anthropic`. Keys it does not know are ignored with a
 * warning on the response.
 *
 * @example
 * ```ts
 * const request: ModelRequest = {
 *   ...base,
 *   providerOptions: { anthropic: { stream: true, previousMessageId: 'msg_01…' } },
 * };
 * ```
 */
export interface AnthropicProviderOptions {
  /**
   * Stream the response over server-sent events and assemble it (the SDK's
   * `messages.stream(...).finalMessage()`); the result is the same as without.
   * The SDK refuses a non-streamed request whose `max_tokens` could take over
   * ten minutes, so long outputs need this (or a `timeout`).
   * @default false
   */
  readonly stream?: boolean;
  /**
   * The id (`msg_…`) of the previous response of the same conversation. Sent as
   * `diagnostics.previous_message_id`, so the API says why the cache missed
   * (`ModelResponse.cacheMissReason`).
   */
  readonly previousMessageId?: string;
  /**
   * Server-side context management (beta): sent as `context_management` through
   * `client.beta.messages`, with the beta header its edits need
   * (`context-management-2025-06-27`, and `compact-2026-01-12` for compaction).
   * Compaction's own billed tokens are counted in `usage` and reported in
   * `compactionUsage`.
   */
  readonly contextManagement?: { readonly edits: readonly AnthropicContextEdit[] };
}

/** The provider options read off a request, and what was ignored. @internal */
export interface ParsedAnthropicProviderOptions {
  readonly options: AnthropicProviderOptions;
  readonly warnings: readonly string[];
}

const knownKeys: ReadonlySet<string> = new Set([
  'stream',
  'previousMessageId',
  'contextManagement',
]);

/**
 * Reads `request.providerOptions.anthropic`, checking each known option's type.
 * Throws {@link InvalidArgumentError} naming the option on a bad value.
 *
 * @example
 * ```ts
 * const { options, warnings } = parseAnthropicProviderOptions(request.providerOptions);
 * ```
 * @internal
 */
export function parseAnthropicProviderOptions(
  providerOptions: ModelRequest['providerOptions'],
): ParsedAnthropicProviderOptions {
  const raw: unknown = providerOptions?.['anthropic'];
  if (raw === undefined) return { options: {}, warnings: [] };
  const base = 'providerOptions.anthropic';
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidArgumentError({
      argument: base,
      value: raw,
      message: 'expected an object of Anthropic options',
    });
  }
  const record = raw as Record<string, unknown>;
  const warnings: string[] = [];
  for (const key of Object.keys(record)) {
    if (!knownKeys.has(key)) {
      warnings.push(
        `${base}.${key} is not an option of @bursar/anthropic (known: ${[...knownKeys].join(', ')}); it was ignored.`,
      );
    }
  }

  const options: {
    stream?: boolean;
    previousMessageId?: string;
    contextManagement?: { readonly edits: readonly AnthropicContextEdit[] };
  } = {};
  const stream = record['stream'];
  if (stream !== undefined) {
    if (typeof stream !== 'boolean') {
      throw new InvalidArgumentError({
        argument: `${base}.stream`,
        value: stream,
        message: 'expected true or false',
      });
    }
    options.stream = stream;
  }
  const previousMessageId = record['previousMessageId'];
  if (previousMessageId !== undefined) {
    if (typeof previousMessageId !== 'string' || previousMessageId.length === 0) {
      throw new InvalidArgumentError({
        argument: `${base}.previousMessageId`,
        value: previousMessageId,
        message: 'expected the id of a previous response (msg_…)',
      });
    }
    options.previousMessageId = previousMessageId;
  }
  const contextManagement = record['contextManagement'];
  if (contextManagement !== undefined) {
    options.contextManagement = parseContextManagement(
      contextManagement,
      `${base}.contextManagement`,
    );
  }
  return { options, warnings };
}

function parseContextManagement(
  value: unknown,
  argument: string,
): { readonly edits: readonly AnthropicContextEdit[] } {
  const edits =
    typeof value === 'object' && value !== null ? (value as { edits?: unknown }).edits : undefined;
  if (!Array.isArray(edits) || edits.length === 0) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: 'expected { edits: [...] } with at least one edit',
    });
  }
  edits.forEach((edit: unknown, index) => {
    if (
      typeof edit !== 'object' ||
      edit === null ||
      typeof (edit as { type?: unknown }).type !== 'string'
    ) {
      throw new InvalidArgumentError({
        argument: `${argument}.edits[${String(index)}]`,
        value: edit,
        message:
          "expected an edit with a string type, such as { type: 'clear_tool_uses_20250919' }",
      });
    }
  });
  return { ...(value as object), edits: edits as AnthropicContextEdit[] };
}

/**
 * The beta headers the context-management edits need.
 *
 * @example
 * ```ts
 * betasForContextEdits([{ type: 'compact_20260112' }]); // ['compact-2026-01-12']
 * ```
 * @internal
 */
export function betasForContextEdits(edits: readonly AnthropicContextEdit[]): string[] {
  const betas = new Set<string>();
  for (const edit of edits) {
    betas.add(
      edit.type.startsWith('compact_') ? 'compact-2026-01-12' : 'context-management-2025-06-27',
    );
  }
  return [...betas];
}
