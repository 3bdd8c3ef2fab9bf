import * as z from 'zod';
import type { Budget } from '../budget/budget';
import type { ModelClient } from '../model/model-client';
import type { AnyAgentTool } from './agent-tool';
import { optionsObject } from './check-options';

// Schemas of the values several public functions take (runAgent, runTask,
// runBatch): one wording for one mistake wherever it is made. They check;
// callers keep the objects they were given.

/**
 * A whole number of at least `minimum`.
 * @internal
 */
export function wholeNumberSchema(minimum: number): z.ZodNumber {
  const message = `expected a whole number of at least ${String(minimum)}`;
  return z.number({ error: message }).int({ error: message }).min(minimum, { error: message });
}

/**
 * A finite number of at least 0, in milliseconds.
 * @internal
 */
export const millisecondsSchema = z
  .number({ error: 'expected a non-negative number of milliseconds' })
  .min(0, { error: 'expected a non-negative number of milliseconds' });

/**
 * Text with something in it besides spaces.
 * @internal
 */
export function textSchema(what = 'non-empty text'): z.ZodString {
  return z
    .string({ error: `expected ${what}` })
    .refine((text) => text.trim().length > 0, { error: `expected ${what}` });
}

/**
 * A list of texts (`system: ['You are terse.']`), not one text.
 * @internal
 */
export const textListSchema = z.array(z.string({ error: 'expected text' }), {
  error: "expected a list of texts (['You are terse.']), not one text",
});

/**
 * A function, described for the message (`a clock: () => ms`).
 * @internal
 */
export function functionSchema<T>(what: string): z.ZodCustom<T> {
  return z.custom<T>((value) => typeof value === 'function', { error: `expected ${what}` });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * An `AbortSignal` (by its shape, so one from another realm or a polyfill passes).
 * @internal
 */
export const abortSignalSchema = z.custom<AbortSignal>(
  (value) =>
    isObject(value) &&
    typeof value['aborted'] === 'boolean' &&
    typeof value['addEventListener'] === 'function' &&
    typeof value['removeEventListener'] === 'function',
  { error: 'expected an AbortSignal (new AbortController().signal)' },
);

const clientMethods = ['complete', 'boundInputTokens'] as const;

/**
 * A {@link ModelClient}: `complete` and `boundInputTokens` are what every call
 * needs; `countTokens` and `batches`, when present, must be what they say.
 * @internal
 */
export const modelClientSchema = z.custom<ModelClient>().superRefine((value, context) => {
  if (!isObject(value)) {
    context.addIssue({
      code: 'custom',
      message: 'expected a ModelClient (createAnthropicClient, or complete and boundInputTokens)',
    });
    return;
  }
  for (const method of clientMethods)
    if (typeof value[method] !== 'function')
      context.addIssue({
        code: 'custom',
        path: [method],
        message: `expected a function: a ModelClient has ${clientMethods.join(' and ')}`,
      });
  if (value['countTokens'] !== undefined && typeof value['countTokens'] !== 'function')
    context.addIssue({ code: 'custom', path: ['countTokens'], message: 'expected a function' });
  if (value['batches'] !== undefined && !isObject(value['batches']))
    context.addIssue({
      code: 'custom',
      path: ['batches'],
      message: 'expected the provider batch lane (ModelBatches)',
    });
});

/** What a budget must answer for an agent or a task to draw on it. */
const budgetMethods = ['tryReserve', 'snapshot', 'subscribe'] as const;

/**
 * Whether `value` is a budget to draw on, by its shape (`instanceof` would
 * refuse one from a second copy of the package).
 * @internal
 */
export function isBudgetLike(value: unknown): value is Budget {
  return (
    isObject(value) &&
    budgetMethods.every((method) => typeof value[method] === 'function') &&
    isObject(value['priceTable']) &&
    typeof value['priceTable']['resolve'] === 'function'
  );
}

/**
 * A budget to draw on (createBudget, or an allowance of one). Budget options
 * are refused with a message saying so: the caller must create the budget.
 * @internal
 */
export const budgetSchema = z.custom<Budget>().superRefine((value, context) => {
  if (isBudgetLike(value)) return;
  const looksLikeOptions =
    isObject(value) && !budgetMethods.some((method) => typeof value[method] === 'function');
  context.addIssue({
    code: 'custom',
    message: looksLikeOptions
      ? 'expected a Budget, not budget options: create it with createBudget({ usd: ... })'
      : `expected a Budget (createBudget): an object with ${budgetMethods.join(', ')} and priceTable`,
  });
});

const budgetOptionsSchema = optionsObject({
  usd: z
    .union([z.number(), z.string()], {
      error: "expected dollars as a decimal string ('0.50') or a number",
    })
    .optional(),
  tokens: wholeNumberSchema(0).optional(),
  enforcement: z.enum(['hard', 'soft'], { error: "expected 'hard' or 'soft'" }).optional(),
  name: z.string({ error: 'expected text' }).optional(),
  priceTable: z
    .custom((value) => isObject(value) && typeof value['resolve'] === 'function', {
      error: 'expected a price table (createPriceTable)',
    })
    .optional(),
  onEvent: functionSchema('a listener: (event) => void').optional(),
  now: functionSchema('a clock: () => ms').optional(),
});

/**
 * A budget to draw on, or the options of a new one (`{ usd: '0.50' }`, with
 * at least `usd` or `tokens`); unknown options are refused.
 * @internal
 */
export const budgetOrOptionsSchema = z.unknown().superRefine((value, context) => {
  if (isBudgetLike(value)) return;
  if (!isObject(value) || Array.isArray(value)) {
    context.addIssue({
      code: 'custom',
      message: "expected a Budget (createBudget) or budget options such as { usd: '0.50' }",
    });
    return;
  }
  if (budgetMethods.some((method) => method in value)) {
    context.addIssue({
      code: 'custom',
      message: `expected a Budget (createBudget): an object with ${budgetMethods.join(', ')} and priceTable`,
    });
    return;
  }
  const parsed = budgetOptionsSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) context.addIssue({ ...issue, path: [...issue.path] });
    return;
  }
  if (value['usd'] === undefined && value['tokens'] === undefined)
    context.addIssue({ code: 'custom', message: 'needs a limit: usd, tokens or both' });
});

