import { describe, expect, it } from 'vitest';
import { flat, testRun } from './run-info.test-helper';
import {
  renderSimulatorThroughputSection,
  simulatorThroughputSchema,
  type SimulatorThroughputResults,
} from './simulator-throughput-section';

function results(largestHit: number): SimulatorThroughputResults {
  return simulatorThroughputSchema.parse({
    ...testRun,
    settings: { requests: 100, warmupRequests: 10, repeats: 3 },
    throughput: [
      {
        client: 'sdk',
        concurrency: 1,
        requestsPerSecond: 1000,
        meanMicrosecondsPerRequest: 1000,
        samplesRequestsPerSecond: [990, 1000, 1010],
        promptTokens: 500,
        cacheReadTokens: 480,
      },
    ],
    sdkOverhead: [],
    cacheLookup: {
      lookupsPerSample: 100,
      rounds: 5,
      promptBlocks: 3,
      promptTokens: 600,
      sizes: [
        { entries: 1000, hitMicroseconds: 1, missMicroseconds: 2 },
        { entries: 100_000, hitMicroseconds: largestHit, missMicroseconds: 2 },
      ],
    },
  });
}

describe('renderSimulatorThroughputSection', () => {
  it('says lookup time does not grow in proportion when it barely moves', () => {
    const text = flat(renderSimulatorThroughputSection(results(1.05)));
    expect(text).toContain(
      'it does not grow in proportion to the entries: 100 times the entries cost 1.00x to 1.05x the time',
    );
    expect(text).toContain('within the run-to-run noise');
  });

  it('says lookup time grows with the entries when it does', () => {
    expect(flat(renderSimulatorThroughputSection(results(40)))).toContain(
      'Lookup time grows with the entries: 100 times the entries cost 40.00x the time on a hit',
    );
  });
});
