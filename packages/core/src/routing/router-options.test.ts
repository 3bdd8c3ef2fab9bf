import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { createRouter, type RouterOptions } from './create-router';

function thrown(options: unknown): InvalidArgumentError {
  try {
    createRouter(options as RouterOptions);
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw new Error(`expected an InvalidArgumentError, got ${String(error)}`);
  }
  throw new Error('expected an InvalidArgumentError, nothing was thrown');
}

describe('createRouter: unknown keys and wrong shapes are named, with the known options', () => {
  // The two typos were accepted without a word (and did nothing); the rest were named already.
  it.each([
    [
      'a typo',
      { tier: ['claude-haiku-4-5'] },
      'tier',
      /unknown option tier; known options: tiers, /,
    ],
    [
      'a rule typo',
      { rules: [{ modle: 'claude-haiku-4-5', model: 'claude-haiku-4-5' }] },
      'rules[0].modle',
      /known options of rules\[0\]: name, role, pattern/,
    ],
    [
      'a rule bound as text',
      { rules: [{ maxChars: '5', model: 'claude-haiku-4-5' }] },
      'rules[0].maxChars',
      /whole number/,
    ],
    ['a default model that is not text', { defaultModel: 4 }, 'defaultModel', /model id/],
    ['a rule that is not an object', { rules: [null] }, 'rules[0]', /model, role\?/],
  ])('%s', (_name, options, argument, message) => {
    const error = thrown(options);
    expect(error.argument).toBe(argument);
    expect(error.message).toMatch(message);
  });

  it('still takes every option it knows', () => {
    expect(
      createRouter({
        tiers: ['claude-haiku-4-5', 'claude-sonnet-4-6'],
        defaultModel: 'claude-haiku-4-5',
        roles: { plan: 'claude-sonnet-4-6' },
        rules: [
          {
            name: 'r',
            role: ['subagent'],
            pattern: /x/,
            minChars: 1,
            maxChars: 9,
            difficulty: 'hard',
            model: 'claude-sonnet-4-6',
          },
        ],
        difficulty: { easy: 'claude-haiku-4-5' },
        minimums: { plan: 'claude-sonnet-4-6' },
      }).tiers,
    ).toEqual(['claude-haiku-4-5', 'claude-sonnet-4-6']);
  });
});
