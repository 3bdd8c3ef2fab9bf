/** What a secret is replaced with. @internal */
export const redactedPlaceholder = '[redacted]';

// Shorter strings are not credentials, and replacing them would mangle text.
const minimumSecretLength = 8;
// Bounds of the walk: errors visited, and nesting of the data inside one.
const maximumErrors = 64;
const maximumDataDepth = 16;

/**
 * `text` with every occurrence of each secret replaced by `[redacted]`.
 *
 * @example
 * ```ts
 * redactSecrets('bad key sk-ant-123456', ['sk-ant-123456']); // 'bad key [redacted]'
 * ```
 * @internal
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret.length >= minimumSecretLength)
      redacted = redacted.replaceAll(secret, redactedPlaceholder);
  }
  return redacted;
}

/**
 * Removes secrets from an error and from every error it carries: its `cause`
 * chain, the `errors` of an `AggregateError` or a `RetryError`, and errors
 * found in any field. In each, it rewrites the message, the stack and every
 * own field: strings, `Headers` (an SDK error keeps the response's headers,
 * and a server may echo the key in one), plain records and arrays (such as
 * the parsed error body), at any depth. A field that holds a secret is
 * replaced by a redacted copy; the objects of the caller are not mutated
 * beyond the errors themselves.
 *
 * An error that cannot be rewritten (frozen, or a secret in a read-only field)
 * is replaced where it is referenced by a stand-in `Error` with the same name
 * and the redacted message and stack; the return value is such a stand-in
 * when the error passed in is one.
 *
 * The SDK never puts the API key in an error itself, but a server or a custom
 * `fetch` may echo it back, and these errors travel on as `cause`.
 *
 * @returns `error`, scrubbed in place, or its redacted stand-in.
 * @example
 * ```ts
 * const safe = scrubErrorChain(sdkError, [apiKey]);
 * ```
 * @internal
 */
export function scrubErrorChain(error: unknown, secrets: readonly string[]): unknown {
  const live = secrets.filter((secret) => secret.length >= minimumSecretLength);
  if (live.length === 0) return error;
  const scrubber = new Scrubber(live);
  return scrubber.value(error, 0);
}

/**
 * True when a secret occurs in `value`: a string, or the strings anywhere in
 * an object's own fields (errors and their causes included), at any depth.
 *
 * @example
 * ```ts
 * containsSecret(new Error('x', { cause: { headers: { key: apiKey } } }), [apiKey]); // true
 * ```
 * @internal
 */
export function containsSecret(value: unknown, secrets: readonly string[]): boolean {
  const live = secrets.filter((secret) => secret.length >= minimumSecretLength);
  if (live.length === 0) return false;
  const seen = new Set<object>();
  const visit = (current: unknown, depth: number): boolean => {
    if (typeof current === 'string') return live.some((secret) => current.includes(secret));
    if (typeof current !== 'object' || current === null || seen.has(current)) return false;
    // Past the bound, be safe: anything this deep counts as holding a secret.
    if (depth > maximumDataDepth) return true;
    seen.add(current);
    if (isHeaders(current)) return headerEntries(current).some(([, text]) => visit(text, depth));
    if (current instanceof Map || current instanceof Set) {
      for (const entry of current.entries())
        if (visit(entry[0], depth + 1) || visit(entry[1], depth + 1)) return true;
    }
    if (visit(ownRendering(current), depth)) return true;
    for (const key of Reflect.ownKeys(current)) {
      const descriptor = Object.getOwnPropertyDescriptor(current, key);
      if (descriptor !== undefined && 'value' in descriptor && visit(descriptor.value, depth + 1))
        return true;
    }
    return false;
  };
  return visit(value, 0);
}

class Scrubber {
  private readonly secrets: readonly string[];
  // An error visited, mapped to what replaces it (itself when scrubbed in place).
  private readonly errors = new Map<object, unknown>();

  constructor(secrets: readonly string[]) {
    this.secrets = secrets;
  }

