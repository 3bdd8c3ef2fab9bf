export { cacheWritesOf, type CacheWrites } from './cache-writes';
export { governedCall, type GovernedCallOptions, type GovernedCallOutcome } from './governed-call';
export {
  holdCall,
  type CallRetry,
  type HeldCall,
  type HoldCallOptions,
  type HoldResult,
} from './hold-call';
export { isAborted } from './is-aborted';
export { isRetryable, retryDelayMs, type RetryPolicy } from './retry-policy';
export { incrementalPromptBound, type BilledPrompt } from './incremental-prompt-bound';
