// @bursar/anthropic: the ModelClient of @bursar/core over the official Anthropic SDK.
export {
  createAnthropicClient,
  type AnthropicClientSettings,
  type AnthropicConnectionSettings,
  type AnthropicFetch,
  type AnthropicModelClient,
  type AnthropicReadyClientSettings,
} from './anthropic-client';
export { agentHeaderNames } from './agent-headers';
export type { AnthropicSdkClient } from './anthropic-sdk-client';
export type { AnthropicContextEdit, AnthropicProviderOptions } from './anthropic-provider-options';
export { anthropicFramingTokens, boundAnthropicInputTokens } from './bound-input-tokens';
export {
  mapAnthropicError,
  spendLimitErrorCodes,
  type MapAnthropicErrorOptions,
} from './map-anthropic-error';
export { mapAnthropicStopReason } from './map-anthropic-stop-reason';
