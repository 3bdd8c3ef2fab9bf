export { ANSWER_WORDS, LINKING_WORDS } from './answer-words';
export {
  createGenericAnswer,
  type GenericAnswer,
  type GenericAnswerOptions,
  type ServerToolUsage,
  autoToolRounds,
  type GenericAnswerRequest,
  type GenericAnswerTool,
  type GenericContentBlock,
} from './generic-answer';
export { generateProse } from './generate-prose';
export { isJsonSchemaObject, type JsonSchemaObject } from './json-schema-object';
export { sampleJsonSchema } from './sample-json-schema';
export { createSeededRandom, hashString, type SeededRandom } from './seeded-random';
export { stableStringify } from './stable-stringify';
export { truncateToTokens, type TruncatedText } from './truncate-to-tokens';
export {
  runServerTool,
  serverToolKind,
  type ServerToolKind,
  type ServerToolResultContentBlock,
  type ServerToolUseContentBlock,
  type WebSearchResult,
} from './server-tool-call';
export {
  createThinking,
  requestEffort,
  type Effort,
  type SimulatedThinking,
  type ThinkingContentBlock,
} from './thinking-block';
export { toolsInReach } from './tools-in-reach';
