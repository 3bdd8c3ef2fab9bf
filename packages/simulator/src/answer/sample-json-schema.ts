import { isJsonSchemaObject, type JsonSchemaObject } from './json-schema-object';
import { allowsNull, resolveJsonSchema } from './resolve-json-schema';
import { sampleJsonNumber } from './sample-json-number';
import { sampleJsonString } from './sample-json-string';
import { type SeededRandom } from './seeded-random';
import { stableStringify } from './stable-stringify';

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';

const JSON_TYPES: readonly string[] = [
  'string',
  'number',
  'integer',
  'boolean',
  'null',
  'object',
  'array',
];

// Past this nesting depth the sampler stops growing the value: null where
// allowed, only required properties, minItems elements. Recursive schemas
// (a tree node whose children are tree nodes) end here.
const MINIMAL_DEPTH = 6;
// A schema that demands infinite nesting (every node requires a child) has
// no finite instance; give up with null rather than overflow the stack.
const ABANDON_DEPTH = 32;

interface SampleContext {
  readonly root: unknown;
  readonly random: SeededRandom;
}

/**
 * Samples a value that is valid against a JSON Schema, for the subset of
 * draft 2020-12 that tool `input_schema`s and structured outputs use: `type`
 * (including type arrays), `enum`, `const`, `properties`, `required`,
 * `additionalProperties`, `items`, `prefixItems`, `minItems`/`maxItems`,
 * `uniqueItems`, `minProperties`/`maxProperties`, string lengths and
 * `format`s, numeric bounds, `multipleOf`, `anyOf`/`oneOf` (first branch),
 * `allOf` (merged) and local `$ref`s (`#/$defs/X`, `#/definitions/X`).
 *
 * Required properties are always present; optional ones are included about
 * half the time; no property beyond `properties` is added unless
 * `minProperties` demands it and `additionalProperties` allows it. Below a
 * depth of 6 values shrink to the minimum, so recursive schemas end.
 *
 * Not honoured: `pattern`, `patternProperties`, `propertyNames`,
 * `contains`, `dependentRequired`/`dependentSchemas`, `if`/`then`/`else`,
 * `not`, remote and `$anchor` references. A schema that is neither an object
 * nor a boolean (or is `false`) yields `null`; `true` and `{}` yield a short
 * string.
 *
 * @example
 * ```ts
 * sampleJsonSchema(
 *   {
 *     type: 'object',
 *     properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1, maximum: 7 } },
 *     required: ['city'],
 *     additionalProperties: false,
 *   },
 *   createSeededRandom('seed'),
 * ); // e.g. { city: 'quiet harbor', days: 4 }
 * ```
 */
export function sampleJsonSchema(schema: unknown, random: SeededRandom): unknown {
  if (typeof schema !== 'boolean' && !isJsonSchemaObject(schema)) return null;
  return sampleNode(schema, { root: schema, random }, 0);
}

function sampleNode(schema: unknown, context: SampleContext, depth: number): unknown {
  if (depth > ABANDON_DEPTH) return null;
  const minimal = depth > MINIMAL_DEPTH;
  const resolved = resolveJsonSchema(schema, { root: context.root, preferTerminal: minimal });
  if (resolved === undefined || resolved === false) return null;
  if (resolved === true) return sampleJsonString({}, context.random, minimal);
  if ('const' in resolved) return structuredClone(resolved['const']);
  const values = resolved['enum'];
  if (Array.isArray(values) && values.length > 0) {
    if (minimal) return values.includes(null) ? null : structuredClone(values[0] as unknown);
    return structuredClone(context.random.pick(values as unknown[]));
  }
  if (minimal && allowsNull(resolved)) return null;
  const type = chooseType(resolved);
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return minimal ? false : context.random.next() < 0.5;
    case 'integer':
    case 'number':
      return sampleJsonNumber(resolved, context.random, { integer: type === 'integer', minimal });
    case 'string':
      return sampleJsonString(resolved, context.random, minimal);
    case 'array':
      return sampleArray(resolved, context, depth);
    case 'object':
      return sampleObject(resolved, context, depth);
  }
}

function chooseType(schema: JsonSchemaObject): JsonType {
  const declared = schema['type'];
  const types = (Array.isArray(declared) ? declared : [declared]).filter(isJsonType);
  // The first non-null type gives the most useful sample; null is only the
  // answer when nothing else is allowed (or, above, deep in recursion).
  const chosen = types.find((type) => type !== 'null') ?? types[0];
  return chosen ?? inferType(schema);
}

