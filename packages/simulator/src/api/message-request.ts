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
const toolResultBlockSchema = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(z.union([textBlockSchema, imageBlockSchema]))]).optional(),
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

const messageSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.union([z.string(), z.array(contentBlockSchema)]),
});

const toolSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()).optional(),
  type: z.string().optional(),
  cache_control: cacheControlSchema,
});

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
  thinking: z.looseObject({ type: z.string() }).optional(),
  cache_control: cacheControlSchema,
  output_config: z
    .looseObject({
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
