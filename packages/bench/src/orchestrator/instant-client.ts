import { utf8ByteLength, type ModelClient } from '@bursar/core';
import { createUsage } from '@bursar/core/pricing';

/**
 * A model client that answers at once with a fixed short text and fixed
 * usage: what is left of a run's time on it is the orchestration's own.
 */
export function createInstantClient(): ModelClient & { calls: number } {
  const usage = createUsage({ input: 400, cacheRead: 2000, output: 20 });
  const client = {
    specificationVersion: 'v1' as const,
    provider: 'instant',
    calls: 0,
    complete(request: Parameters<ModelClient['complete']>[0]) {
      client.calls += 1;
      return Promise.resolve({
        id: `msg_${String(client.calls)}`,
        model: request.model,
        content: [{ type: 'text' as const, text: 'Found it.' }],
        finishReason: { unified: 'stop' as const, raw: 'end_turn' },
        usage,
        compactionUsage: undefined,
        billing: {
          lane: 'interactive' as const,
          speed: 'standard' as const,
          inferenceGeo: 'global' as const,
        },
        cacheMissReason: undefined,
        requestId: undefined,
        warnings: [],
      });
    },
    boundInputTokens: (request: Parameters<ModelClient['complete']>[0]) =>
      utf8ByteLength(JSON.stringify(request)) + 64,
  };
  return client;
}
