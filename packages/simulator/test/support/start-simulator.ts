import Anthropic, { type ClientOptions } from '@anthropic-ai/sdk';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/index';

/** A simulator listening on 127.0.0.1 and an SDK client pointed at it. */
export interface StartedSimulator {
  readonly simulator: Simulator;
  /** The server's base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** An SDK client with the API key `test-key` and no retries. */
  readonly client: Anthropic;
  /** Another client of the same server, e.g. with a different API key or retries. */
  readonly createClient: (options?: ClientOptions) => Anthropic;
}

// Every simulator a test file starts, so that one afterEach closes them all.
const running: Simulator[] = [];

/**
 * Starts a simulator over real HTTP on 127.0.0.1 and a client for it. The
 * client never retries unless a test asks it to: tests count every request.
 */
export async function startSimulator(
  options: SimulatorOptions = {},
  clientOptions: ClientOptions = {},
): Promise<StartedSimulator> {
  const simulator = createSimulator(options);
  running.push(simulator);
  const { url } = await simulator.listen();
  const createClient = (overrides: ClientOptions = {}): Anthropic =>
    new Anthropic({
      apiKey: 'test-key',
      baseURL: url,
      maxRetries: 0,
      ...clientOptions,
      ...overrides,
    });
  return { simulator, url, client: createClient(), createClient };
}

/** Closes every simulator started so far; call it from afterEach. */
export async function closeSimulators(): Promise<void> {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
}
