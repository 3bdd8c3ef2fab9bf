import type * as z from 'zod';

/**
 * Validates one results file against the schema of the fields its section
 * reads. A malformed file throws an `Error` naming the file and every bad
 * field (`shapes[1].microsecondsPerPair: Invalid input: expected number, ...`),
 * so a results file that drifted from its renderer fails loudly, not as a
 * `NaN` in the page.
 *
 * @example
 * ```ts
 * parseResults('governor-overhead.json', governorOverheadSchema, JSON.parse(text));
 * ```
 */
export function parseResults<T>(file: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = describeIssues(parsed.error.issues, []);
  throw new Error(
    `results/${file} does not match what its section reads:\n${problems.map((line) => `  ${line}`).join('\n')}`,
  );
}

/** One line per issue, `path: message`; a union that matched no branch lists each branch's issues. */
function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  parent: readonly PropertyKey[],
): string[] {
  return issues.flatMap((issue) => {
    const path = [...parent, ...issue.path];
    const line = `${path.length === 0 ? '(root)' : fieldPath(path)}: ${issue.message}`;
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [line];
    return [
      `${line}, as none of these fit:`,
      ...issue.errors.flatMap((branch, index) =>
        describeIssues(branch, path).map((text) => `  ${String(index + 1)}. ${text}`),
      ),
    ];
  });
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${String(key)}]`;
      const name = String(key);
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}
