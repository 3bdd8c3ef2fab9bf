import { isJsonSchemaObject, type JsonSchemaObject } from './json-schema-object';
import { stableStringify } from './stable-stringify';

const LOWER_BOUNDS = new Set([
  'minimum',
  'exclusiveMinimum',
  'minLength',
  'minItems',
  'minProperties',
]);
const UPPER_BOUNDS = new Set([
  'maximum',
  'exclusiveMaximum',
  'maxLength',
  'maxItems',
  'maxProperties',
]);

/**
 * Merges two object schemas into one that a value must satisfy for both, as
 * far as sampling needs: `properties` merge (a shared property becomes an
 * `allOf` of both), `required` and `allOf` concatenate, `type` and `enum`
 * intersect, bounds take the tighter value, `additionalProperties: false`
 * wins, and a second `$ref`, `anyOf` or `oneOf` is kept as an extra `allOf`
 * branch. Any other keyword keeps the first schema's value.
 *
 * @example
 * ```ts
 * mergeJsonSchemas(
 *   { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
 *   { properties: { name: { type: 'string' } }, required: ['name'] },
 * );
 * // { type: 'object', properties: { id: …, name: … }, required: ['id', 'name'] }
 * ```
 */
export function mergeJsonSchemas(
  first: JsonSchemaObject,
  second: JsonSchemaObject,
): JsonSchemaObject {
  const merged: Record<string, unknown> = { ...first };
  const extraBranches: unknown[] = [];
  for (const [keyword, value] of Object.entries(second)) {
    const existing = merged[keyword];
    if (existing === undefined) {
      merged[keyword] = value;
    } else if (keyword === 'properties') {
      merged[keyword] = mergeProperties(existing, value);
    } else if (keyword === 'required' || keyword === 'allOf') {
      merged[keyword] = concatenateUnique(existing, value);
    } else if (keyword === 'type') {
      merged[keyword] = intersectTypes(existing, value);
    } else if (keyword === 'enum') {
      merged[keyword] = intersectEnums(existing, value);
    } else if (LOWER_BOUNDS.has(keyword) || UPPER_BOUNDS.has(keyword)) {
      merged[keyword] = tighterBound(keyword, existing, value);
    } else if (keyword === 'additionalProperties' || keyword === 'items') {
      merged[keyword] = mergeSubschemas(existing, value);
    } else if (keyword === '$ref' || keyword === 'anyOf' || keyword === 'oneOf') {
      extraBranches.push({ [keyword]: value });
    }
  }
  if (extraBranches.length > 0) {
    merged['allOf'] = [...listOf(merged['allOf']), ...extraBranches];
  }
  return merged;
}

function mergeProperties(first: unknown, second: unknown): unknown {
  if (!isJsonSchemaObject(first) || !isJsonSchemaObject(second)) return first;
  const merged: Record<string, unknown> = { ...first };
  for (const [name, schema] of Object.entries(second)) {
    const existing = merged[name];
    merged[name] = existing === undefined ? schema : mergeSubschemas(existing, schema);
  }
  return merged;
}

function mergeSubschemas(first: unknown, second: unknown): unknown {
  if (first === false || second === false) return false;
  if (first === true) return second;
  if (second === true) return first;
  return { allOf: [first, second] };
}

function concatenateUnique(first: unknown, second: unknown): unknown {
  if (!Array.isArray(first) || !Array.isArray(second)) return first;
  const seen = new Set(listOf(first).map((item) => stableStringify(item)));
  return [...listOf(first), ...listOf(second).filter((item) => !seen.has(stableStringify(item)))];
}

function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function intersectTypes(first: unknown, second: unknown): unknown {
  const firstTypes = typeList(first);
  const secondTypes = typeList(second);
  const common = firstTypes.filter(
    (type) => secondTypes.includes(type) || (type === 'integer' && secondTypes.includes('number')),
  );
  for (const type of secondTypes) {
    if (type === 'integer' && firstTypes.includes('number') && !common.includes(type)) {
      common.push(type);
    }
  }
  // An empty intersection means no value fits; keep the first type so the
  // sampler still produces something of a sensible shape.
  if (common.length === 0) return first;
  return common.length === 1 ? common[0] : common;
}

function typeList(type: unknown): string[] {
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((item): item is string => typeof item === 'string') : [];
}

function intersectEnums(first: unknown, second: unknown): unknown {
  if (!Array.isArray(first) || !Array.isArray(second)) return first;
  const allowed = new Set(second.map((item: unknown) => stableStringify(item)));
  const common = first.filter((item: unknown) => allowed.has(stableStringify(item)));
  return common.length > 0 ? common : first;
}

function tighterBound(keyword: string, first: unknown, second: unknown): unknown {
  // Draft 4 wrote exclusiveMinimum/exclusiveMaximum as booleans; leave those alone.
  if (typeof first !== 'number' || typeof second !== 'number') return first;
  return LOWER_BOUNDS.has(keyword) ? Math.max(first, second) : Math.min(first, second);
}
