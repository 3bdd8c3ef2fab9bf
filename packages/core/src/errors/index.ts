export { BursarError } from './bursar-error';
export { InvalidArgumentError } from './invalid-argument-error';
export { UnknownModelError } from './unknown-model-error';
export { RetryError } from './retry-error';
export { MaxTurnsExceededError } from './max-turns-exceeded-error';
export { ToolTimeoutError } from './tool-timeout-error';
