import { describe, expect, it } from 'vitest';
import {
  peerNames,
  peersCompareSchema,
  renderPeersCompareSection,
  type PeersCompareResults,
} from './peers-compare-section';
import { flat, testRun } from './run-info.test-helper';

function results(frameworkCost: number, frameworkCache = 0): PeersCompareResults {
  const row = (peer: string, nanodollars: number, cache = 0, ending = 'done (single)') => ({
    workload: 'parallelqa',
    tasks: ['parallelqa-1', 'parallelqa-3'],
    peer,
    nanodollars,
    meanGrade: 1,
    calls: 6,
    cacheReadTokens: cache,
    cacheWriteTokens: cache,
    endings: [ending],
  });
  return peersCompareSchema.parse({
    ...testRun,
    model: 'claude-sonnet-4-6',
    versions: { ai: '5.0.0', '@anthropic-ai/sdk': '1.0.0' },
    results: [
      row(peerNames.naive, 1_000_000, 0, 'end_turn'),
      row(peerNames.aiSdk, frameworkCost, frameworkCache, 'stop'),
      row(peerNames.langGraph, 1_000_000, 0, 'done'),
      row(peerNames.runAgent, 500_000, 40, 'completed'),
      row(peerNames.runTask, 600_000, 50),
      row(peerNames.runTaskPrune, 550_000, 40),
    ],
  });
}

describe('renderPeersCompareSection', () => {
  it('says the frameworks use no cache and bill what the naive loop does when they do', () => {
    const text = flat(renderPeersCompareSection(results(1_000_000)));
    expect(text).toContain(
      "no token of theirs was read from or written to the cache, and their bills equal the naive loop's to the nano-dollar on every workload",
    );
    expect(text).toContain(
      "Bursar's agent loop costs 2.00x less than the naive loop over the sample",
    );
    expect(text).toContain(
      '`runTask` auto costs 1.20x what one `runAgent` does ($0.0006 against $0.0005)',
    );
    expect(text).toContain('`@langchain/langgraph` (version not recorded)');
  });

  it('says when a framework read the cache or billed otherwise', () => {
    const text = flat(renderPeersCompareSection(results(900_000, 10)));
    expect(text).toContain(
      'At their defaults the AI SDK and LangGraph read or wrote the cache on some workloads',
    );
    expect(text).toContain("their bills equal the naive loop's on 1 of 2 framework-workload pairs");
  });
});
