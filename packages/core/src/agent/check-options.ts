import * as z from 'zod';
import { InvalidArgumentError } from '../errors/invalid-argument-error';

/**
 * An object of options that rejects keys it does not know: the error lists
 * the known ones, so a typo (`maxAgent`) says what was meant.
 *
 * @example
 * ```ts
 * const thresholdsSchema = optionsObject({ caution: z.number().optional() });
 * parseOptions(thresholdsSchema, { cautoin: 0.7 }, 'thresholds');
 * // InvalidArgumentError: Invalid thresholds.cautoin: unknown option thresholds.cautoin; known options of thresholds: caution (received 0.7).
 * ```
 * @internal
 */
export function optionsObject<TShape extends z.ZodRawShape>(
  shape: TShape,
  expected = `an object of options (${Object.keys(shape).join(', ')})`,
): z.ZodObject<TShape, z.core.$strict> {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      // The translation below reads this message as the list of known keys.
      if (issue.code === 'unrecognized_keys') return `${knownMarker}${known}`;
      return `expected ${expected}`;
    },
  });
}

const knownMarker = 'known:';

/**
 * Checks `value` against `schema` and throws the first problem as an
 * {@link InvalidArgumentError} naming the option's path (`thresholds.caution`,
 * `tools[1].input`) and the value received there. Unknown keys come first:
 * a typo is the likeliest cause of the rest. Nothing is returned: callers keep
 * the objects they were given (a client, a budget), not zod's copies.
 *
 * @example
 * ```ts
 * checkOptions(runTaskOptionsSchema, options); // throws InvalidArgumentError, or returns
 * ```
 * @internal
 */
export function checkOptions(schema: z.ZodType, value: unknown, root = ''): void {
  const result = schema.safeParse(value);
  if (result.success) return;
  const issues = result.error.issues;
  const first = issues.find((issue) => issue.code === 'unrecognized_keys') ?? issues[0];
  if (first !== undefined) throw issueError(first, value, root);
}

/** The error of one zod issue, its path read in `value`. */
function issueError(issue: z.core.$ZodIssue, value: unknown, root: string): InvalidArgumentError {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const path = [...issue.path, key];
    const argument = formatPath(path, root);
    const where = formatPath(issue.path, root);
    const known = issue.message.startsWith(knownMarker)
      ? issue.message.slice(knownMarker.length)
      : '';
    const others = issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).join(', ')})` : '';
    return new InvalidArgumentError({
      argument,
      value: valueAt(value, path),
      message: `unknown option ${argument}${others}; known options${where === '' ? '' : ` of ${where}`}: ${known}`,
    });
  }
  return new InvalidArgumentError({
    argument: formatPath(issue.path, root) || 'options',
    value: valueAt(value, issue.path),
    message: issue.message,
  });
}

/** `tools[1].input`, `models.work`, `byId["a b"]`: how errors name a path. */
function formatPath(path: readonly PropertyKey[], root: string): string {
  let text = root;
  for (const key of path) {
    if (typeof key === 'number') text += `[${String(key)}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key))
      text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/** What `value` holds at `path`, or undefined where the path leaves it. */
function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if ((typeof current !== 'object' && typeof current !== 'function') || current === null)
      return undefined;
    try {
      current = (current as Record<PropertyKey, unknown>)[key];
    } catch {
      // A throwing getter: there is no value to show.
      return undefined;
    }
  }
  return current;
}
