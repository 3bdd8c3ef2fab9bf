import type { ModelClient } from '@bursar/core';

/**
 * A client whose every call streams (`providerOptions.anthropic.stream`), so
 * an injected `stream_cut` really cuts a stream after the API began billing;
 * on a non-streamed call the simulator turns it into a dropped connection.
 */
export function streamingClient(client: ModelClient): ModelClient {
  return {
    ...client,
    complete: (request, options) =>
      client.complete(
        {
          ...request,
          providerOptions: {
            ...request.providerOptions,
            anthropic: { ...request.providerOptions?.['anthropic'], stream: true },
          },
        },
        options,
      ),
  };
}
