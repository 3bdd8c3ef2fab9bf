import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usdToNanodollars } from '@bursar/core';
import { loadShippedWorkloads } from '@bursar/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatorBackend } from './create-simulator-backend';
import { runDemo, type DemoResult } from './run-demo';

describe('the compare-single-vs-multi demo on the simulator', () => {
  let folder: string;
  let result: DemoResult;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'bursar-demo-test-'));
    const workloads = loadShippedWorkloads();
    // Realistic latency, on the simulator's virtual clock: no real waiting but its concurrency window.
    result = await runDemo({
      backend: createSimulatorBackend({ workloads }),
      workloads,
      tasksPerSet: 1,
      budgetsUsd: ['0.50', '0.05'],
      out: join(folder, 'report.html'),
    });
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('has a row for every set and shape under every budget, with tokens, cost and time', () => {
    expect(result.sections.map((section) => section.perTaskUsd)).toEqual(['0.50', '0.05']);
    for (const section of result.sections) {
      expect(section.summary.rows.map((row) => `${row.set}/${row.shape}`)).toEqual([
        'parallel/single',
        'parallel/fanOut',
        'parallel/auto',
        'sequential/single',
        'sequential/fanOut',
        'sequential/auto',
      ]);
      for (const row of section.summary.rows) {
        expect(row.cost).toBeGreaterThan(0);
        expect(row.usage.output).toBeGreaterThan(0);
        expect(row.meanDurationMs).toBeGreaterThan(1_000);
        expect(section.text).toContain(`${row.set.padEnd(10)}  ${row.shape.padEnd(6)}`);
      }
      expect(section.text).toMatch(/auto ran the best-grade-for-less shape on \d of 2 tasks/);
    }
  });

  it('runs the shape asked for, and auto runs the cheaper shape of each set', () => {
    const [roomy] = result.sections;
    const ran = (set: string, shape: string) =>
      roomy?.runs.find((run) => run.taskCase.set === set && run.shape === shape)?.report.shape;
    expect(ran('parallel', 'single')).toBe('single');
    expect(ran('parallel', 'fanOut')).toBe('fanOut');
    const cost = (set: string, shape: string) =>
      roomy?.runs.find((run) => run.taskCase.set === set && run.shape === shape)?.report.cost ?? 0;
    for (const set of ['parallel', 'sequential']) {
      // At equal grade (every run has every fact here), the cheaper of the two as run.
      const cheaper = cost(set, 'single') <= cost(set, 'fanOut') ? 'single' : 'fanOut';
      expect(ran(set, 'auto')).toBe(cheaper);
    }
    const fanOut = roomy?.runs.find(
      (run) => run.shape === 'fanOut' && run.taskCase.set === 'parallel',
    );
    expect(
      fanOut?.report.byAgent.filter((agent) => agent.role === 'subagent').length,
    ).toBeGreaterThan(2);
    // With room, every answer has every fact.
    expect(roomy?.runs.every((run) => run.grade === 1)).toBe(true);
  });

  it('keeps every ledger equal to the invoice and every run within its limit', () => {
    for (const section of result.sections) {
      const limit = usdToNanodollars(section.perTaskUsd);
      expect(section.runs).toHaveLength(6);
      for (const run of section.runs) {
        expect(run.report.cost).toBe(run.billed);
        expect(run.report.cost).toBeLessThanOrEqual(limit);
        expect(run.report.budget.limit).toBe(limit);
      }
      expect(section.summary.ledger).toEqual({ checked: 6, equal: 6 });
    }
  });

  it('under the tight budget, the governor acts: ladder steps beyond the shape decision', () => {
    const tight = result.sections[1];
    const kinds = new Set(
      tight?.runs.flatMap((run) => run.report.decisions.map((decision) => decision.kind)),
    );
    kinds.delete('shape');
    expect(kinds.size).toBeGreaterThan(0);
  });

  it('writes one self-contained HTML page per shape, each with its chart', async () => {
    expect(result.reports.map((report) => report.shape)).toEqual(['single', 'fanOut', 'auto']);
    expect(result.reports.find((report) => report.shape === 'auto')?.path).toBe(
      join(folder, 'report.html'),
    );
    for (const report of result.reports) {
      const html = await readFile(report.path, 'utf8');
      expect(html).toMatch(/^<!doctype html>/i);
      expect(html).toContain('<svg');
      expect(html).toContain(report.taskId);
      expect(html).not.toMatch(/https?:\/\//);
    }
  });
});
