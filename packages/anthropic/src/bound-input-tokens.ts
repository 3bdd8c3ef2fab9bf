import { utf8ByteLength, type ContentPart, type ModelRequest } from '@bursar/core/spec';

/**
 * Framing tokens {@link boundAnthropicInputTokens} adds around the text it
 * counts: far more than the API's own role markers and separators, so the sum
 * stays an upper bound.
 *
 * @example
 * ```ts
 * anthropicFramingTokens.toolUse; // 1024, added once when a request has tools
 * ```
 */
export const anthropicFramingTokens = {
  /** Once per request. */
  request: 16,
  /** Per tool definition. */
  tool: 16,
  /**
   * Once when the request has tools: the API adds a tool-use system prompt
   * (about 350 tokens on current models).
   */
  toolUse: 1024,
  /** Once with structured output (`outputSchema`), besides the schema's own bytes. */
  outputFormat: 256,
  /** Per system or reference block. */
  block: 8,
  /** Per message. */
  message: 8,
  /** Per content part of a message. */
  part: 8,
} as const;

/**
 * A strict upper bound of the prompt tokens of a request, with no network call.
 *
 * A byte-level BPE tokenizer never makes more tokens than its text has UTF-8
 * bytes (`utf8ByteLength` in `@bursar/core`), so the bound is the bytes of
 * every text the request sends (tool names, descriptions and input schemas;
 * system and reference blocks; message texts; tool-call names and inputs; tool
 * results; provider blocks such as a compaction summary, as JSON; the output
 * schema) plus generous framing
 * ({@link anthropicFramingTokens}). JSON values are measured as pretty-printed
 * JSON (two-space indent), which is longer than the compact JSON the SDK sends,
 * so a server that re-renders them with spaces and line breaks stays inside
 * the bound.
 *
 * @example
 * ```ts
 * const ceiling = boundAnthropicInputTokens(request); // reserve on this before calling
 * ```
 */
export function boundAnthropicInputTokens(request: ModelRequest): number {
  let tokens = anthropicFramingTokens.request;
  if (request.tools.length > 0) tokens += anthropicFramingTokens.toolUse;
  for (const tool of request.tools) {
    tokens +=
      anthropicFramingTokens.tool +
      utf8ByteLength(tool.name) +
      utf8ByteLength(tool.description) +
      jsonBytes(tool.inputSchema);
  }
  for (const text of [...request.system, ...request.reference]) {
    tokens += anthropicFramingTokens.block + utf8ByteLength(text);
  }
  for (const message of request.messages) {
    tokens += anthropicFramingTokens.message;
    for (const part of message.content) tokens += anthropicFramingTokens.part + partBytes(part);
  }
  if (request.toolChoice !== undefined) tokens += jsonBytes(request.toolChoice);
  if (request.outputSchema !== undefined) {
    tokens += anthropicFramingTokens.outputFormat + jsonBytes(request.outputSchema);
  }
  return tokens;
}

function partBytes(part: ContentPart): number {
  switch (part.type) {
    case 'text':
      return utf8ByteLength(part.text);
    case 'tool-call':
      return utf8ByteLength(part.id) + utf8ByteLength(part.name) + jsonBytes(part.input);
    case 'tool-result':
      return utf8ByteLength(part.toolCallId) + utf8ByteLength(part.content);
    case 'provider-block':
      // Every byte of the block as sent (a compaction summary and its opaque fields).
      return jsonBytes(part.block);
  }
}

function jsonBytes(value: unknown): number {
  // JSON.stringify(undefined) is undefined at run time, whatever its type says.
  const json = JSON.stringify(value, null, 2) as string | undefined;
  return utf8ByteLength(json ?? 'null');
}
