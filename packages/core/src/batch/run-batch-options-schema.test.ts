import { describe, expect, it } from 'vitest';
import { createBudget } from '../budget/budget';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import {
  createFakeBatchClient,
  createVirtualClock,
  fakeRequest,
} from './fake-batch-client.test-helper';
import { runBatch } from './run-batch';

describe('runBatch checks its options at the door, before anything is held or sent', () => {
  // Each of these was accepted, or crashed with a TypeError once the run began.
  it.each([
    ['a typo', { dedline: 5 }, 'dedline', 5, /unknown option dedline; known options: client, /],
    [
      'budget options instead of a budget',
      { budget: { usd: '1' } },
      'budget',
      { usd: '1' },
      /not budget options/,
    ],
    ['client: {}', { client: {} }, 'client.complete', undefined, /complete and boundInputTokens/],
    ["signal: 'abort'", { signal: 'abort' }, 'signal', 'abort', /AbortSignal/],
    ['onEvent not a function', { onEvent: 'log' }, 'onEvent', 'log', /listener/],
    [
      "retryInteractively: 'yes'",
      { retryInteractively: 'yes' },
      'retryInteractively',
      'yes',
      /true or false/,
    ],
    [
      'a limits typo',
      { limits: { maxRequest: 5 } },
      'limits.maxRequest',
      5,
      /known options of limits/,
    ],
    ['a poll typo', { poll: { interval: 5 } }, 'poll.interval', 5, /known options of poll/],
    ['an empty name', { name: '' }, 'name', '', /a name/],
  ])('%s', async (_name, change, argument, value, message) => {
    const clock = createVirtualClock();
    const client = createFakeBatchClient({ clock });
    const budget = createBudget({ usd: '1' });
    const error: unknown = await runBatch([{ request: fakeRequest('x') }], {
      client,
      budget,
      clock,
      ...change,
    } as never).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument, value });
    expect((error as Error).message).toMatch(message);
    expect(client.created).toHaveLength(0);
    expect(client.interactiveCalls).toHaveLength(0);
    expect(budget.reserved.usd).toBe(0);
  });
});
