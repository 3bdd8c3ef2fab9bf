import { ProviderApiError } from '../model/provider-api-error';
import type { ModelClient } from '../model/model-client';
import type { ModelRequest } from '../model/model-request';
import type { ModelResponse } from '../model/model-response';
import { cost } from '../pricing/price-call';
import { scriptedResponse } from '../testing/scripted-model-client';
import { utf8ByteLength } from '../tokens/utf8-byte-bound';
import { createUsage, type Usage } from '../usage/usage';
import { parallelPlan, roleOf } from './fake-task-client.test-helper';

/** A seeded generator (mulberry32): the same seed, the same run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** How often each fault happens, 0 to 1. */
export interface Faults {
  /** A retryable error (429, 529, a dropped connection) from `complete`. */
  readonly retryable?: number;
  /** A retryable error that had billed part of the call (a cut stream). */
  readonly cutStream?: number;
  /** A non-retryable error (400, 401) from `complete`. */
  readonly fatal?: number;
  /** An error from `countTokens` (retryable or not, at random). */
  readonly count?: number;
  /** Tool calls a working agent makes before it answers. @default 2 */
  readonly toolTurns?: number;
}

/** A fake client with an invoice: what a provider would bill for every attempt. */
export interface InvoicedClient extends ModelClient {
  /** Nano-dollars billed so far (responses and cut streams). */
  invoice: number;
  calls: number;
  /** After this, every call hangs unbilled: the process died (see `crash`). */
  crashed: boolean;
  /** Crash at the start of call number `n` (from 1), after billing it. */
  crashAt: number | undefined;
}

const never = new Promise<never>(() => undefined);

/**
 * The orchestrator's roles played by a fake model that calls a `probe` tool
 * before answering, with seeded faults on both endpoints, and an invoice
 * kept as the provider would: every response, and what a cut stream billed.
 * With `crashAt`, call `n` is billed and never answers, and the client (and
 * so the process) is dead from then on: a SIGKILL mid-call.
 */
export function createHostileClient(seed: number, faults: Faults = {}): InvoicedClient {
  const random = seededRandom(seed);
  const chance = (share: number | undefined): boolean => random() < (share ?? 0);
  const promptTokens = (request: ModelRequest): number =>
    Math.ceil(utf8ByteLength(JSON.stringify(request)) / 4);
  const bill = (usage: Usage, model: string): void => {
    client.invoice += cost(usage, model);
  };
  const answer = (request: ModelRequest): ModelResponse => {
    const role = roleOf(request);
    const input = promptTokens(request);
    const output = Math.min(request.maxTokens, 20 + Math.floor(random() * 120));
    const toolTurns = request.messages.filter((message) => message.role === 'assistant').length;
    const usesTools = request.tools.some((tool) => tool.name === 'probe');
    const content: ModelResponse['content'] =
      role === 'triage'
        ? [{ type: 'text', text: '{"size":"large","parallelizable":true,"subtasks":3}' }]
        : role === 'plan'
          ? [{ type: 'text', text: parallelPlan(3) }]
          : usesTools && toolTurns < (faults.toolTurns ?? 2) && role !== 'synthesize'
            ? [
                {
                  type: 'tool-call',
                  id: `call_${String(client.calls)}`,
                  name: 'probe',
                  input: { query: `q${String(toolTurns)}` },
                },
              ]
            : [{ type: 'text', text: `Answer ${role} ${String(client.calls)}` }];
    return scriptedResponse({ model: request.model, content, usage: { input, output } });
  };
  const client: InvoicedClient = {
    specificationVersion: 'v1',
    provider: 'hostile',
    invoice: 0,
    calls: 0,
    crashed: false,
    crashAt: undefined,
    boundInputTokens: (request) => utf8ByteLength(JSON.stringify(request)) + 64,
    countTokens: (request) => {
      if (client.crashed) return never;
      if (chance(faults.count))
        return Promise.reject(
          new ProviderApiError({
            message: 'count_tokens failed',
            provider: 'hostile',
            statusCode: random() < 0.5 ? 429 : 404,
            isRetryable: random() < 0.5,
          }),
        );
      return Promise.resolve(promptTokens(request));
    },
    complete: (request) => {
      if (client.crashed) return never;
      client.calls += 1;
      const response = answer(request);
      if (client.crashAt === client.calls) {
        // Billed by the provider, never seen by the process.
        bill(response.usage, request.model);
        client.crashed = true;
        return never;
      }
      if (chance(faults.fatal))
        return Promise.reject(
          new ProviderApiError({
            message: 'authentication_error',
            provider: 'hostile',
            statusCode: 401,
            isRetryable: false,
          }),
        );
      if (chance(faults.cutStream)) {
        const billedUsage = createUsage({ input: response.usage.input, output: 1 });
        bill(billedUsage, request.model);
        return Promise.reject(
          new ProviderApiError({
            message: 'stream cut',
            provider: 'hostile',
            isRetryable: true,
            billedUsage,
          }),
        );
      }
      if (chance(faults.retryable))
        return Promise.reject(
          new ProviderApiError({
            message: 'overloaded',
            provider: 'hostile',
            statusCode: 529,
            isRetryable: true,
          }),
        );
      bill(response.usage, request.model);
      return Promise.resolve(response);
    },
  };
  return client;
}
