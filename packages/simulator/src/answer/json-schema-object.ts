/**
 * A JSON Schema in object form (as opposed to the boolean schemas `true` and
 * `false`). Keywords are read with bracket access and checked at run time,
 * because schemas arrive from requests unvalidated.
 *
 * @example
 * ```ts
 * const schema: JsonSchemaObject = { type: 'string', minLength: 1 };
 * ```
 */
export type JsonSchemaObject = Readonly<Record<string, unknown>>;

/**
 * Whether a value is a JSON Schema in object form: a non-null, non-array
 * object.
 *
 * @example
 * ```ts
 * isJsonSchemaObject({ type: 'string' }); // true
 * isJsonSchemaObject(true); // false (a boolean schema)
 * isJsonSchemaObject([]); // false
 * ```
 */
export function isJsonSchemaObject(value: unknown): value is JsonSchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
