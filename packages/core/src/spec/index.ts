// @bursar/core/spec: what a provider implementation needs (the ModelClient
// contract, normalized usage, and the errors a provider throws). Like
// ./pricing, it has no runtime dependency: no governor, no xstate, p-queue,
// zod or nanoid, so an adapter can build on it alone (ESLint enforces it).
// Every type of the model folder, so spec types added there appear here too.
export type * from '../model/index';
export type { InferenceGeo, Lane, Speed } from '../pricing/price-call';
export * from '../usage/index';
export { utf8ByteLength } from '../tokens/utf8-byte-bound';
export { BursarError, InvalidArgumentError, UnknownModelError } from '../errors/index';
export { ProviderApiError } from '../model/provider-api-error';
