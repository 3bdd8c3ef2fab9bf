import { describe, expect, it } from 'vitest';
import { ProviderApiError } from './provider-api-error';
import { RetryError } from '../errors/retry-error';

const refused = new ProviderApiError({
  message:
    'Anthropic API connection failed (Connection error.: fetch failed: connect ECONNREFUSED 127.0.0.1:4141)',
  provider: 'anthropic',
  isRetryable: true,
});

describe('RetryError', () => {
  it('names the last attempt’s error in its message, and keeps it as the cause', () => {
    const overloaded = new ProviderApiError({
      message: 'Anthropic API error 529 overloaded_error: Overloaded',
      provider: 'anthropic',
      statusCode: 529,
      isRetryable: true,
    });
    const error = new RetryError({
      message: 'Call failed after 3 attempts',
      reason: 'maxRetriesExceeded',
      errors: [overloaded, overloaded, refused],
    });
    expect(error.message).toBe(
      'Call failed after 3 attempts: Anthropic API connection failed (Connection error.: fetch failed: connect ECONNREFUSED 127.0.0.1:4141)',
    );
    expect(String(error)).toContain('ECONNREFUSED');
    expect(error.cause).toBe(refused);
    expect(error.errors).toHaveLength(3);
  });

  it('gives the name of an error that is not a Bursar error', () => {
    const error = new RetryError({
      message: 'Call failed and is not retryable',
      reason: 'notRetryable',
      errors: [new TypeError("Cannot read properties of undefined (reading 'content')")],
    });
    expect(error.message).toBe(
      "Call failed and is not retryable: TypeError: Cannot read properties of undefined (reading 'content')",
    );
  });

  it('does not repeat a cause the message already quotes', () => {
    const error = new RetryError({
      message: `Call failed and is not retryable: ${String(refused)}`,
      reason: 'notRetryable',
      errors: [refused],
    });
    expect(error.message).toBe(`Call failed and is not retryable: ${String(refused)}`);
    expect(error.message.split('ECONNREFUSED')).toHaveLength(2);
  });

  it('describes a thrown value that is not an error, and says nothing without errors', () => {
    expect(
      new RetryError({ message: 'Call failed', reason: 'notRetryable', errors: ['boom'] }).message,
    ).toBe('Call failed: "boom"');
    expect(
      new RetryError({ message: 'The call was aborted', reason: 'abort', errors: [] }).message,
    ).toBe('The call was aborted');
  });

  it('cuts a very long cause', () => {
    const error = new RetryError({
      message: 'Call failed after 1 attempts',
      reason: 'maxRetriesExceeded',
      errors: [
        new ProviderApiError({ message: 'x'.repeat(5_000), provider: 'p', isRetryable: true }),
      ],
    });
    expect(error.message.length).toBeLessThan(1_100);
    expect(error.message.endsWith('…')).toBe(true);
  });
});
