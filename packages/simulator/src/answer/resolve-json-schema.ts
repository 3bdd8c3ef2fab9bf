import { isJsonSchemaObject, type JsonSchemaObject } from './json-schema-object';
import { mergeJsonSchemas } from './merge-json-schemas';

/**
 * Options of {@link resolveJsonSchema}.
 *
 * @example
 * ```ts
 * const options: ResolveJsonSchemaOptions = { root: schema, preferTerminal: depth > 6 };
 * ```
 */
export interface ResolveJsonSchemaOptions {
  /** The document `$ref` pointers are resolved against (the schema passed to the sampler). */
  readonly root: unknown;
  /**
   * Choose `anyOf`/`oneOf` branches that end recursion: one allowing `null`,
   * else one without a `$ref`. Set deep in a recursive schema.
   * @default false
   */
  readonly preferTerminal?: boolean;
}

// Each $ref, allOf or anyOf/oneOf step consumes one unit; a schema that is
// only references to itself ({ "$ref": "#" }) stops here instead of looping.
const STEP_BUDGET = 64;

/**
 * Flattens the combinators at the top of a schema so the sampler sees plain
 * keywords: follows local `$ref`s (`#`, `#/$defs/X`, `#/definitions/X`, any
 * JSON pointer into the root), merges `allOf` branches, and replaces
 * `anyOf`/`oneOf` with one branch merged into its siblings (the first branch,
 * or a terminal one when `preferTerminal` is set). Nested subschemas
 * (properties, items) are left for the sampler to resolve when it gets there.
 *
 * Returns `true`/`false` for boolean schemas (or a `false` branch of
 * `allOf`), and `undefined` when the schema is not a schema at all. An
 * unresolvable `$ref` is ignored, like an empty schema.
 *
 * @example
 * ```ts
 * resolveJsonSchema(
 *   { $ref: '#/$defs/id' },
 *   { root: { $defs: { id: { type: 'integer', minimum: 1 } } } },
 * ); // { type: 'integer', minimum: 1 }
 * ```
 */
export function resolveJsonSchema(
  schema: unknown,
  options: ResolveJsonSchemaOptions,
): JsonSchemaObject | boolean | undefined {
  return resolveWithBudget(schema, options, { remaining: STEP_BUDGET });
}

function resolveWithBudget(
  schema: unknown,
  options: ResolveJsonSchemaOptions,
  budget: { remaining: number },
): JsonSchemaObject | boolean | undefined {
  if (typeof schema === 'boolean') return schema;
  if (!isJsonSchemaObject(schema)) return undefined;
  let current = schema;
  while (budget.remaining > 0) {
    budget.remaining -= 1;
    const reference = current['$ref'];
    if (typeof reference === 'string') {
      const siblings = without(current, '$ref');
      const target = resolvePointer(options.root, reference);
      if (target === false) return false;
      current = isJsonSchemaObject(target) ? mergeJsonSchemas(target, siblings) : siblings;
      continue;
    }
    const allOf = current['allOf'];
    if (Array.isArray(allOf)) {
      let merged = without(current, 'allOf');
      for (const branch of allOf) {
        const resolved = resolveWithBudget(branch, options, budget);
        if (resolved === false) return false;
        if (isJsonSchemaObject(resolved)) merged = mergeJsonSchemas(merged, resolved);
      }
      current = merged;
      continue;
    }
    const keyword = Array.isArray(current['anyOf']) ? 'anyOf' : 'oneOf';
    const branches = current[keyword];
    if (Array.isArray(branches)) {
      const rest = without(current, keyword);
      const branch = chooseBranch(branches, options.preferTerminal ?? false);
      if (branch === undefined) return false;
      const resolved = resolveWithBudget(branch, options, budget);
      if (resolved === false) return false;
      current = isJsonSchemaObject(resolved) ? mergeJsonSchemas(rest, resolved) : rest;
      continue;
    }
    return current;
  }
  return current;
}

function chooseBranch(branches: readonly unknown[], preferTerminal: boolean): unknown {
  // A `false` branch can never be satisfied; skip it.
  const usable = branches.filter((branch) => branch !== false);
  if (!preferTerminal) return usable[0];
  return usable.find(allowsNull) ?? usable.find((branch) => !hasReference(branch)) ?? usable[0];
}

/**
 * Whether a schema's own keywords accept `null` (its `type`, `const` or
 * `enum`), without following references.
 *
 * @example
 * ```ts
 * allowsNull({ type: ['string', 'null'] }); // true
 * allowsNull({ type: 'string' }); // false
 * ```
 */
export function allowsNull(schema: unknown): boolean {
  if (!isJsonSchemaObject(schema)) return false;
  const type = schema['type'];
  if (type === 'null' || (Array.isArray(type) && type.includes('null'))) return true;
  if ('const' in schema) return schema['const'] === null;
  const values = schema['enum'];
  return Array.isArray(values) && values.includes(null);
}

function hasReference(schema: unknown): boolean {
  return isJsonSchemaObject(schema) && typeof schema['$ref'] === 'string';
}

function without(schema: JsonSchemaObject, keyword: string): JsonSchemaObject {
  const copy: Record<string, unknown> = { ...schema };
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a copy, keyed by a schema keyword
  delete copy[keyword];
  return copy;
}

function resolvePointer(root: unknown, reference: string): unknown {
  // Only references into the same document; remote and $anchor ones are not followed.
  if (!reference.startsWith('#')) return undefined;
  const pointer = reference.slice(1);
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let node = root;
  for (const encoded of pointer.slice(1).split('/')) {
    const segment = safeDecode(encoded).replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node)) node = node[Number(segment)] as unknown;
    else if (isJsonSchemaObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A stray `%` that is not an escape: take the segment literally.
    return text;
  }
}
