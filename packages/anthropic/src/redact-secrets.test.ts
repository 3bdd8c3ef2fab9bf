import { inspect } from 'node:util';
import { RetryError } from '@bursar/core';
import { describe, expect, it } from 'vitest';
import { containsSecret, redactSecrets, scrubErrorChain } from './redact-secrets';

const key = 'sk-test-UNIT-redaction-key';

/** What a user could print of `error`. */
function printedForms(error: unknown): string[] {
  return [
    inspect(error, { depth: Infinity }),
    inspect(error, { depth: Infinity, showHidden: true }),
    String(error),
    JSON.stringify({ error }),
  ];
}

function expectClean(error: unknown): void {
  for (const text of printedForms(error)) expect(text).not.toContain(key);
  expect(containsSecret(error, [key])).toBe(false);
}

describe('redactSecrets', () => {
  it('replaces every occurrence, and leaves strings too short to be credentials', () => {
    expect(redactSecrets(`a ${key} b ${key}`, [key])).toBe('a [redacted] b [redacted]');
    expect(redactSecrets('short key abc', ['abc'])).toBe('short key abc');
  });
});

describe('scrubErrorChain', () => {
  it('rewrites Headers and plain-record headers in a cause, without touching other values', () => {
    const headers = new Headers({ 'x-echo': `Bearer ${key}`, 'request-id': 'req_1' });
    const sdkError = Object.assign(new Error('400 bad request'), {
      status: 400,
      headers,
      raw: { 'x-api-key': key, accept: 'application/json' },
    });
    const top = new Error('wrapped', { cause: sdkError });
    expect(scrubErrorChain(top, [key])).toBe(top);
    expect(sdkError.headers.get('x-echo')).toBe('Bearer [redacted]');
    expect(sdkError.headers.get('request-id')).toBe('req_1');
    expect(sdkError.raw).toEqual({ 'x-api-key': '[redacted]', accept: 'application/json' });
    expect(sdkError.status).toBe(400);
    expectClean(top);
  });

  it('follows every cause: a long chain, an AggregateError’s errors, a RetryError’s errors', () => {
    let deep: Error = new Error(`innermost ${key}`);
    for (let level = 0; level < 20; level += 1)
      deep = new Error(`level ${String(level)}`, { cause: deep });
    const withHeaders = Object.assign(new Error('echoed'), {
      headers: new Headers({ 'x-key': key }),
    });
    const aggregate = new AggregateError([new Error(`first ${key}`), withHeaders], 'both failed');
    const retry = new RetryError({
      message: 'Call failed after 2 attempts',
      reason: 'maxRetriesExceeded',
      errors: [deep, aggregate],
    });
    const top = new Error('task failed', { cause: retry });
    scrubErrorChain(top, [key]);
    expectClean(top);
    expect(withHeaders.headers.get('x-key')).toBe('[redacted]');
  });

  it('rewrites maps, sets, symbol-keyed fields, a URL and data nested deep', () => {
    let nested: Record<string, unknown> = { key };
    for (let level = 0; level < 30; level += 1) nested = { nested };
    const error = Object.assign(new Error('data'), {
      map: new Map([['authorization', `Bearer ${key}`]]),
      set: new Set([key]),
      url: new URL(`https://proxy.test/?key=${key}`),
      nested,
      [Symbol('raw')]: { key },
    });
    scrubErrorChain(error, [key]);
    expectClean(error);
    expect(error.map.get('authorization')).toBe('Bearer [redacted]');
  });

  it('stands in for an error it cannot rewrite, where it is referenced and at the top', () => {
    const frozen = Object.freeze(new Error(`frozen with ${key}`));
    const parent = new Error('parent', { cause: frozen });
    expect(scrubErrorChain(parent, [key])).toBe(parent);
    expect(parent.cause).not.toBe(frozen);
    expect((parent.cause as Error).message).toBe('frozen with [redacted]');
    expectClean(parent);

    const top = scrubErrorChain(Object.freeze(new TypeError(`top ${key}`)), [key]);
    expect(top).toBeInstanceOf(Error);
    expect((top as Error).name).toBe('TypeError');
    expectClean(top);
  });

  it('survives cycles and leaves errors without secrets as they are', () => {
    const first = new Error('first');
    const second = new Error('second', { cause: first });
    (first as { cause?: unknown }).cause = second;
    const headers = new Headers({ 'request-id': 'req_2' });
    Object.assign(first, { headers });
    expect(scrubErrorChain(second, [key])).toBe(second);
    expect((first as unknown as { headers: Headers }).headers).toBe(headers);
  });

  it('does nothing without a secret long enough to be one', () => {
    const error = new Error('key abc');
    expect(scrubErrorChain(error, ['abc'])).toBe(error);
    expect(error.message).toBe('key abc');
  });
});
