import { InvalidArgumentError } from '@bursar/core/pricing';
import * as z from 'zod';

const knownMarker = 'known:';

/**
 * An object of options that rejects keys it does not know: the error lists
 * the known ones, so a typo (`latancy`) says what was meant.
 *
 * @example
 * ```ts
 * const rateLimitsSchema = optionsObject({ requestsPerMinute: z.number().optional() });
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
      // checkOptions reads this message as the list of known keys.
      if (issue.code === 'unrecognized_keys') return `${knownMarker}${known}`;
      return `expected ${expected}`;
    },
  });
}

/**
 * Checks `value` against `schema` and throws the first problem as an
 * `InvalidArgumentError` naming the option's path (`latency.mode`,
 * `workloads[0].tasks`) and the value received there. Unknown keys come
 * first: a typo is the likeliest cause of the rest. Nothing is returned:
 * callers keep what they were given (a clock, a responder), not zod's copies.
 *
 * @example
 * ```ts
 * checkOptions(simulatorOptionsSchema, { latency: { mode: 'slow' } });
 * // InvalidArgumentError: Invalid latency.mode: expected 'realistic' or 'zero' (received 'slow').
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

/** `workloads[0].tasks`, `latency.outputTokensPerSecond["claude-x"]`: how errors name a path. */
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
