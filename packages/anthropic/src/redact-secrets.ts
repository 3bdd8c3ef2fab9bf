/** What a secret is replaced with. @internal */
export const redactedPlaceholder = '[redacted]';

// Shorter strings are not credentials, and replacing them would mangle text.
const minimumSecretLength = 8;
const maximumDepth = 8;

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
 * Removes secrets, in place, from an error and the errors of its `cause` chain:
 * their message, stack and own string fields, and plain-data fields (such as
 * the SDK's parsed error body) that contain one. The SDK never puts the API key
 * in an error, but a server or a custom `fetch` may echo it back, and these
 * errors travel on as `cause`.
 *
 * @example
 * ```ts
 * scrubErrorChain(sdkError, [apiKey]);
 * ```
 * @internal
 */
export function scrubErrorChain(error: unknown, secrets: readonly string[]): void {
  const live = secrets.filter((secret) => secret.length >= minimumSecretLength);
  if (live.length === 0) return;
  const seen = new Set<object>();
  let current: unknown = error;
  for (let depth = 0; depth < maximumDepth; depth += 1) {
    if (typeof current !== 'object' || current === null || seen.has(current)) return;
    seen.add(current);
    scrubOwnFields(current, live);
    current = (current as { cause?: unknown }).cause;
  }
}

function scrubOwnFields(target: object, secrets: readonly string[]): void {
  const record = target as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(target)) {
    if (key === 'cause') continue;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor === undefined || !('value' in descriptor)) continue;
    const value: unknown = descriptor.value;
    let replacement: unknown;
    if (typeof value === 'string') {
      const redacted = redactSecrets(value, secrets);
      if (redacted !== value) replacement = redacted;
    } else if (isPlainData(value)) {
      const json = safeJson(value);
      if (json !== undefined && secrets.some((secret) => json.includes(secret))) {
        replacement = JSON.parse(redactSecrets(json, secrets)) as unknown;
      }
    }
    if (replacement === undefined) continue;
    if (descriptor.writable === true) record[key] = replacement;
    else if (descriptor.configurable === true) {
      Object.defineProperty(target, key, { ...descriptor, value: replacement });
    }
  }
}

function isPlainData(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || prototype === Object.prototype || prototype === null;
}

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    // Cyclic data cannot be rewritten through JSON; such a field is left as it is.
    return undefined;
  }
}
