import { isDeepStrictEqual } from 'node:util';

/**
 * A small JSON Schema validator for tests, written apart from the sampler so
 * it can catch the sampler's mistakes. It checks the keywords the sampler
 * claims to honour, with their real semantics (`allOf` validates every
 * branch, `oneOf` exactly one, keywords apply only to values of their type).
 * Returns one message per violation, each with a JSON path; `[]` means valid.
 *
 * @example
 * ```ts
 * findSchemaViolations({ a: 1 }, { type: 'object', required: ['b'] });
 * // ['$: missing required "b"']
 * ```
 */
export function findSchemaViolations(
  value: unknown,
  schema: unknown,
  root: unknown = schema,
  path = '$',
): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: the false schema accepts nothing`];
  if (!isRecord(schema)) return [`${path}: not a schema`];
  const violations: string[] = [];
  const check = (subschema: unknown, subvalue: unknown, subpath: string): string[] =>
    findSchemaViolations(subvalue, subschema, root, subpath);

  if (typeof schema['$ref'] === 'string') {
    violations.push(...check(followPointer(root, schema['$ref']), value, path));
  }
  if ('const' in schema && !isDeepStrictEqual(value, schema['const'])) {
    violations.push(`${path}: not the const`);
  }
  const values = schema['enum'];
  if (Array.isArray(values) && !values.some((item) => isDeepStrictEqual(item, value))) {
    violations.push(`${path}: ${JSON.stringify(value)} is not in the enum`);
  }
  if (schema['type'] !== undefined) {
    const types: unknown[] = Array.isArray(schema['type']) ? schema['type'] : [schema['type']];
    if (!types.some((type) => hasType(value, type))) {
      violations.push(
        `${path}: ${JSON.stringify(value)} is not of type ${JSON.stringify(schema['type'])}`,
      );
    }
  }
  if (Array.isArray(schema['allOf'])) {
    for (const branch of schema['allOf']) violations.push(...check(branch, value, path));
  }
  if (
    Array.isArray(schema['anyOf']) &&
    !schema['anyOf'].some((branch) => check(branch, value, path).length === 0)
  ) {
    violations.push(`${path}: matches no anyOf branch`);
  }
  if (Array.isArray(schema['oneOf'])) {
    const matches = schema['oneOf'].filter(
      (branch) => check(branch, value, path).length === 0,
    ).length;
    if (matches !== 1) violations.push(`${path}: matches ${matches} oneOf branches`);
  }
  if (typeof value === 'string') violations.push(...stringViolations(value, schema, path));
  if (typeof value === 'number') violations.push(...numberViolations(value, schema, path));
  if (Array.isArray(value)) {
    const prefix: unknown[] = Array.isArray(schema['prefixItems']) ? schema['prefixItems'] : [];
    value.forEach((item, index) => {
      const itemSchema = index < prefix.length ? prefix[index] : (schema['items'] ?? true);
      violations.push(...check(itemSchema, item, `${path}[${index}]`));
    });
    violations.push(...countViolations(value.length, schema, 'minItems', 'maxItems', path));
    const rendered = value.map((item) => JSON.stringify(item));
    if (schema['uniqueItems'] === true && new Set(rendered).size !== rendered.length) {
      violations.push(`${path}: items are not unique`);
    }
  }
  if (isRecord(value)) {
    const properties = isRecord(schema['properties']) ? schema['properties'] : {};
    const required: unknown[] = Array.isArray(schema['required']) ? schema['required'] : [];
    for (const name of required) {
      if (typeof name === 'string' && !Object.hasOwn(value, name))
        violations.push(`${path}: missing required "${name}"`);
    }
    for (const [name, member] of Object.entries(value)) {
      const memberSchema = Object.hasOwn(properties, name)
        ? properties[name]
        : (schema['additionalProperties'] ?? true);
      violations.push(...check(memberSchema, member, `${path}.${name}`));
    }
    violations.push(
      ...countViolations(Object.keys(value).length, schema, 'minProperties', 'maxProperties', path),
    );
  }
  return violations;
}

function hasType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isRecord(value);
    default:
      return false;
  }
}

const FORMATS: Readonly<Record<string, RegExp>> = {
  'date-time':
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  time: /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uri: /^[a-z][a-z\d+.-]*:[^\s]*$/i,
  uuid: /^[\da-f]{8}-[\da-f]{4}-[1-8][\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/i,
  hostname: /^(?=.{1,253}$)[a-z\d]([a-z\d-]{0,61}[a-z\d])?(\.[a-z\d]([a-z\d-]{0,61}[a-z\d])?)*$/i,
  ipv4: /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/,
};

function stringViolations(value: string, schema: Record<string, unknown>, path: string): string[] {
  const violations = countViolations(
    // JSON Schema lengths count code points, which Array.from walks.
    Array.from(value).length,
    schema,
    'minLength',
    'maxLength',
    path,
  );
  const format = schema['format'];
  const pattern = typeof format === 'string' ? FORMATS[format] : undefined;
  if (pattern !== undefined && !pattern.test(value))
    violations.push(`${path}: "${value}" is not a ${String(format)}`);
  if (format === 'date-time' && Number.isNaN(Date.parse(value)))
    violations.push(`${path}: "${value}" is not a real date`);
  return violations;
}

function numberViolations(value: number, schema: Record<string, unknown>, path: string): string[] {
  const violations: string[] = [];
  const bound = (keyword: string): number | undefined => {
    const limit = schema[keyword];
    return typeof limit === 'number' ? limit : undefined;
  };
  const minimum = bound('minimum');
  const maximum = bound('maximum');
  const exclusiveMinimum = bound('exclusiveMinimum');
  const exclusiveMaximum = bound('exclusiveMaximum');
  const multipleOf = bound('multipleOf');
  if (minimum !== undefined && value < minimum)
    violations.push(`${path}: ${value} < minimum ${minimum}`);
  if (maximum !== undefined && value > maximum)
    violations.push(`${path}: ${value} > maximum ${maximum}`);
  if (exclusiveMinimum !== undefined && value <= exclusiveMinimum)
    violations.push(`${path}: ${value} <= exclusiveMinimum ${exclusiveMinimum}`);
  if (exclusiveMaximum !== undefined && value >= exclusiveMaximum)
    violations.push(`${path}: ${value} >= exclusiveMaximum ${exclusiveMaximum}`);
  if (multipleOf !== undefined) {
    // Validators disagree on float multiples (0.3 / 0.1 is 2.9999999999999996); allow a little slack.
    const quotient = value / multipleOf;
    if (Math.abs(quotient - Math.round(quotient)) > 1e-9)
      violations.push(`${path}: ${value} is not a multiple of ${multipleOf}`);
  }
  return violations;
}

function countViolations(
  count: number,
  schema: Record<string, unknown>,
  minimumKeyword: string,
  maximumKeyword: string,
  path: string,
): string[] {
  const violations: string[] = [];
  const minimum = schema[minimumKeyword];
  const maximum = schema[maximumKeyword];
  if (typeof minimum === 'number' && count < minimum)
    violations.push(`${path}: ${count} below ${minimumKeyword} ${minimum}`);
  if (typeof maximum === 'number' && count > maximum)
    violations.push(`${path}: ${count} above ${maximumKeyword} ${maximum}`);
  return violations;
}

function followPointer(root: unknown, reference: string): unknown {
  if (reference === '#') return root;
  let node: unknown = root;
  for (const segment of reference.replace(/^#\//, '').split('/')) {
    node = isRecord(node) ? node[segment.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
  }
  // An unknown reference fails loudly: a test schema with a typo should not pass.
  return node ?? false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