function inferType(schema: JsonSchemaObject): JsonType {
  const has = (keywords: readonly string[]): boolean =>
    keywords.some((keyword) => schema[keyword] !== undefined);
  if (has(['properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties'])) {
    return 'object';
  }
  if (has(['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems'])) return 'array';
  if (has(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'])) {
    return 'number';
  }
  // `{}` (anything goes) and string keywords both land here: a short string.
  return 'string';
}

function isJsonType(value: unknown): value is JsonType {
  return typeof value === 'string' && JSON_TYPES.includes(value);
}

function sampleObject(
  schema: JsonSchemaObject,
  context: SampleContext,
  depth: number,
): Record<string, unknown> {
  const minimal = depth > MINIMAL_DEPTH;
  const properties = isJsonSchemaObject(schema['properties']) ? schema['properties'] : {};
  const required = new Set(stringList(schema['required']));
  const additional = schema['additionalProperties'] ?? true;
  const minProperties = wholeNumber(schema['minProperties']) ?? 0;
  const maxProperties = wholeNumber(schema['maxProperties']) ?? Number.POSITIVE_INFINITY;

  // Keys in `properties` order first (readable output), then required keys
  // that `properties` does not describe.
  const optional = Object.keys(properties).filter((name) => !required.has(name));
  const chosen = new Set<string>();
  for (const name of Object.keys(properties)) {
    if (required.has(name)) chosen.add(name);
    // Decide for every optional property, even past the limit, so one
    // property's choice does not shift the random sequence of the next.
    else if (!minimal && context.random.next() < 0.5) chosen.add(name);
  }
  for (const name of required) chosen.add(name);
  for (const name of optional) {
    if (chosen.size >= minProperties) break;
    chosen.add(name);
  }
  for (const name of [...optional].reverse()) {
    if (chosen.size <= maxProperties) break;
    chosen.delete(name);
  }
  for (let extra = 1; chosen.size < minProperties && additional !== false; extra += 1) {
    const name = `extra${extra}`;
    if (!Object.hasOwn(properties, name)) chosen.add(name);
  }

  const result: Record<string, unknown> = {};
  for (const name of chosen) {
    // A required key with no property schema is described by
    // additionalProperties (or is unconstrained when that is false: the
    // schema is then unsatisfiable and a string is as good as anything).
    const valueSchema = Object.hasOwn(properties, name)
      ? properties[name]
      : additional === false
        ? true
        : additional;
    // defineProperty, because a plain assignment to "__proto__" would set the prototype.
    Object.defineProperty(result, name, {
      value: sampleNode(valueSchema, context, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

function sampleArray(schema: JsonSchemaObject, context: SampleContext, depth: number): unknown[] {
  const itemsKeyword = schema['items'];
  // Before 2020-12, a tuple was `items: [...]` with `additionalItems` for the rest.
  const prefix: readonly unknown[] = Array.isArray(schema['prefixItems'])
    ? schema['prefixItems']
    : Array.isArray(itemsKeyword)
      ? itemsKeyword
      : [];
  const rest = Array.isArray(itemsKeyword)
    ? (schema['additionalItems'] ?? true)
    : (itemsKeyword ?? true);
  const minItems = wholeNumber(schema['minItems']) ?? 0;
  let maxItems = wholeNumber(schema['maxItems']) ?? Number.POSITIVE_INFINITY;
  if (rest === false) maxItems = Math.min(maxItems, prefix.length);

  let count = minItems;
  if (depth <= MINIMAL_DEPTH && minItems <= maxItems) {
    const low = Math.min(Math.max(minItems, 1), maxItems);
    count = context.random.integer(low, Math.min(maxItems, low + 2));
  }

  const unique = schema['uniqueItems'] === true;
  const seen = new Set<string>();
  const values: unknown[] = [];
  // Unique items may collide (a boolean array has two values at most); a few
  // retries per slot, then settle for fewer items.
  for (let attempt = 0; values.length < count && attempt < count * 8; attempt += 1) {
    const index = values.length;
    const value = sampleNode(index < prefix.length ? prefix[index] : rest, context, depth + 1);
    if (unique) {
      const key = stableStringify(value);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    values.push(value);
  }
  return values;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
