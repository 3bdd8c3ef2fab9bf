import type { Server } from 'node:http';
import { BatchStore, type BatchFaultOptions } from '../batches/batch-store';
import type { Invoice } from '../billing/invoice';
import type { SimulatorClock } from '../clock/simulator-clock';
import { SimulatorEngine, type EngineOptions } from '../engine/simulator-engine';
import type { FaultOptions } from '../faults/fault-injector';
import { ConnectionDrop, handleRequest } from '../http/handle-request';
import { serveNode, type ListenOptions } from '../http/serve-node';
import type { Responder } from '../messages/responder';
import { parseWorkload } from '../workloads/load-workload';
import { createWorkloadResponder, type Grade } from '../workloads/workload-responder';
import type { Workload, WorkloadInput } from '../workloads/workload-schema';
import { checkOptions } from './check-options';
import { configureFaultsSchema, simulatorOptionsSchema } from './simulator-options-schema';

/** Options of {@link createSimulator}. */
export interface SimulatorOptions extends EngineOptions {
  /** Per-request faults of the batch lane. */
  readonly batchFaults?: BatchFaultOptions;
  /**
   * Scripted workloads the simulated model works (see docs/workloads.md).
   * Requests it does not recognize still get the generic answer.
   */
  readonly workloads?: readonly (Workload | WorkloadInput)[];
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
  /** Changes fault injection; bad settings throw an `InvalidArgumentError`, changing nothing. */
  configureFaults(options: FaultOptions & { batch?: BatchFaultOptions }): void;
  /** Forgets cache, invoice, batches and rate-limit state. */
  reset(): void;
  /** Grades a final answer of a workload task: the share of its required facts present. */
  grade(taskId: string, finalText: string): Grade;
  /** The engine behind it, for tools that need the cache or ledger directly. @internal */
  readonly engine: SimulatorEngine;
}

/**
 * Creates an Anthropic-compatible API that bills like the real one: the
 * official SDK talks to it unchanged, in process or over loopback HTTP.
 * Every option is checked first: an unknown one, or a value out of range,
 * throws an `InvalidArgumentError` naming its path and the value received.
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
  checkOptions(simulatorOptionsSchema, options);
  const workloadModel =
    options.workloads === undefined
      ? undefined
      : createWorkloadResponder(
          options.workloads.map((workload, index) =>
            parseWorkload(workload, `workloads[${String(index)}]`),
          ),
        );
  const own = options.responder;
  // The caller's identity comes from the request's headers, which the HTTP
  // layer hands the engine while the request is prepared.
  const workloadResponder: Responder | undefined =
    workloadModel === undefined
      ? undefined
      : (request, context) => workloadModel.respond(request, { ...context, caller: engine.agent });
  const responder: Responder | undefined =
    workloadResponder === undefined
      ? own
      : own === undefined
        ? workloadResponder
        : (request, context) => own(request, context) ?? workloadResponder(request, context);
  const engine = new SimulatorEngine({
    ...options,
    ...(responder === undefined ? {} : { responder }),
  });
  engine.grader = workloadModel;
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
      checkOptions(configureFaultsSchema, faultOptions);
      engine.faults.configure(faultOptions, engine.seed);
      if (faultOptions.batch !== undefined) batches.configureFaults(faultOptions.batch);
    },
    reset() {
      engine.reset();
      batches.clear();
    },
    grade(taskId, finalText) {
      if (workloadModel === undefined)
        throw new RangeError('grade() needs a simulator created with workloads.');
      return workloadModel.grade(taskId, finalText);
    },
  };
}
