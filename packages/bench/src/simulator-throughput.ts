import { fileURLToPath } from 'node:url';
import { describeMachine } from './report/describe-machine';
import { formatNumber, formatTable } from './report/format-table';
import { writeResults } from './report/write-results';
import { createSystemPrompt } from './simulator/bench-prompt';
import { measureCacheLookup } from './simulator/measure-cache-lookup';
import {
  measureRequestThroughput,
  type ThroughputClient,
} from './simulator/measure-request-throughput';

// Sized to finish in well under a minute on a 2-core machine.
const settings = {
  systemPromptTokens: 4_960,
  requests: 2_000,
  warmupRequests: 1_000,
  repeats: 3,
  cacheSizes: [1_000, 10_000, 100_000],
  lookupsPerSample: 10_000,
  lookupRounds: 15,
} as const;

const resultsFile = fileURLToPath(new URL('../results/simulator-throughput.json', import.meta.url));

const startedAt = performance.now();
const machine = describeMachine();
console.log(
  `Simulator throughput: ${machine.cpuModel}, ${machine.cores} cores, ` +
    `${machine.totalMemoryGiB} GiB, Node ${machine.nodeVersion}\n`,
);

const systemPrompt = createSystemPrompt(settings.systemPromptTokens);

const throughput = await measureRequestThroughput({
  modes: [
    { client: 'sdk', concurrency: 1 },
    { client: 'sdk', concurrency: 16 },
    { client: 'raw-fetch', concurrency: 1 },
    { client: 'raw-fetch', concurrency: 16 },
  ],
  requests: settings.requests,
  warmupRequests: settings.warmupRequests,
  repeats: settings.repeats,
  systemPrompt,
});

const firstRun = throughput[0];
console.log(
  `1. Requests through the in-process simulator, zero latency ` +
    `(${formatNumber(firstRun?.promptTokens ?? 0)}-token prompts, ` +
    `${formatNumber(firstRun?.cacheReadTokens ?? 0)} read from cache; ` +
    `median of ${settings.repeats} runs of ${formatNumber(settings.requests)} requests)\n`,
);
console.log(
  formatTable(
    ['client', 'in flight', 'requests/s', 'µs/request', 'runs (requests/s)'],
    throughput.map((result) => [
      result.client === 'sdk' ? 'Anthropic SDK' : 'raw fetch',
      String(result.concurrency),
      formatNumber(result.requestsPerSecond),
      formatNumber(result.meanMicrosecondsPerRequest, 1),
      result.samplesRequestsPerSecond.map((sample) => formatNumber(sample)).join(' / '),
    ]),
  ),
);
const sdkOverhead = [1, 16].map((concurrency) => {
  const find = (client: ThroughputClient) =>
    throughput.find((result) => result.client === client && result.concurrency === concurrency);
  const sdk = find('sdk');
  const raw = find('raw-fetch');
  return {
    concurrency,
    microsecondsPerRequest:
      sdk === undefined || raw === undefined
        ? Number.NaN
        : sdk.meanMicrosecondsPerRequest - raw.meanMicrosecondsPerRequest,
  };
});
console.log(
  `\nSDK overhead per request: ${sdkOverhead
    .map(
      (overhead) =>
        `${formatNumber(overhead.microsecondsPerRequest, 1)} µs (${overhead.concurrency} in flight)`,
    )
    .join(', ')}\n`,
);

const cacheLookup = measureCacheLookup({
  sizes: settings.cacheSizes,
  lookupsPerSample: settings.lookupsPerSample,
  rounds: settings.lookupRounds,
  systemPrompt,
});
const smallest = cacheLookup.sizes[0];
console.log(
  `2. PromptCache.lookup by entries held (${cacheLookup.promptBlocks}-block, ` +
    `${formatNumber(cacheLookup.promptTokens)}-token prompt; median of ${settings.lookupRounds} ` +
    `samples of ${formatNumber(settings.lookupsPerSample)} lookups)\n`,
);
console.log(
  formatTable(
    ['entries', 'hit µs', 'hit vs smallest', 'miss µs', 'miss vs smallest'],
    cacheLookup.sizes.map((size) => [
      formatNumber(size.entries),
      formatNumber(size.hitMicroseconds, 3),
      `${formatNumber(size.hitMicroseconds / (smallest?.hitMicroseconds ?? Number.NaN), 2)}x`,
      formatNumber(size.missMicroseconds, 3),
      `${formatNumber(size.missMicroseconds / (smallest?.missMicroseconds ?? Number.NaN), 2)}x`,
    ]),
  ),
);
console.log(
  `\nLargest/smallest: hit ${formatNumber(cacheLookup.hitRatioLargeToSmall, 2)}x, ` +
    `miss ${formatNumber(cacheLookup.missRatioLargeToSmall, 2)}x (near 1 means lookup time ` +
    `does not grow with entries)`,
);

const durationSeconds = (performance.now() - startedAt) / 1_000;
await writeResults(resultsFile, {
  benchmark: 'simulator-throughput',
  date: new Date().toISOString(),
  machine,
  settings,
  durationSeconds,
  throughput,
  sdkOverhead,
  cacheLookup,
});
console.log(`\nDone in ${formatNumber(durationSeconds, 1)} s; results in ${resultsFile}`);
