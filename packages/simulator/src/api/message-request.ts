import * as z from 'zod';

const cacheControlSchema = z
  .object({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() })
  .nullable()
  .optional();

const textBlockSchema = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControlSchema,
});
const imageBlockSchema = z.looseObject({
  type: z.literal('image'),
  source: z.looseObject({ type: z.string() }),
  cache_control: cacheControlSchema,
});
const toolUseBlockSchema = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
  cache_control: cacheControlSchema,
});
// A tool result's content: text and images, and also documents, search results and
// `tool_reference` blocks (a client-side tool search loading deferred tools).
const toolResultPartSchema = z.looseObject({ type: z.string(), cache_control: cacheControlSchema });
const toolResultBlockSchema = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(toolResultPartSchema)]).optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControlSchema,
});
const thinkingBlockSchema = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string(),
});
const documentBlockSchema = z.looseObject({
  type: z.literal('document'),
  source: z.unknown(),
  cache_control: cacheControlSchema,
});
// Other block types (server tool results, search results, redacted thinking)
// pass through: the simulator bills their JSON and never answers from them.
const otherBlockSchema = z.looseObject({
  type: z
    .string()
    .refine(
      (type) =>
        !['text', 'image', 'tool_use', 'tool_result', 'thinking', 'document'].includes(type),
    ),
  cache_control: cacheControlSchema,
});

const contentBlockSchema = z.union([
  textBlockSchema,
  imageBlockSchema,
  toolUseBlockSchema,
  toolResultBlockSchema,
  thinkingBlockSchema,
  documentBlockSchema,
  otherBlockSchema,
]);

const effortSchema = z.enum(['low', 'medium', 'high', 'xhigh', 'max']);

const conversationMessageSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(contentBlockSchema)]),
});

// Per-turn control (beta per-turn-control-2026-07-01): system text placed in the
// conversation, which may also add or remove tools (`tool_addition`, `tool_removal`)
// and set a per-turn `output_config.effort`. Content defaults to no blocks, so every
// message reads alike downstream.
const systemMessageSchema = z
  .object({
    role: z.literal('system'),
    content: z.union([z.string(), z.array(contentBlockSchema)]).optional(),
    clear_at: z.enum(['next_user_message', 'never']).nullable().optional(),
    output_config: z.object({ effort: effortSchema.nullable().optional() }).nullable().optional(),
  })
  .transform(({ content, ...rest }) => ({ ...rest, content: content ?? [] }));

const messageSchema = z.union([conversationMessageSchema, systemMessageSchema]);

const toolSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()).optional(),
  type: z.string().optional(),
  /** Tool search (beta advanced-tool-use): left out of the prompt until a `tool_reference` loads it. */
  defer_loading: z.boolean().optional(),
  /** Server tools: how many times the tool may run in one request. */
  max_uses: z.number().int().min(1).nullable().optional(),
  cache_control: cacheControlSchema,
});

/** `thinking`, as the SDK's `ThinkingConfigParam` types it. */
const thinkingSchema = z.union([
  z.looseObject({
    type: z.literal('enabled'),
    budget_tokens: z.number().int(),
    display: z.enum(['summarized', 'omitted', 'updates']).nullable().optional(),
  }),
  z.looseObject({
    type: z.literal('adaptive'),
    display: z.enum(['summarized', 'omitted', 'updates']).nullable().optional(),
  }),
  z.looseObject({ type: z.literal('disabled') }),
  z.looseObject({ type: z.literal('between_tools') }),
]);

const inputTokensTriggerSchema = z.object({
  type: z.literal('input_tokens'),
  value: z.number().int().min(1),
});
const toolUsesSchema = z.object({ type: z.literal('tool_uses'), value: z.number().int().min(0) });

/** One edit of `context_management.edits` (beta context-management-2025-06-27). */
const contextEditSchema = z.union([
  z.looseObject({
    type: z.literal('clear_thinking_20251015'),
    keep: z
      .union([
        z.object({ type: z.literal('thinking_turns'), value: z.number().int().min(0) }),
        z.object({ type: z.literal('all') }),
        z.literal('all'),
      ])
      .optional(),
  }),
  z.looseObject({
    type: z.literal('clear_tool_uses_20250919'),
    trigger: z.union([inputTokensTriggerSchema, toolUsesSchema]).nullable().optional(),
    keep: toolUsesSchema.nullable().optional(),
    clear_at_least: inputTokensTriggerSchema.nullable().optional(),
    clear_tool_inputs: z
      .union([z.boolean(), z.array(z.string())])
      .nullable()
      .optional(),
    exclude_tools: z.array(z.string()).nullable().optional(),
  }),
  // compact_20260112 and edits newer than this simulator: accepted, not performed.
  z.looseObject({ type: z.string() }),
]);

const toolChoiceSchema = z.union([
  z.object({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
  z.object({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('tool'),
    name: z.string(),
    disable_parallel_tool_use: z.boolean().optional(),
  }),
]);

/** The body of POST /v1/messages/count_tokens: a message request without max_tokens. */
export const countTokensRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(messageSchema),
  system: z.union([z.string(), z.array(textBlockSchema)]).optional(),
  tools: z.array(toolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  thinking: thinkingSchema.optional(),
  cache_control: cacheControlSchema,
  context_management: z
    .object({ edits: z.array(contextEditSchema).optional() })
    .nullable()
    .optional(),
  output_config: z
    .looseObject({
      effort: effortSchema.nullable().optional(),
      format: z
        .object({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) })
        .nullable()
        .optional(),
    })
    .optional(),
  speed: z.enum(['standard', 'fast']).nullable().optional(),
  inference_geo: z.string().nullable().optional(),
});

/** The body of POST /v1/messages, as far as the simulator reads it. */
export const messageRequestSchema = countTokensRequestSchema.extend({
  max_tokens: z.number().int().min(0),
  stream: z.boolean().optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  metadata: z.looseObject({}).optional(),
  diagnostics: z
    .object({ previous_message_id: z.string().nullable().optional() })
    .nullable()
    .optional(),
  service_tier: z.enum(['auto', 'standard_only']).optional(),
});

/** A validated message request. */
export type MessageRequest = z.infer<typeof countTokensRequestSchema> &
  Partial<z.infer<typeof messageRequestSchema>>;
/** A content block of a request message. */
export type RequestContentBlock = z.infer<typeof contentBlockSchema>;
/** A tool definition of a request. */
export type RequestTool = z.infer<typeof toolSchema>;
/** A message of a request: user, assistant, or (per-turn control) system. */
export type RequestMessage = z.infer<typeof messageSchema>;
/** The request's `thinking`. */
export type ThinkingConfig = z.infer<typeof thinkingSchema>;
/** One edit of the request's `context_management.edits`. */
export type ContextEdit = z.infer<typeof contextEditSchema>;

/**
 * The API's wording for a schema failure: the path, then what was wrong.
 * @internal
 */
export function describeSchemaIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid request';
  const path = issue.path.map(String).join('.');
  const reason =
    issue.code === 'invalid_type' && issue.input === undefined ? 'Field required' : issue.message;
  return path.length > 0 ? `${path}: ${reason}` : reason;
}
