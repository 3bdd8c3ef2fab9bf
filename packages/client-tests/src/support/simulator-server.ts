import { createSimulator, type Invoice, type Simulator } from '@bursar/simulator';

/** A simulator serving HTTP on 127.0.0.1 at a free port, read back through its admin routes. */
export interface SimulatorServer {
  /** `http://127.0.0.1:<port>`: the API's base URL (the SDKs add `/v1/...`). */
  readonly url: string;
  /** The invoice, as `GET /_sim/invoice` returns it. */
  invoice(): Promise<Invoice>;
  /** Stops the server. */
  close(): Promise<void>;
  /** The simulator itself (for a test that needs its clock). */
  readonly simulator: Simulator;
}

/**
 * Starts a simulator on 127.0.0.1, port 0 (the system picks a free one), with a
 * virtual clock and zero latency: nothing a client does here waits on the wall
 * clock for the simulator.
 *
 * @example
 * ```ts
 * const server = await startSimulatorServer();
 * const client = new Anthropic({ apiKey: 'sim-fake-key', baseURL: server.url });
 * (await server.invoice()).total; // nano-dollars
 * ```
 */
export async function startSimulatorServer(seed = 'client-tests'): Promise<SimulatorServer> {
  const simulator = createSimulator({ seed, latency: { mode: 'zero' } });
  const { url } = await simulator.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    simulator,
    async invoice() {
      const response = await fetch(`${url}/_sim/invoice`);
      if (!response.ok) throw new Error(`GET /_sim/invoice answered ${String(response.status)}`);
      return (await response.json()) as Invoice;
    },
    close: () => simulator.close(),
  };
}

/** Sums a number over items. */
export function sum<TItem>(items: readonly TItem[], of: (item: TItem) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}
