/** The simulator's timing of one response. */
export interface LatencyModel {
  /** Milliseconds from the request's start to its first token. */
  timeToFirstToken(tokens: { uncached: number; cached: number }): number;
  /** Milliseconds to stream `outputTokens` once the first token is out. */
  outputDuration(outputTokens: number, model: string): number;
}

/** Options of {@link createLatencyModel}. */
export interface LatencyOptions {
  /**
   * `realistic` follows the figures below; `zero` makes every response
   * instant (for overhead benchmarks).
   * @default 'realistic'
   */
  readonly mode?: 'realistic' | 'zero';
  /** Fixed part of time to first token. @default 500 */
  readonly baseMs?: number;
  /** Per uncached prompt token (input and cache writes). @default 0.1343 */
  readonly uncachedMsPerToken?: number;
  /** Per cached prompt token read. @default 0.0095 */
  readonly cachedMsPerToken?: number;
  /** Output tokens per second, by model id; others use `defaultOutputTokensPerSecond`. */
  readonly outputTokensPerSecond?: Readonly<Record<string, number>>;
  /** @default 50 */
  readonly defaultOutputTokensPerSecond?: number;
}

/**
 * Latency from real measurements (the Anthropic cookbook's speculative caching
 * run, in ../shared/realdata): a 151,651-token prompt took 20.87 s to first
 * token cold and 1.94 s warm (151,629 tokens read from cache), and streamed
 * 330-362 output tokens at about 50 a second. With a 500 ms base, those two
 * points give 0.1343 ms per uncached token and 0.0095 ms per cached one.
 *
 * @example
 * ```ts
 * const latency = createLatencyModel();
 * latency.timeToFirstToken({ uncached: 151_651, cached: 0 }); // ≈ 20,866 ms
 * ```
 */
export function createLatencyModel(options: LatencyOptions = {}): LatencyModel {
  if (options.mode === 'zero') {
    return { timeToFirstToken: () => 0, outputDuration: () => 0 };
  }
  const baseMs = options.baseMs ?? 500;
  const uncachedMsPerToken = options.uncachedMsPerToken ?? 0.1343;
  const cachedMsPerToken = options.cachedMsPerToken ?? 0.0095;
  const defaultRate = options.defaultOutputTokensPerSecond ?? 50;
  return {
    timeToFirstToken: ({ uncached, cached }) =>
      Math.round(baseMs + uncached * uncachedMsPerToken + cached * cachedMsPerToken),
    outputDuration: (outputTokens, model) =>
      Math.round((outputTokens * 1000) / (options.outputTokensPerSecond?.[model] ?? defaultRate)),
  };
}
