import { createAnthropicClient } from '@bursar/anthropic';
import { createBudget } from '@bursar/core';
import { createSimulator, type LatencyOptions, type Workload } from '@bursar/simulator';
import type { LaneBackend } from './backend';
import { simulatorBatchClock } from './simulator-batch-clock';

/** Options of {@link createSimulatorBackend}. */
export interface SimulatorBackendOptions {
  readonly workloads: readonly Workload[];
  /** How long a batch takes to end, simulated ms. @default 1_800_000 (30 minutes) */
  readonly batchProcessingMs?: number;
  /** @default { mode: 'realistic' } (on the virtual clock: no real waiting) */
  readonly latency?: LatencyOptions;
}

/**
 * The example on the in-process simulator: the official SDK over an
 * in-process `fetch`, no network and no key. Batch polling sleeps on the
 * simulator's virtual clock, and interactive calls move it by their
 * simulated latency, so both lanes' wall time is simulated time.
 *
 * @example
 * ```ts
 * const backend = createSimulatorBackend({ workloads: loadShippedWorkloads() });
 * const { budget } = backend.beginRun('bulk', '1');
 * ```
 */
export function createSimulatorBackend(options: SimulatorBackendOptions): LaneBackend {
  const simulator = createSimulator({
    workloads: options.workloads,
    latency: options.latency ?? { mode: 'realistic' },
    batchProcessingMs: options.batchProcessingMs ?? 30 * 60_000,
  });
  return {
    kind: 'simulator',
    client: createAnthropicClient({ apiKey: 'sk-simulator', fetch: simulator.fetch }),
    clock: simulatorBatchClock(simulator.clock),
    beginRun(name, usd) {
      simulator.reset();
      simulator.configureFaults({ batch: { erroredRate: 0, expiredRate: 0 } });
      return { budget: createBudget({ usd, name }), systemPrefix: [], close: () => undefined };
    },
    injectBatchFaults(rates) {
      simulator.configureFaults({ batch: rates });
      return true;
    },
    invoice: () => simulator.invoice(),
    grade: (taskId, answer) => simulator.grade(taskId, answer).score,
  };
}
