import * as z from 'zod';
import { benchmarkSection } from '../benchmark-section';
import { count, range, ratio } from '../format-figures';
import { joinBlocks } from '../markdown/join-blocks';
import { markdownTable } from '../markdown/markdown-table';
import { paragraph } from '../markdown/wrap-prose';
import { runHeading } from '../run-heading';
import { runInfoShape } from '../run-info-schema';

/** The fields of results/simulator-throughput.json this section reads. */
export const simulatorThroughputSchema = z.looseObject({
  ...runInfoShape,
  settings: z.looseObject({
    requests: z.number().int().positive(),
    warmupRequests: z.number().int().nonnegative(),
    repeats: z.number().int().positive(),
  }),
  throughput: z
    .array(
      z.looseObject({
        client: z.string(),
        concurrency: z.number().int().positive(),
        requestsPerSecond: z.number(),
        meanMicrosecondsPerRequest: z.number(),
        samplesRequestsPerSecond: z.array(z.number()),
        promptTokens: z.number().int(),
        cacheReadTokens: z.number().int(),
      }),
    )
    .min(1),
  sdkOverhead: z.array(
    z.looseObject({ concurrency: z.number().int(), microsecondsPerRequest: z.number() }),
  ),
  cacheLookup: z.looseObject({
    lookupsPerSample: z.number().int().positive(),
    rounds: z.number().int().positive(),
    promptBlocks: z.number().int().positive(),
    promptTokens: z.number().int().positive(),
    sizes: z
      .array(
        z.looseObject({
          entries: z.number().int().positive(),
          hitMicroseconds: z.number().positive(),
          missMicroseconds: z.number().positive(),
        }),
      )
      .min(1),
  }),
});

/** {@link simulatorThroughputSchema}'s type. */
export type SimulatorThroughputResults = z.infer<typeof simulatorThroughputSchema>;

const clientNames: Readonly<Record<string, string>> = {
  sdk: 'Anthropic SDK',
  'raw-fetch': 'raw fetch',
};

function distinct(values: readonly number[]): string {
  return [...new Set(values)].map((value) => count(value)).join(' or ');
}

/**
 * The simulator throughput section: requests per second through the
 * in-process simulator by client and concurrency, and `PromptCache.lookup`
 * time by the number of entries held.
 *
 * @example
 * ```ts
 * renderSimulatorThroughputSection(parseResults(file, simulatorThroughputSchema, json));
 * ```
 */
export function renderSimulatorThroughputSection(results: SimulatorThroughputResults): string {
  const { settings, throughput, cacheLookup } = results;
  const sizes = [...cacheLookup.sizes].sort((left, right) => left.entries - right.entries);
  const smallest = sizes[0] ?? { entries: 1, hitMicroseconds: 1, missMicroseconds: 1 };
  const largest = sizes.at(-1) ?? smallest;
  const hitRatio = largest.hitMicroseconds / smallest.hitMicroseconds;
  const missRatio = largest.missMicroseconds / smallest.missMicroseconds;
  const growth = largest.entries / smallest.entries;
  const worst = Math.max(hitRatio, missRatio);

  const throughputTable = markdownTable(
    ['client', 'in flight', 'requests/s', 'µs/request', 'runs (requests/s)'],
    throughput.map((row) => [
      clientNames[row.client] ?? row.client,
      String(row.concurrency),
      count(row.requestsPerSecond),
      count(row.meanMicrosecondsPerRequest, 1),
      row.samplesRequestsPerSecond.map((sample) => count(sample)).join(' / '),
    ]),
  );
  const overhead =
    results.sdkOverhead.length === 0
      ? undefined
      : paragraph(
          `The SDK's own cost (its µs/request less raw fetch's at the same concurrency): ` +
            results.sdkOverhead
              .map(
                (row) =>
                  `${count(row.microsecondsPerRequest)} µs with ${String(row.concurrency)} in flight`,
              )
              .join(', ') +
            '. It is the difference of two noisy medians: read it as "small next to the simulator\'s own cost", not as an exact figure.',
        );

  const lookupTable = markdownTable(
    [
      'entries',
      'hit µs',
      `vs ${count(smallest.entries)}`,
      'miss µs',
      `vs ${count(smallest.entries)}`,
    ],
    sizes.map((size) => [
      count(size.entries),
      size.hitMicroseconds.toFixed(3),
      ratio(size.hitMicroseconds / smallest.hitMicroseconds),
      size.missMicroseconds.toFixed(3),
      ratio(size.missMicroseconds / smallest.missMicroseconds),
    ]),
  );
  const scaling =
    worst < growth / 10
      ? `A lookup is a handful of \`Map\` reads (one per lookback position), so it does not grow in proportion to the entries: ${count(growth)} times the entries cost ${range([hitRatio, missRatio], (value) => ratio(value))} the time in this run (hit and miss)` +
        (worst > 1.1
          ? ", the slowdown of a hash map that no longer fits in the CPU's caches."
          : ', within the run-to-run noise.')
      : `Lookup time grows with the entries: ${count(growth)} times the entries cost ${ratio(hitRatio)} the time on a hit and ${ratio(missRatio)} on a miss in this run.`;

  return joinBlocks([
    runHeading({
      title: 'Simulator throughput and cache lookup scaling',
      script: 'simulator-throughput',
      resultsFile: 'simulator-throughput.json',
      run: results,
    }),
    paragraph(
      `Requests through the in-process simulator with zero latency, ` +
        `${distinct(throughput.map((row) => row.promptTokens))}-token prompts ` +
        `(${distinct(throughput.map((row) => row.cacheReadTokens))} read from cache), ` +
        `after ${count(settings.warmupRequests)} untimed requests; median of ${String(settings.repeats)} runs of ${count(settings.requests)} requests:`,
    ),
    throughputTable,
    overhead,
    paragraph(
      `\`PromptCache.lookup\` time by entries held (a ${String(cacheLookup.promptBlocks)}-block, ` +
        `${count(cacheLookup.promptTokens)}-token prompt; median of ${String(cacheLookup.rounds)} samples ` +
        `of ${count(cacheLookup.lookupsPerSample)} lookups):`,
    ),
    lookupTable,
    paragraph(
      `${scaling} Per-request time is dominated by reading the prompt: JSON parsing, hashing each block for the prefix chain, and seeding the answer from the request; it grows with prompt size even when the prompt is cached.`,
    ),
  ]);
}

/** The simulator throughput section of docs/benchmarks.md. */
export const simulatorThroughputSection = benchmarkSection(
  'simulator-throughput.json',
  simulatorThroughputSchema,
  renderSimulatorThroughputSection,
);
