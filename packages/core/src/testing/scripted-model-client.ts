import { utf8ByteLength } from '../tokens/utf8-byte-bound';
import type { ModelClient } from '../model/model-client';
import type { ModelRequest } from '../model/model-request';
import type { ModelResponse } from '../model/model-response';
import { createUsage, type Usage } from '../usage/usage';

/** One scripted step: a response, an error to throw, or a function of the request. */
export type ScriptedStep =
  ModelResponse | Error | ((request: ModelRequest, callIndex: number) => ModelResponse | Error);

/** A scripted client: the spec's fake for unit tests, with a record of every call. */
export interface ScriptedModelClient extends ModelClient {
  /** Every request `complete` received, in order. */
  readonly calls: readonly ModelRequest[];
}

/**
 * A `ModelClient` that answers from a script, for unit tests (no network).
 * Its `boundInputTokens` is the UTF-8 bytes of the request's JSON, a loose but
 * honest bound.
 *
 * @example
 * ```ts
 * const client = createScriptedModelClient([
 *   scriptedResponse({ content: [{ type: 'text', text: 'Hello' }], usage: { input: 20, output: 3 } }),
 * ]);
 * ```
 */
export function createScriptedModelClient(
  script: readonly ScriptedStep[],
  options: { countTokens?: (request: ModelRequest) => number } = {},
): ScriptedModelClient {
  const calls: ModelRequest[] = [];
  const client: ScriptedModelClient = {
    specificationVersion: 'v1',
    provider: 'scripted',
    calls,
    complete(request, callOptions) {
      if (callOptions?.signal?.aborted === true)
        return Promise.reject(callOptions.signal.reason as Error);
      calls.push(request);
      const step = script[calls.length - 1];
      if (step === undefined)
        return Promise.reject(new Error(`the script has no step ${String(calls.length)}`));
      const outcome = typeof step === 'function' ? step(request, calls.length - 1) : step;
      return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
    },
    boundInputTokens: (request) => utf8ByteLength(JSON.stringify(request)),
    ...(options.countTokens === undefined
      ? {}
      : {
          countTokens: (request: ModelRequest) =>
            Promise.resolve((options.countTokens as (request: ModelRequest) => number)(request)),
        }),
  };
  return client;
}

/**
 * A response with defaults for the fields a test does not care about.
 *
 * @example
 * ```ts
 * scriptedResponse({ content: [{ type: 'tool-call', id: 't1', name: 'search', input: { query: 'x' } }], usage: { input: 100, output: 20 } });
 * ```
 */
export function scriptedResponse(
  response: Partial<Omit<ModelResponse, 'usage'>> & { usage?: Partial<Usage> },
): ModelResponse {
  const content = response.content ?? [{ type: 'text', text: 'done' }];
  return {
    id: response.id ?? 'msg_scripted',
    model: response.model ?? 'claude-sonnet-4-6',
    content,
    finishReason: response.finishReason ?? {
      unified: content.some((part) => part.type === 'tool-call') ? 'tool-calls' : 'stop',
      raw: null,
    },
    usage: createUsage(response.usage ?? {}),
    compactionUsage: response.compactionUsage,
    billing: response.billing ?? { lane: 'interactive', speed: 'standard', inferenceGeo: 'global' },
    cacheMissReason: response.cacheMissReason,
    requestId: response.requestId,
    warnings: response.warnings ?? [],
  };
}