const toolNamePattern = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Whether a tool's `input` is a zod schema that can be sent as JSON Schema,
 * or what is wrong with it.
 */
function inputSchemaProblem(input: unknown): string | undefined {
  if (!isObject(input) || !('_zod' in input))
    return 'expected a zod 4 schema of the input, such as z.object({ query: z.string() })';
  try {
    z.toJSONSchema(input as unknown as z.ZodType);
    return undefined;
  } catch (error) {
    return `expected a schema that converts to JSON Schema (${error instanceof Error ? error.message : String(error)})`;
  }
}

const toolSchema = z.custom<AnyAgentTool>().superRefine((value, context) => {
  if (!isObject(value)) {
    context.addIssue({
      code: 'custom',
      message: 'expected a tool { name, description, input, execute }',
    });
    return;
  }
  if (typeof value['name'] !== 'string' || !toolNamePattern.test(value['name']))
    context.addIssue({
      code: 'custom',
      path: ['name'],
      message: 'expected 1-64 letters, digits, _ or -',
    });
  if (typeof value['description'] !== 'string')
    context.addIssue({ code: 'custom', path: ['description'], message: 'expected text' });
  const problem = inputSchemaProblem(value['input']);
  if (problem !== undefined)
    context.addIssue({ code: 'custom', path: ['input'], message: problem });
  if (typeof value['execute'] !== 'function')
    context.addIssue({
      code: 'custom',
      path: ['execute'],
      message: 'expected a function: (input, { toolCallId, signal }) => string',
    });
});

/**
 * Tools an agent may call: each well formed (name, description, a zod input
 * schema, execute), names unique, none taking a name the agent reserves
 * (`recall`, which pruning adds).
 * @internal
 */
export function toolsSchema(reserved: readonly string[] = []): z.ZodType<readonly AnyAgentTool[]> {
  return z
    .array(toolSchema, { error: 'expected a list of tools' })
    .superRefine((tools, context) => {
      const seen = new Map<string, number>();
      // Runs after element issues too: an element may be anything.
      tools.forEach((tool: unknown, index) => {
        if (!isObject(tool) || typeof tool['name'] !== 'string') return;
        const name = tool['name'];
        const earlier = seen.get(name);
        if (earlier !== undefined)
          context.addIssue({
            code: 'custom',
            path: [index, 'name'],
            message: `expected each tool name once; tools[${String(earlier)}] has it too`,
          });
        else if (reserved.includes(name))
          context.addIssue({
            code: 'custom',
            path: [index, 'name'],
            message: `expected a name other than ${reserved.join(', ')}: pruning adds a tool of that name`,
          });
        seen.set(name, index);
      });
    });
}
