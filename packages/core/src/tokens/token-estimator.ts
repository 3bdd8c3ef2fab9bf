import { InvalidArgumentError } from '../errors/invalid-argument-error';

/**
 * Options of {@link createTokenEstimator}.
 *
 * @example
 * ```ts
 * const options: TokenEstimatorOptions = { smoothing: 0.1, minimumMargin: 0.15 };
 * ```
 */
export interface TokenEstimatorOptions {
  /**
   * Weight of the newest observation in the exponentially weighted means, in
   * (0, 1]. Higher follows change faster; lower averages out noise; 1 keeps
   * only the last observation.
   * @default 0.2
   */
  readonly smoothing?: number;
  /**
   * Tokens per UTF-8 byte assumed for a model before its first observation,
   * in (0, 1]: above 1 would exceed the byte bound.
   * @default 0.3
   */
  readonly priorTokensPerByte?: number;
  /**
   * The smallest default margin, as a fraction of the expected tokens (0.1 is
   * 10%), used while a model's observed error is smaller or not yet known.
   * @default 0.1
   */
  readonly minimumMargin?: number;
}

/**
 * Options of {@link TokenEstimator.estimate}.
 *
 * @example
 * ```ts
 * estimator.estimate('claude-sonnet-4-5', bytes, { margin: 0 }); // the bare expectation
 * ```
 */
export interface TokenEstimateOptions {
  /**
   * Safety margin as a fraction of the expected tokens, at least 0.
   * @default twice the model's mean absolute relative error, at least `minimumMargin`
   */
  readonly margin?: number;
}

/**
 * What a {@link TokenEstimator} has learned about one model, and how wrong it
 * has been.
 *
 * @example
 * ```ts
 * const [first]: readonly TokenEstimateReport[] = estimator.report();
 * console.log(first?.model, first?.meanAbsoluteRelativeError);
 * ```
 */
export interface TokenEstimateReport {
  /** The model id, as passed to `observe`. */
  readonly model: string;
  /** Observations of this model that had at least one byte. */
  readonly observations: number;
  /** The learned tokens per UTF-8 byte: an exponentially weighted mean. */
  readonly tokensPerByte: number;
  /**
   * Exponentially weighted mean of `|predicted - actual| / actual` (`actual`
   * taken as at least 1), where `predicted` is what `estimate` with no margin
   * returned just before each observation was learned. The first observation
   * has no prediction before it and does not count; 0 until the second.
   */
  readonly meanAbsoluteRelativeError: number;
}

/**
 * Estimates a prompt's tokens from its UTF-8 bytes, per model, learning each
 * model's tokens-per-byte from real token counts.
 *
 * @example
 * ```ts
 * const estimator = createTokenEstimator();
 * estimator.observe('claude-sonnet-4-5', utf8ByteLength(prompt), usage.input);
 * estimator.estimate('claude-sonnet-4-5', utf8ByteLength(nextPrompt));
 * ```
 */
export interface TokenEstimator {
  /**
   * Learns from one prompt: its UTF-8 byte count and the tokens the provider
   * reported for it. Both must be non-negative safe integers; an observation
   * with 0 bytes carries no ratio and is ignored. Pass the text's own tokens
   * where you can: provider framing counted in them inflates small prompts.
   */
  observe(model: string, bytes: number, actualTokens: number): void;
  /**
   * The tokens a prompt of `bytes` UTF-8 bytes is expected to take, with a
   * safety margin: `ceil(ceil(bytes × tokensPerByte) × (1 + margin))`, never
   * more than `bytes` (the byte bound) and never negative.
   */
  estimate(model: string, bytes: number, options?: TokenEstimateOptions): number;
  /** One entry per observed model, sorted by model id. */
  report(): readonly TokenEstimateReport[];
}

interface ModelState {
  observations: number;
  tokensPerByte: number;
  errorSamples: number;
  meanAbsoluteRelativeError: number;
}

