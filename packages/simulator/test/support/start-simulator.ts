import Anthropic, { type ClientOptions } from '@anthropic-ai/sdk';
import { createUsage, type Usage } from '@bursar/core/pricing';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/index';

/** A simulator listening on 127.0.0.1 and an SDK client pointed at it. */
export interface StartedSimulator {
  readonly simulator: Simulator;
  /** The server's base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** An SDK client with the API key `test-key` and no retries. */
  readonly client: Anthropic;
  /** Another client of the same server, e.g. with a different API key. */
  createClient(options?: ClientOptions): Anthropic;
}

// Every simulator a test file starts, so one afterEach can close them all.
const running: Simulator[] = [];

/**
 * Starts a simulator over real HTTP on 127.0.0.1 and a client for it. The SDK
 * never retries unless a test asks for it: the tests count every request.
 */
export async function startSimulator(
  options: SimulatorOptions = {},
  clientOptions: ClientOptions = {},
): Promise<StartedSimulator> {
  const simulator = createSimulator(options);
  running.push(simulator);
  const { url } = await simulator.listen();
  const createClient = (overrides: ClientOptions = {}): Anthropic =>
    new Anthropic({ apiKey: 'test-key', baseURL: url, maxRetries: 0, ...clientOptions, ...overrides });
  return { simulator, url, client: createClient(), createClient };
}

/** Closes every simulator started so far; call it from afterEach. */
export async function closeSimulators(): Promise<void> {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
}

/**
 * Text of `sentences` distinct sentences: the index and a rotating vocabulary
 * keep the words varied, as a real system prompt's are. `tag` makes two texts
 * of the same length differ.
 */
export function longText(tag: string, sentences: number): string {
  const nouns = ['ledger', 'invoice', 'budget', 'agent', 'queue', 'report', 'contract', 'meter'];
  const verbs = ['records', 'checks', 'reconciles', 'audits', 'summarises', 'forwards'];
  const lines: string[] = [];
  for (let index = 0; index < sentences; index += 1) {
    const noun = nouns[index % nouns.length] ?? 'ledger';
    const verb = verbs[index % verbs.length] ?? 'records';
    lines.push(`Rule ${tag}-${index}: the ${noun} ${verb} item ${index * 7 + 3} before noon.`);
  }
  return lines.join(' ');
}

/** The API's `usage` object as far as billing reads it. */
export interface WireUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_input_tokens: number | null;
  readonly cache_read_input_tokens: number | null;
  readonly cache_creation?: {
    readonly ephemeral_5m_input_tokens: number;
    readonly ephemeral_1h_input_tokens: number;
  } | null;
}

/** A response's usage as `@bursar/core/pricing` bills it. */
export function usageFromWire(usage: WireUsage): Usage {
  return createUsage({
    input: usage.input_tokens,
    cacheWrite5m: usage.cache_creation?.ephemeral_5m_input_tokens ?? 0,
    cacheWrite1h: usage.cache_creation?.ephemeral_1h_input_tokens ?? 0,
    cacheRead: usage.cache_read_input_tokens ?? 0,
    output: usage.output_tokens,
  });
}

/** The whole prompt of a response: what count_tokens returns for the same content. */
export function promptTotal(usage: WireUsage): number {
  return (
    usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0)
  );
}
