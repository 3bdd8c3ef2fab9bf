// The example's real-API path (createRealBackend over @bursar/anthropic and the
// official SDK) driven against the simulator over loopback HTTP with a fake key:
// no real API, no network, no real sleeps (zero latency; batch polling sleeps on
// the simulator's virtual clock instead of the wall clock).
import { inspect } from 'node:util';
import { usdToNanodollars } from '@bursar/core';
import {
  createSimulator,
  loadShippedWorkloads,
  type Invoice,
  type Simulator,
} from '@bursar/simulator';
import {
  meterRuns,
  startKeyEchoingServer,
  type MeteredRun,
} from '@bursar-examples/support/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRealBackend, type RealBackend } from './create-real-backend';
import { runBatchLaneExample, type BatchLaneExample } from './run-batch-lane-example';
import { simulatorBatchClock } from './simulator-batch-clock';

const apiKey = 'sk-ant-test-0123456789abcdef';
const workloads = loadShippedWorkloads();
// What src/main.ts gives each run on the real API, and its default total.
const realBudgets = { bulkBudgetUsd: '0.05', taskBudgetUsd: '0.15', tightUsd: '0.04' } as const;
const totalUsd = '0.50';

describe("the batch-lane example's real-API path, against the simulator over HTTP", () => {
  let simulator: Simulator;
  let baseURL: string;
  beforeAll(async () => {
    simulator = createSimulator({ workloads, latency: { mode: 'zero' } });
    ({ url: baseURL } = await simulator.listen({ host: '127.0.0.1', port: 0 }));
  });
  afterAll(async () => {
    await simulator.close();
  });

  describe('both parts on createRealBackend (one ticket, the fewest --items allows)', () => {
    let backend: RealBackend;
    let runs: MeteredRun[];
    let example: BatchLaneExample;
    let invoice: Invoice;
    beforeAll(async () => {
      simulator.reset();
      backend = createRealBackend({
        apiKey,
        baseURL,
        workloads,
        totalUsd,
        clock: simulatorBatchClock(simulator.clock),
      });
      const meter = meterRuns(backend, simulator);
      runs = meter.runs;
      example = await runBatchLaneExample({
        backend: meter.backend,
        workloads,
        items: 1,
        ...realBudgets,
      });
      invoice = simulator.invoice();
    });

    function parts() {
      const { bulk, tasks } = example;
      if (bulk === undefined || tasks === undefined) throw new Error('a part did not run');
      return { bulk, tasks };
    }

    it('completes every run, each within its hard budget by the invoice', () => {
      const { bulk, tasks } = parts();
      expect([bulk.batch, bulk.interactive].map((run) => run.result.status)).toEqual([
        'completed',
        'completed',
      ]);
      expect(
        [tasks.interactive, tasks.batch, tasks.roomy, tasks.rushed].map((run) => run.status),
      ).toEqual(['done', 'done', 'done', 'done']);
      expect(runs.map((run) => run.name)).toEqual([
        'bulk-auto',
        'bulk-interactive',
        'interactive',
        'batch',
        'auto, deadline in 1 day',
        'auto, deadline in 1 minute',
      ]);
      for (const run of runs) {
        expect(run.billed).toBeGreaterThan(0);
        expect(run.billed).toBeLessThanOrEqual(run.limit ?? 0);
        // Each run's ledger is what the provider billed for it, to the nano-dollar.
        expect(run.ledger).toBe(run.billed);
      }
      expect(runs.map((run) => run.limit)).toEqual(
        ['0.05', '0.05', '0.15', '0.15', '0.04', '0.04'].map((usd) => usdToNanodollars(usd)),
      );
    });

    it("keeps the example's total ledger equal to the simulator's invoice, to the nano-dollar", () => {
      expect(invoice.total).toBeGreaterThan(0);
      expect(backend.total.snapshot().spent.usd).toBe(invoice.total);
      expect(invoice.total).toBeLessThanOrEqual(usdToNanodollars(totalUsd));
      // Both lanes went over HTTP: the Message Batches API too.
      expect(invoice.lines.some((line) => line.lane === 'batch')).toBe(true);
      expect(invoice.lines.some((line) => line.lane === 'interactive')).toBe(true);
    });

    it('bills the batch lane half price, and gives each task run a prompt cache of its own', () => {
      const { bulk, tasks } = parts();
      expect(bulk.batch.chosen?.lane).toBe('batch');
      expect(bulk.halfPrice.compared).toBe(1);
      expect(bulk.halfPrice.holds).toBe(true);
      // The same task, interactive then in the batch lane: without a line of its
      // own in each run's system prompt, the batch run would read what the
      // interactive run wrote to the cache (the real API's outlives a run).
      const written = (run: typeof tasks.batch) =>
        run.report.usage.cacheWrite5m + run.report.usage.cacheWrite1h;
      expect(written(tasks.interactive)).toBeGreaterThan(0);
      expect(written(tasks.batch)).toBe(written(tasks.interactive));
      expect(tasks.batch.report.usage.cacheRead).toBe(tasks.interactive.report.usage.cacheRead);
    });

    it('prints both parts and every check passed, with no invoice claim it cannot make', () => {
      expect(example.text).toMatch(/^lane asked\s+chosen\s+status\s+batches/m);
      expect(example.text).toMatch(/^auto\s+batch\s+completed/m);
      expect(example.text).toMatch(/^interactive\s+interactive\s+completed/m);
      expect(example.text).toMatch(/^run\s+budget\s+status\s+shape\s+grade/m);
      expect(example.text).toContain('no faults injected (the real API)');
      expect(example.text).toContain('no invoice on the real API');
      expect(example.text).not.toMatch(/runs failed|failed items|FAIL/);
      expect(example.checks.filter((check) => !check.passed)).toEqual([]);
    });

    it('shows the key nowhere in what it printed or returned', () => {
      expect(example.text).not.toContain(apiKey);
      expect(inspect(example, { depth: 12 })).not.toContain(apiKey);
    });
  });

  it('reports what the API refused, and why, without the key', async () => {
    const { server, url } = await startKeyEchoingServer();
    try {
      const backend = createRealBackend({
        apiKey,
        baseURL: url,
        workloads,
        totalUsd,
        clock: simulatorBatchClock(simulator.clock),
      });
      const example = await runBatchLaneExample({ backend, workloads, items: 1, ...realBudgets });
      expect(example.bulk?.batch.result.totals.failed).toBe(1);
      expect(example.tasks?.interactive.status).toBe('failed');
      // The server echoed the key in its error; the adapter redacted it.
      expect(example.text).toMatch(/failed items: the auto run 1× \S+: .*authentication_error/);
      expect(example.text).toContain('[redacted]');
      expect(example.text).toContain('4 of 4 runs failed');
      // Nothing billed, so no ratio: said in words, never NaN.
      expect(example.text).not.toContain('NaN');
      expect(example.text).toContain('no ratio');
      expect(example.checks.some((check) => !check.passed)).toBe(true);
      expect(example.text).not.toContain(apiKey);
      expect(inspect(example, { depth: 12 })).not.toContain(apiKey);
      expect(backend.total.snapshot().spent.usd).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