/**
 * Creates a {@link TokenEstimator}: core ships no tokenizer, so the budget
 * governor sizes prompts by their bytes and learns, per model, what a byte
 * costs. Before a model's first observation it assumes `priorTokensPerByte`.
 *
 * @example
 * ```ts
 * const estimator = createTokenEstimator({ smoothing: 0.2 });
 * for (let call = 0; call < 10; call += 1) estimator.observe('claude-haiku-4-5', 4000, 1000);
 * estimator.estimate('claude-haiku-4-5', 1000, { margin: 0 }); // 250
 * estimator.estimate('claude-haiku-4-5', 1000); // 275: the minimum 10% margin
 * ```
 */
export function createTokenEstimator(options: TokenEstimatorOptions = {}): TokenEstimator {
  const smoothing = checkFraction(options.smoothing ?? 0.2, 'smoothing');
  const priorTokensPerByte = checkFraction(options.priorTokensPerByte ?? 0.3, 'priorTokensPerByte');
  const minimumMargin = checkMargin(options.minimumMargin ?? 0.1, 'minimumMargin');
  const models = new Map<string, ModelState>();

  function observe(model: string, bytes: number, actualTokens: number): void {
    checkCount(bytes, 'bytes', 'bytes');
    checkCount(actualTokens, 'actualTokens', 'tokens');
    if (bytes === 0) return;
    const observed = actualTokens / bytes;
    const state = models.get(model);
    if (state === undefined) {
      // Start from the first real ratio rather than blending it with the prior:
      // one measurement beats a guess.
      models.set(model, {
        observations: 1,
        tokensPerByte: observed,
        errorSamples: 0,
        meanAbsoluteRelativeError: 0,
      });
      return;
    }
    // Score the prediction made before this observation is learned, so the
    // error is the one a caller of estimate() would actually have suffered.
    const predicted = expectedTokens(bytes, state.tokensPerByte);
    const error = Math.abs(predicted - actualTokens) / Math.max(actualTokens, 1);
    state.meanAbsoluteRelativeError =
      state.errorSamples === 0
        ? error
        : state.meanAbsoluteRelativeError + smoothing * (error - state.meanAbsoluteRelativeError);
    state.errorSamples += 1;
    state.tokensPerByte += smoothing * (observed - state.tokensPerByte);
    state.observations += 1;
  }

  function estimate(
    model: string,
    bytes: number,
    estimateOptions: TokenEstimateOptions = {},
  ): number {
    checkCount(bytes, 'bytes', 'bytes');
    const state = models.get(model);
    const margin =
      estimateOptions.margin === undefined
        ? Math.max(minimumMargin, 2 * (state?.meanAbsoluteRelativeError ?? 0))
        : checkMargin(estimateOptions.margin, 'margin');
    const expected = expectedTokens(bytes, state?.tokensPerByte ?? priorTokensPerByte);
    return Math.min(bytes, ceilTolerant(expected * (1 + margin)));
  }

  function report(): readonly TokenEstimateReport[] {
    return [...models.entries()]
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
      .map(([model, state]) => ({
        model,
        observations: state.observations,
        tokensPerByte: state.tokensPerByte,
        meanAbsoluteRelativeError: state.meanAbsoluteRelativeError,
      }));
  }

  return { observe, estimate, report };
}

/** The margin-free expectation, capped by the byte bound. */
function expectedTokens(bytes: number, tokensPerByte: number): number {
  return Math.min(bytes, ceilTolerant(bytes * tokensPerByte));
}

/**
 * `Math.ceil` that ignores float noise in the last bits: 0.7 × 10 is
 * 7.000000000000001 in binary floating point, and must be 7 tokens, not 8.
 */
function ceilTolerant(value: number): number {
  return Math.ceil(value - value * 1e-12);
}

function checkCount(value: unknown, argument: string, unit: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: `expected a non-negative whole number of ${unit}`,
    });
  }
}

function checkFraction(value: unknown, argument: string): number {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: 'expected a number greater than 0 and at most 1',
    });
  }
  return value;
}

function checkMargin(value: unknown, argument: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: 'expected a finite number of at least 0 (a fraction: 0.1 is 10%)',
    });
  }
  return value;
}
