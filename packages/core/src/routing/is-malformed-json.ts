/**
 * What {@link isMalformedJson} checks a parsed value with: a zod schema, or
 * anything with a `safeParse` of the same shape.
 */
export interface JsonShape {
  safeParse(value: unknown): { readonly success: boolean };
}

const fence = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/;

function parses(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * True when a model's output holds no JSON that can be read, or holds JSON
 * that `schema` rejects. Read like the orchestrator reads plans: the whole
 * text, else the body of a code fence around it, else the span from its
 * first `{` to its last `}` (models wrap JSON in prose). Pure.
 *
 * An answer cut by `max_tokens`, or a plan from a model below its tier,
 * is malformed: escalate with `{ kind: 'malformed-output' }`.
 *
 * @example
 * ```ts
 * isMalformedJson('{"subtasks": [{"id": "a"'); // true: cut off
 * isMalformedJson('Here it is: {"size": "small"}'); // false
 * isMalformedJson('{"size": 3}', z.object({ size: z.enum(['small', 'large']) })); // true
 * ```
 */
export function isMalformedJson(text: string, schema?: JsonShape): boolean {
  const trimmed = text.trim();
  const fenced = fence.exec(trimmed)?.[1];
  const start = trimmed.indexOf('{');
  const end = trimmed.lastIndexOf('}');
  const candidates = [
    trimmed,
    ...(fenced === undefined ? [] : [fenced]),
    ...(start >= 0 && end > start ? [trimmed.slice(start, end + 1)] : []),
  ];
  for (const candidate of candidates) {
    const parsed = parses(candidate);
    if (!parsed.ok) continue;
    return schema === undefined ? false : !schema.safeParse(parsed.value).success;
  }
  return true;
}
