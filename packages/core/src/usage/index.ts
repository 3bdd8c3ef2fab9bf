export {
  addUsage,
  assertValidUsage,
  createUsage,
  emptyUsage,
  promptTokens,
  tokenClasses,
  totalTokens,
  type TokenClass,
  type Usage,
} from './usage';
export {
  fromAnthropicUsage,
  type AnthropicIterationUsageLike,
  type AnthropicUsageBreakdown,
  type AnthropicUsageLike,
} from './from-anthropic-usage';
