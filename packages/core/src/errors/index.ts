export { BursarError } from './bursar-error';
export { InvalidArgumentError } from './invalid-argument-error';
export { UnknownModelError } from './unknown-model-error';
export { ProviderApiError } from './provider-api-error';
export { RetryError } from './retry-error';
