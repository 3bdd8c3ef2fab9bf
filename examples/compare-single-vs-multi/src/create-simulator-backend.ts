import { createAnthropicClient } from '@bursar/anthropic';
import { createSimulator, type LatencyOptions, type Workload } from '@bursar/simulator';
import type { Backend } from './backend';

/** Options of {@link createSimulatorBackend}. */
export interface SimulatorBackendOptions {
  readonly workloads: readonly Workload[];
  /**
   * The simulator's latency model; time is virtual either way, so realistic
   * latency costs no real waiting beyond the simulator's concurrency window.
   * @default { mode: 'realistic' }
   */
  readonly latency?: LatencyOptions;
}

/**
 * The demo on the in-process simulator: the official SDK over an in-process
 * `fetch`, no network and no key. Each run starts on a cold cache and an
 * empty invoice, so `billed()` is that run's bill alone.
 *
 * @example
 * ```ts
 * const backend = createSimulatorBackend({ workloads: loadShippedWorkloads() });
 * const { budget } = backend.beginRun('run-1', '0.50');
 * ```
 */
export function createSimulatorBackend(options: SimulatorBackendOptions): Backend {
  const simulator = createSimulator({
    workloads: options.workloads,
    latency: options.latency ?? { mode: 'realistic' },
  });
  return {
    kind: 'simulator',
    client: createAnthropicClient({ apiKey: 'sk-simulator', fetch: simulator.fetch }),
    now: () => simulator.clock.now(),
    beginRun(_name, usd) {
      simulator.reset();
      return { budget: { usd }, systemPrefix: [], close: () => undefined };
    },
    billed: () => simulator.invoice().total,
    grade: (taskId, answer) => simulator.grade(taskId, answer).score,
  };
}
