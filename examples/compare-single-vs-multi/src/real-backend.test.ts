// The demo's real-API path (createRealBackend over @bursar/anthropic and the
// official SDK) driven against the simulator over loopback HTTP with a fake key:
// no real API, no network, no real sleeps (zero latency on a virtual clock).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect, promisify } from 'node:util';
import { formatUsd, usdToNanodollars } from '@bursar/core';
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
import { runComparison } from './run-comparison';
import { runDemo, type DemoResult } from './run-demo';
import { pickTaskSets } from './task-sets';

const apiKey = 'sk-ant-test-0123456789abcdef';
const workloads = loadShippedWorkloads();
const exampleFolder = join(import.meta.dirname, '..');

async function htmlPages(folder: string): Promise<string[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.html'));
  return Promise.all(names.map((name) => readFile(join(folder, name), 'utf8')));
}

describe("the demo's real-API path, against the simulator over HTTP", () => {
  let simulator: Simulator;
  let baseURL: string;
  let folder: string;
  beforeAll(async () => {
    simulator = createSimulator({ workloads, latency: { mode: 'zero' } });
    ({ url: baseURL } = await simulator.listen({ host: '127.0.0.1', port: 0 }));
    folder = await mkdtemp(join(tmpdir(), 'bursar-demo-real-test-'));
  });
  afterAll(async () => {
    await simulator.close();
    await rm(folder, { recursive: true, force: true });
  });

  describe('runDemo on createRealBackend (one task a set)', () => {
    let backend: RealBackend;
    let runs: MeteredRun[];
    let result: DemoResult;
    let invoice: Invoice;
    beforeAll(async () => {
      simulator.reset();
      const out = join(folder, 'in-process', 'report.html');
      backend = createRealBackend({ apiKey, baseURL, workloads, totalUsd: '0.50' });
      const meter = meterRuns(backend, simulator);
      runs = meter.runs;
      result = await runDemo({
        backend: meter.backend,
        workloads,
        tasksPerSet: 1,
        budgetsUsd: ['0.08'],
        out,
      });
      invoice = simulator.invoice();
    });

    it('completes every run, each within its hard budget by the invoice', () => {
      const [section] = result.sections;
      expect(section?.runs.map((run) => `${run.taskCase.set}/${run.shape}:${run.status}`)).toEqual([
        'parallel/single:done',
        'parallel/fanOut:done',
        'parallel/auto:done',
        'sequential/single:done',
        'sequential/fanOut:done',
        'sequential/auto:done',
      ]);
      expect(runs).toHaveLength(6);
      for (const run of runs) {
        expect(run.limit).toBe(usdToNanodollars('0.08'));
        expect(run.billed).toBeGreaterThan(0);
        expect(run.billed).toBeLessThanOrEqual(usdToNanodollars('0.08'));
        // Each run's ledger is what the provider billed for it, to the nano-dollar.
        expect(run.ledger).toBe(run.billed);
      }
      expect(section?.runs.map((run) => run.report.cost)).toEqual(runs.map((run) => run.billed));
    });

    it("keeps the demo's total ledger equal to the simulator's invoice, to the nano-dollar", () => {
      expect(invoice.total).toBeGreaterThan(0);
      expect(backend.total.snapshot().spent.usd).toBe(invoice.total);
      expect(invoice.total).toBeLessThanOrEqual(usdToNanodollars('0.50'));
      // Every line went over HTTP with the key, in the interactive lane.
      expect(invoice.lines.every((line) => line.lane === 'interactive')).toBe(true);
    });

    it('prints the tables and findings, with no invoice claim it cannot make', () => {
      const text = result.sections[0]?.text ?? '';
      expect(text).toMatch(/^set\s+shape\s+input\s+cache write\s+cache read\s+output\s+cost/m);
      expect(text).toMatch(/^task\s+set\s+single\s+fanOut\s+auto\s+auto ran/m);
      for (const set of ['parallel', 'sequential'])
        for (const shape of ['single', 'fanOut', 'auto'])
          expect(text).toContain(`${set.padEnd(10)}  ${shape.padEnd(6)}`);
      expect(text).toContain('wall s/task');
      expect(text).toContain('spend stayed within the $0.08 limit on 6 of 6 runs.');
      expect(text).not.toContain('ledger = simulator invoice');
      expect(text).not.toMatch(/failed/i);
    });

    it('writes the HTML pages, and the key appears nowhere it printed or wrote', async () => {
      expect(result.reports.map((report) => report.shape)).toEqual(['single', 'fanOut', 'auto']);
      const pages = await htmlPages(join(folder, 'in-process'));
      expect(pages).toHaveLength(3);
      for (const page of pages) {
        expect(page).toContain('<svg');
        expect(page).not.toContain(apiKey);
      }
      expect(result.sections[0]?.text).not.toContain(apiKey);
      expect(JSON.stringify(result.sections[0]?.runs.map((run) => run.report))).not.toContain(
        apiKey,
      );
    });
  });

  it('gives each run a prompt cache of its own: the same task and shape twice bill the same', async () => {
    // The real API's cache outlives a run; without a line of its own in each
    // run's system prompt, the second run would read what the first wrote.
    simulator.reset();
    const backend = createRealBackend({ apiKey, baseURL, workloads, totalUsd: '0.50' });
    const [taskCase] = pickTaskSets(workloads, 1);
    if (taskCase === undefined) throw new Error('no task');
    const [first, second] = await runComparison({
      backend,
      cases: [taskCase],
      perTaskUsd: '0.10',
      shapes: ['single', 'single'],
    });
    expect(first?.report.usage.cacheRead).toBeGreaterThan(0);
    expect(second?.report.usage).toEqual(first?.report.usage);
    expect(second?.report.cost).toBe(first?.report.cost);
    expect(simulator.invoice().total).toBe(2 * (first?.report.cost ?? 0));
  });

  it('reports runs the API refused as failed, and its errors carry no key', async () => {
    simulator.reset();
    const { server, url } = await startKeyEchoingServer();
    try {
      const out = join(folder, 'refused', 'report.html');
      const backend = createRealBackend({ apiKey, baseURL: url, workloads, totalUsd: '0.50' });
      // The error a refused call throws: the server echoed the key, the adapter redacted it.
      const refusal = await backend.client
        .complete({
          model: 'claude-haiku-4-5',
          tools: [],
          system: [],
          reference: [],
          messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
          maxTokens: 16,
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      const thrown = inspect(refusal, { depth: 10 });
      expect(thrown).toContain('authentication_error');
      expect(thrown).toContain('[redacted]');
      expect(thrown).not.toContain(apiKey);

      const result = await runDemo({
        backend,
        workloads,
        tasksPerSet: 1,
        budgetsUsd: ['0.08'],
        out,
      });
      const runs = result.sections[0]?.runs ?? [];
      expect(runs.map((run) => run.status)).toEqual(Array.from({ length: 6 }, () => 'failed'));
      const printed = result.sections.map((section) => section.text).join('\n');
      expect(printed).toContain('6 of 6 runs failed');
      // The reason is the refused call's own error, the key redacted.
      expect(printed).toMatch(/fanoutqa-\w+ single: Call failed and is not retryable: .*401/);
      expect(printed).not.toContain(apiKey);
      expect(inspect(runs, { depth: 10 })).not.toContain(apiKey);
      const pages = await htmlPages(join(folder, 'refused'));
      expect(pages).toHaveLength(3);
      for (const page of pages) expect(page).not.toContain(apiKey);
      expect(backend.total.snapshot().spent.usd).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('stays on the simulator with a key in the environment but no --real, and says so in one line', async () => {
    simulator.reset();
    const out = join(folder, 'keyed', 'report.html');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--conditions=@bursar/source',
        '--import',
        'tsx',
        'src/main.ts',
        '--tasks',
        '1',
        '--budget',
        '0.50',
        '--out',
        out,
      ],
      {
        cwd: exampleFolder,
        env: { ...process.env, ANTHROPIC_API_KEY: apiKey, ANTHROPIC_BASE_URL: baseURL },
      },
    );
    // Nothing reached the API the key and base URL point at.
    expect(simulator.invoice().lines).toEqual([]);
    const [first, second] = stdout.split('\n');
    expect(first).toBe(
      'ANTHROPIC_API_KEY is set, but this runs on the simulator and spends nothing; pnpm demo --real runs on the real API.',
    );
    expect(second).toMatch(/^On the simulator \(no API key, no network/);
    expect(stdout).not.toContain(apiKey);
  }, 60_000); // a Node process of its own: tsx compiles the sources first

  it('runs `pnpm demo --real` (src/main.ts) through ANTHROPIC_BASE_URL, printing no key', async () => {
    simulator.reset();
    const out = join(folder, 'cli', 'report.html');
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--conditions=@bursar/source', '--import', 'tsx', 'src/main.ts', '--real', '--out', out],
      {
        cwd: exampleFolder,
        env: { ...process.env, ANTHROPIC_API_KEY: apiKey, ANTHROPIC_BASE_URL: baseURL },
      },
    );
    const invoice = simulator.invoice();
    expect(invoice.lines.length).toBeGreaterThan(0);
    expect(stdout).toContain(
      'On the real Anthropic API: 1 task a set × 2 sets × 3 shapes = 6 runs under each of 1 budget',
    );
    expect(stdout).toMatch(/^set\s+shape\s+input\s+cache write/m);
    expect(stdout).toMatch(/^task\s+set\s+single\s+fanOut\s+auto/m);
    // What it says it spent is what the simulator billed.
    expect(stdout).toContain(`Spent ${formatUsd(invoice.total)} of the $0.50 limit.`);
    expect(invoice.total).toBeLessThanOrEqual(usdToNanodollars('0.50'));
    for (const printed of [stdout, stderr, ...(await htmlPages(join(folder, 'cli')))])
      expect(printed).not.toContain(apiKey);
  }, 60_000); // a Node process of its own: tsx compiles the sources first
});
