import type Anthropic from '@anthropic-ai/sdk';

// Any method: a client's own methods fit whatever their parameter types are.
type SdkMethod = (...parameters: never[]) => unknown;

/**
 * The parts of an `Anthropic` client (from `@anthropic-ai/sdk`) that
 * `createAnthropicClient` calls, as a structural type: a client of any SDK
 * version in the peer range (`>=1.10.0 <2`) fits it, even when the project
 * has another copy of the SDK than this package resolves (the SDK's class is
 * nominal: it has private fields, so two copies' `Anthropic` types are not
 * assignable to each other).
 *
 * @example
 * ```ts
 * import Anthropic from '@anthropic-ai/sdk';
 *
 * const sdk: AnthropicSdkClient = new Anthropic({ apiKey, defaultHeaders });
 * const model = createAnthropicClient({ client: sdk });
 * ```
 */
export interface AnthropicSdkClient {
  readonly apiKey?: string | null;
  readonly authToken?: string | null;
  readonly messages: {
    readonly create: SdkMethod;
    readonly stream: SdkMethod;
    readonly countTokens: SdkMethod;
    readonly batches: {
      readonly create: SdkMethod;
      readonly retrieve: SdkMethod;
      readonly results: SdkMethod;
      readonly cancel: SdkMethod;
    };
  };
  readonly beta: {
    readonly messages: {
      readonly create: SdkMethod;
      readonly stream: SdkMethod;
      readonly countTokens: SdkMethod;
    };
  };
}

/**
 * The client as this package's SDK types it, to call: every version in the
 * peer range has the methods and wire shapes the adapter uses.
 *
 * @example
 * ```ts
 * const sdk = asSdk(settings.client);
 * await sdk.messages.create(params, { maxRetries: 0 });
 * ```
 * @internal
 */
export function asSdk(client: AnthropicSdkClient): Anthropic {
  return client as unknown as Anthropic;
}
