import { loadShippedWorkloads, createSimulator, type Simulator } from '@bursar/simulator';
import type { ModelRequest } from '@bursar/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRealApi } from './create-real-api';

const apiKey = 'sk-ant-test-0123456789abcdef';
const workloads = loadShippedWorkloads();
const request: ModelRequest = {
  model: 'claude-haiku-4-5',
  tools: [],
  system: [],
  reference: [],
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  maxTokens: 16,
};

describe('createRealApi against the simulator over HTTP', () => {
  let simulator: Simulator;
  let url: string;
  beforeAll(async () => {
    simulator = createSimulator({ latency: { mode: 'zero' } });
    ({ url } = await simulator.listen({ host: '127.0.0.1', port: 0 }));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    simulator.reset();
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('sends its calls to ANTHROPIC_BASE_URL when no baseURL is given (what --real does)', async () => {
    vi.stubEnv('ANTHROPIC_BASE_URL', url);
    const api = createRealApi({ apiKey, workloads, totalUsd: '0.10', name: 'test' });
    const response = await api.client.complete(request);
    const [line, ...rest] = simulator.invoice().lines;
    expect(rest).toEqual([]);
    expect(line?.usage.output).toBe(response.usage.output);
  });

  it('sends them to baseURL when given, whatever ANTHROPIC_BASE_URL says', async () => {
    // Nothing listens on port 9 (discard) here; a call sent there would fail.
    vi.stubEnv('ANTHROPIC_BASE_URL', 'http://127.0.0.1:9');
    const api = createRealApi({ apiKey, baseURL: url, workloads, totalUsd: '0.10', name: 'test' });
    await api.client.complete(request);
    expect(simulator.invoice().lines).toHaveLength(1);
  });
});

describe('createRealApi runs', () => {
  it("carves each run's budget out of the hard total, and refuses what it has not got", () => {
    const api = createRealApi({ apiKey, workloads, totalUsd: '0.50', name: 'test' });
    const first = api.beginRun('first', '0.30');
    expect(first.budget.limit.usd).toBe(300_000_000);
    expect(() => api.beginRun('second', '0.30')).toThrow(/larger than what test has left/);
    first.close();
    const second = api.beginRun('second', '0.30');
    expect(second.budget.limit.usd).toBe(300_000_000);
  });

  it('gives each run a system line of its own, so no run reads a cache another wrote', () => {
    const api = createRealApi({ apiKey, workloads, totalUsd: '0.50', name: 'test' });
    const prefixes = Array.from({ length: 20 }, (_, index) => {
      const run = api.beginRun(`run-${String(index)}`, '0.01');
      run.close();
      return run.systemPrefix;
    });
    for (const prefix of prefixes)
      expect(prefix).toEqual([expect.stringMatching(/^Run \d{12}\.$/)]);
    expect(new Set(prefixes.map((prefix) => prefix.join('\n'))).size).toBe(prefixes.length);
  });
});
