/**
 * Renders a JSON value with object keys sorted at every depth, so two
 * requests that differ only in key order render (and hash) the same.
 * Follows `JSON.stringify` otherwise: `undefined` and function members are
 * dropped, non-finite numbers become `null`, and `toJSON` is honoured.
 *
 * @example
 * ```ts
 * stableStringify({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 * stableStringify({ a: 1, b: 2 }) === stableStringify({ b: 2, a: 1 }); // true
 * ```
 */
export function stableStringify(value: unknown): string {
  return render(value) ?? 'null';
}

function render(value: unknown): string | undefined {
  const plain = hasToJson(value) ? value.toJSON() : value;
  if (plain === null) return 'null';
  if (typeof plain === 'string' || typeof plain === 'boolean') return JSON.stringify(plain);
  if (typeof plain === 'number') return Number.isFinite(plain) ? JSON.stringify(plain) : 'null';
  // JSON.stringify throws on bigint; a decimal keeps hashing total instead.
  if (typeof plain === 'bigint') return plain.toString();
  if (Array.isArray(plain)) return renderArray(plain);
  if (typeof plain === 'object') return renderObject(plain);
  // undefined, functions and symbols have no JSON form: the member is dropped.
  return undefined;
}

function renderArray(items: readonly unknown[]): string {
  return `[${items.map((item) => render(item) ?? 'null').join(',')}]`;
}

function renderObject(record: object): string {
  const members: string[] = [];
  for (const [key, value] of Object.entries(record).sort(([first], [second]) =>
    first < second ? -1 : first > second ? 1 : 0,
  )) {
    const rendered = render(value);
    if (rendered !== undefined) members.push(`${JSON.stringify(key)}:${rendered}`);
  }
  return `{${members.join(',')}}`;
}

function hasToJson(value: unknown): value is { toJSON: () => unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}