  /** `value`, or a redacted copy of it; errors are scrubbed in place or stood in for. */
  value(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return redactSecrets(value, this.secrets);
    if (typeof value !== 'object' || value === null) return value;
    if (isError(value)) return this.error(value);
    if (depth > maximumDataDepth)
      return containsSecret(value, this.secrets) ? redactedPlaceholder : value;
    if (isHeaders(value)) return this.headers(value);
    if (value instanceof Map) {
      const entries: [unknown, unknown][] = [];
      let changed = false;
      for (const [key, item] of value as Map<unknown, unknown>) {
        const redacted: [unknown, unknown] = [
          this.value(key, depth + 1),
          this.value(item, depth + 1),
        ];
        changed ||= redacted[0] !== key || redacted[1] !== item;
        entries.push(redacted);
      }
      return changed ? new Map(entries) : value;
    }
    if (value instanceof Set) {
      const items = [...value.values()].map((item: unknown) => this.value(item, depth + 1));
      return items.every((item) => value.has(item)) ? value : new Set(items);
    }
    if (Array.isArray(value)) {
      const items: unknown[] = value.map((item: unknown) => this.value(item, depth + 1));
      return items.every((item, index) => item === value[index]) ? value : items;
    }
    if (isPlainRecord(value)) {
      let changed = false;
      const copy: Record<string | symbol, unknown> = {};
      for (const key of Reflect.ownKeys(value)) {
        const descriptor = Object.getOwnPropertyDescriptor(value, key);
        if (descriptor === undefined || !('value' in descriptor)) continue;
        const redacted = this.value(descriptor.value, depth + 1);
        if (redacted !== descriptor.value) changed = true;
        Object.defineProperty(copy, key, { ...descriptor, value: redacted });
      }
      if (!changed) return value;
      Object.setPrototypeOf(copy, Object.getPrototypeOf(value) as object | null);
      return copy;
    }
    // A class instance we do not know: leave it unless it holds a secret.
    return containsSecret(value, this.secrets) ? redactedPlaceholder : value;
  }

  private error(error: object): unknown {
    if (this.errors.has(error)) return this.errors.get(error);
    if (this.errors.size >= maximumErrors)
      return containsSecret(error, this.secrets) ? this.standIn(error) : error;
    // Registered first: a cycle back to this error keeps the error itself.
    this.errors.set(error, error);
    for (const key of Reflect.ownKeys(error)) {
      const descriptor = Object.getOwnPropertyDescriptor(error, key);
      if (descriptor === undefined) continue;
      if (!('value' in descriptor)) {
        // V8 may give `stack` as an accessor pair on the instance.
        if (key === 'stack' && descriptor.set !== undefined) this.rewriteStack(error);
        continue;
      }
      const redacted = this.value(descriptor.value, 1);
      if (redacted === descriptor.value) continue;
      if (descriptor.writable === true && !Object.isFrozen(error)) {
        (error as Record<string | symbol, unknown>)[key] = redacted;
      } else if (descriptor.configurable === true) {
        Object.defineProperty(error, key, { ...descriptor, value: redacted });
      }
    }
    const result = containsSecret(error, this.secrets) ? this.standIn(error) : error;
    this.errors.set(error, result);
    return result;
  }

  private rewriteStack(error: object): void {
    const stack: unknown = Reflect.get(error, 'stack');
    if (typeof stack !== 'string') return;
    const redacted = redactSecrets(stack, this.secrets);
    if (redacted !== stack) Reflect.set(error, 'stack', redacted);
  }

  /** A plain `Error` in place of one that could not be rewritten: name, message and stack, redacted. */
  private standIn(error: object): Error {
    const fields = error as { name?: unknown; message?: unknown; stack?: unknown };
    const standIn = new Error(redactSecrets(String(fields.message), this.secrets));
    standIn.name = redactSecrets(String(fields.name), this.secrets);
    if (typeof fields.stack === 'string') standIn.stack = redactSecrets(fields.stack, this.secrets);
    else delete standIn.stack;
    return standIn;
  }

  private headers(headers: HeadersLike): unknown {
    const entries = headerEntries(headers);
    if (!entries.some(([, text]) => this.secrets.some((secret) => text.includes(secret))))
      return headers;
    const copy = new Headers();
    for (const [name, text] of entries) copy.append(name, redactSecrets(text, this.secrets));
    return copy;
  }
}

interface HeadersLike {
  forEach(callback: (value: string, name: string) => void): void;
}

function isError(value: object): boolean {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

// `Headers` of this realm, or of another fetch implementation (same shape and tag).
function isHeaders(value: object): value is HeadersLike {
  if (typeof Headers !== 'undefined' && value instanceof Headers) return true;
  return (
    Object.prototype.toString.call(value) === '[object Headers]' &&
    typeof (value as { forEach?: unknown }).forEach === 'function'
  );
}

function headerEntries(headers: HeadersLike): [string, string][] {
  const entries: [string, string][] = [];
  headers.forEach((value, name) => {
    entries.push([name, value]);
  });
  return entries;
}

/**
 * What a class instance prints as when its class has its own `toString` (a
 * `URL` prints its `href`, which lives in no own field); undefined otherwise.
 */
function ownRendering(value: object): string | undefined {
  if (isError(value) || Array.isArray(value) || isPlainRecord(value)) return undefined;
  const toString = (value as { toString?: unknown }).toString;
  if (typeof toString !== 'function' || toString === Object.prototype.toString) return undefined;
  try {
    const text: unknown = toString.call(value);
    return typeof text === 'string' ? text : undefined;
  } catch {
    // A rendering that throws shows nothing either.
    return undefined;
  }
}

function isPlainRecord(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
