import type { Server } from 'node:http';
import { BatchStore, type BatchFaultOptions } from '../batches/batch-store';
import type { Invoice } from '../billing/invoice';
import type { SimulatorClock } from '../clock/simulator-clock';
import { SimulatorEngine, type EngineOptions } from '../engine/simulator-engine';
import type { FaultOptions } from '../faults/fault-injector';
import { ConnectionDrop, handleRequest } from '../http/handle-request';
import { serveNode, type ListenOptions } from '../http/serve-node';

/** Options of {@link createSimulator}. */
export interface SimulatorOptions extends EngineOptions {
  /** Per-request faults of the batch lane. */
  readonly batchFaults?: BatchFaultOptions;
}

/** A running simulator: an in-process `fetch`, an optional HTTP server, its invoice and clock. */
export interface Simulator {
  /**
   * A `fetch` that answers in process: pass it to `new Anthropic({ fetch, apiKey })`.
   * An injected connection drop rejects with a `TypeError`, as undici's fetch does.
   */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Starts an HTTP server, on 127.0.0.1 unless `host` says otherwise. */
  listen(options?: ListenOptions): Promise<{ url: string; host: string; port: number }>;
  /** Stops the HTTP server, if any, and drops its connections. */
  close(): Promise<void>;
  /** Every billed request and the total, in nano-dollars. */
  invoice(): Invoice;
  /** The simulator's clock (virtual unless created with `clock: 'real'`). */
  readonly clock: SimulatorClock;
  /** Changes fault injection. */
  configureFaults(options: FaultOptions & { batch?: BatchFaultOptions }): void;
  /** Forgets cache, invoice, batches and rate-limit state. */
  reset(): void;
  /** The engine behind it, for tools that need the cache or ledger directly. @internal */
  readonly engine: SimulatorEngine;
}

/**
 * Creates an Anthropic-compatible API that bills like the real one: the
 * official SDK talks to it unchanged, in process or over loopback HTTP.
 *
 * @example
 * ```ts
 * import Anthropic from '@anthropic-ai/sdk';
 * import { createSimulator } from '@bursar/simulator';
 *
 * const simulator = createSimulator({ seed: 7 });
 * const client = new Anthropic({ apiKey: 'sim-key', fetch: simulator.fetch });
 * const message = await client.messages.create({
 *   model: 'claude-sonnet-4-5',
 *   max_tokens: 200,
 *   messages: [{ role: 'user', content: 'Hello' }],
 * });
 * simulator.invoice().totalUsd; // e.g. '$0.00126'
 * ```
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const engine = new SimulatorEngine(options);
  const batches = new BatchStore(engine, options.batchFaults);
  const servers = new Set<Server>();

  const handle = (request: Request): Promise<Response> => handleRequest(engine, batches, request);

  return {
    engine,
    clock: engine.clock,
    async fetch(input, init) {
      const request = new Request(input, init);
      try {
        return await handle(request);
      } catch (error) {
        if (error instanceof ConnectionDrop) throw new TypeError('fetch failed', { cause: error });
        throw error;
      }
    },
    async listen(listenOptions = {}) {
      const { server, ...address } = await serveNode(handle, listenOptions);
      servers.add(server);
      return address;
    },
    async close() {
      await Promise.all(
        [...servers].map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => {
                resolve();
              });
              server.closeAllConnections();
            }),
        ),
      );
      servers.clear();
    },
    invoice: () => engine.ledger.invoice(),
    configureFaults(faultOptions) {
      engine.faults.configure(faultOptions, engine.seed);
      if (faultOptions.batch !== undefined) batches.configureFaults(faultOptions.batch);
    },
    reset() {
      engine.reset();
      batches.clear();
    },
  };
}
