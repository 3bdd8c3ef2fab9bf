import Anthropic from '@anthropic-ai/sdk';
import AnthropicNewest from 'anthropic-sdk-newest';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createAnthropicClient, type AnthropicSdkClient } from '../src/index';

// `tsc --noEmit` (pnpm typecheck) checks this file: a client of another copy
// of the SDK, of another version in the peer range, must type-check where
// `client` is expected. With the SDK's own class as the type it failed with
// TS2741 (`Property '#private' is missing`): two copies' classes never match.
describe('createAnthropicClient({ client }) types', () => {
  it('takes a client of the oldest and of the newest SDK in the range', () => {
    expectTypeOf(new Anthropic({ apiKey: 'k' })).toExtend<AnthropicSdkClient>();
    expectTypeOf(new AnthropicNewest({ apiKey: 'k' })).toExtend<AnthropicSdkClient>();
    const oldest = createAnthropicClient({ client: new Anthropic({ apiKey: 'sk-test-oldest' }) });
    const newest = createAnthropicClient({
      client: new AnthropicNewest({ apiKey: 'sk-test-newest' }),
    });
    expect(oldest.provider).toBe('anthropic');
    expect(newest.provider).toBe('anthropic');
  });

  it('refuses what is not a client, in types and at run time', () => {
    expect(() =>
      // @ts-expect-error: an object without the SDK's methods is not a client.
      createAnthropicClient({ client: { messages: {} } }),
    ).toThrow(/Invalid client: expected an Anthropic client/);
  });
});
