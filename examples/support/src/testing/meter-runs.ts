import type { Nanodollars } from '@bursar/core';
import type { Simulator } from '@bursar/simulator';
import type { RealApiRun } from '../create-real-api';

/** What one run was billed, as the simulator's invoice says, against its budget's ledger. */
export interface MeteredRun {
  readonly name: string;
  readonly limit: Nanodollars | undefined;
  readonly ledger: Nanodollars;
  readonly billed: Nanodollars;
}

/**
 * The backend as it is, but each run's invoice lines are read from the
 * simulator when it ends: a real backend has no invoice of its own (there is
 * none on the real API), so a test pointing it at the simulator meters it.
 *
 * @example
 * ```ts
 * const { backend, runs } = meterRuns(createRealBackend({ apiKey, baseURL, workloads }), simulator);
 * // ... run the example on `backend` ...
 * for (const run of runs) expect(run.ledger).toBe(run.billed);
 * ```
 */
export function meterRuns<TBackend extends { beginRun(name: string, usd: string): RealApiRun }>(
  backend: TBackend,
  simulator: Simulator,
): { backend: TBackend; runs: MeteredRun[] } {
  const runs: MeteredRun[] = [];
  return {
    runs,
    backend: {
      ...backend,
      beginRun(name: string, usd: string): RealApiRun {
        const run = backend.beginRun(name, usd);
        const before = simulator.invoice().total;
        return {
          ...run,
          close() {
            runs.push({
              name,
              limit: run.budget.limit.usd,
              ledger: run.budget.spent.usd,
              billed: simulator.invoice().total - before,
            });
            run.close();
          },
        };
      },
    },
  };
}
