import Anthropic from '@anthropic-ai/sdk';
import { createSimulator, type Simulator } from '@bursar/simulator';
import { median } from '../measure/median';
import { runPool } from '../measure/run-pool';
import { benchRequestBody } from './bench-prompt';

/** How a benchmark request reaches the simulator. */
export type ThroughputClient = 'sdk' | 'raw-fetch';

/** One way of sending requests: a client and how many requests it keeps in flight. */
export interface ThroughputMode {
  readonly client: ThroughputClient;
  /** Requests in flight at once; 1 means one after another. */
  readonly concurrency: number;
}

/** Options of {@link measureRequestThroughput}. */
export interface ThroughputOptions {
  readonly modes: readonly ThroughputMode[];
  /** Requests timed per run. */
  readonly requests: number;
  /** Untimed requests per mode first, so the JIT, the token memo and the cache are warm. */
  readonly warmupRequests: number;
  /** Timed runs per mode, interleaved across modes; the median is reported. */
  readonly repeats: number;
  readonly systemPrompt: string;
}

/** What one throughput measurement found. */
export interface ThroughputResult {
  readonly client: ThroughputClient;
  readonly concurrency: number;
  readonly requests: number;
  readonly repeats: number;
  /** Median over repeats of requests completed per wall-clock second. */
  readonly requestsPerSecond: number;
  /** Median over repeats of wall-clock microseconds per request (elapsed / requests). */
  readonly meanMicrosecondsPerRequest: number;
  /** Requests per second of every repeat, in run order. */
  readonly samplesRequestsPerSecond: readonly number[];
  /** Prompt tokens of one timed request, as the simulator billed them. */
  readonly promptTokens: number;
  /** Of those, tokens read from the cache (should be almost all of them). */
  readonly cacheReadTokens: number;
}

interface Usage {
  readonly input_tokens: number;
  readonly cache_read_input_tokens: number | null;
  readonly cache_creation_input_tokens: number | null;
}

type SendRequest = (index: number) => Promise<Usage>;

const apiKey = 'bench';

function sdkSender(simulator: Simulator, systemPrompt: string): SendRequest {
  const client = new Anthropic({ apiKey, fetch: simulator.fetch, maxRetries: 0 });
  return async (index) => {
    const message = await client.messages.create(benchRequestBody(systemPrompt, index));
    return message.usage;
  };
}

function rawFetchSender(simulator: Simulator, systemPrompt: string): SendRequest {
  // What a minimal client does: serialise, POST, parse. No retries, no types.
  const headers = {
    'content-type': 'application/json',
    'anthropic-version': '2023-06-01',
    'x-api-key': apiKey,
  };
  return async (index) => {
    const response = await simulator.fetch('https://api.anthropic.com/v1/messages', {
      method: 'POST',
      headers,
      body: JSON.stringify(benchRequestBody(systemPrompt, index)),
    });
    if (!response.ok)
      throw new Error(`simulator answered ${response.status}: ${await response.text()}`);
    const message = (await response.json()) as { usage: Usage };
    return message.usage;
  };
}

/** A mode's simulator and client, ready to send batches of requests. */
function createRunner(mode: ThroughputMode, systemPrompt: string) {
  const simulator = createSimulator({ latency: { mode: 'zero' } });
  const send =
    mode.client === 'sdk'
      ? sdkSender(simulator, systemPrompt)
      : rawFetchSender(simulator, systemPrompt);
  let nextIndex = 0;
  let lastUsage: Usage | undefined;
  const samples: number[] = [];
  const runBatch = async (count: number): Promise<void> => {
    const first = nextIndex;
    nextIndex += count;
    await runPool(count, mode.concurrency, async (offset) => {
      lastUsage = await send(first + offset);
    });
  };
  return {
    warmUp: runBatch,
    /** Times one run of `count` requests; keeps its requests per second. */
    async timeRun(count: number): Promise<void> {
      const start = performance.now();
      await runBatch(count);
      samples.push((count * 1000) / (performance.now() - start));
    },
    samples,
    lastUsage: () => lastUsage,
  };
}

/**
 * Measures how many Messages requests per second the in-process simulator
 * answers with zero latency, for each mode: through the official SDK or a
 * bare `fetch`, one at a time or several in flight. Each mode has a simulator
 * of its own (so invoices and rate-limit buckets do not carry over); the timed
 * runs rotate through the modes, so drift (GC, JIT, a noisy neighbour) falls
 * on all of them alike.
 *
 * @example
 * ```ts
 * const [sdk] = await measureRequestThroughput({ modes: [{ client: 'sdk', concurrency: 1 }], requests: 2_000, warmupRequests: 500, repeats: 3, systemPrompt });
 * sdk?.requestsPerSecond;
 * ```
 */
export async function measureRequestThroughput(
  options: ThroughputOptions,
): Promise<ThroughputResult[]> {
  const { modes, requests, warmupRequests, repeats, systemPrompt } = options;
  const runners = modes.map((mode) => createRunner(mode, systemPrompt));
  for (const runner of runners) await runner.warmUp(warmupRequests);
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    for (let step = 0; step < runners.length; step += 1) {
      await runners[(step + repeat) % runners.length]?.timeRun(requests);
    }
  }

  return modes.map((mode, which) => {
    const runner = runners[which];
    const usage = runner?.lastUsage();
    if (runner === undefined || usage === undefined) throw new Error('no request was timed');
    const cacheReadTokens = usage.cache_read_input_tokens ?? 0;
    return {
      client: mode.client,
      concurrency: mode.concurrency,
      requests,
      repeats,
      requestsPerSecond: median(runner.samples),
      meanMicrosecondsPerRequest: median(runner.samples.map((perSecond) => 1_000_000 / perSecond)),
      samplesRequestsPerSecond: runner.samples,
      promptTokens: usage.input_tokens + cacheReadTokens + (usage.cache_creation_input_tokens ?? 0),
      cacheReadTokens,
    };
  });
}
