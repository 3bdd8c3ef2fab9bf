import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { createTokenEstimator, type TokenEstimatorOptions } from './token-estimator';

function caught(action: () => unknown): InvalidArgumentError {
  try {
    action();
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidArgumentError, but nothing was thrown');
}

describe('createTokenEstimator: learning', () => {
  it('learns a constant ratio exactly', () => {
    const estimator = createTokenEstimator();
    for (let call = 0; call < 10; call += 1)
      estimator.observe('m', 4000 + 40 * call, 1000 + 10 * call);
    expect(estimator.estimate('m', 1000, { margin: 0 })).toBe(250);
    expect(estimator.report()).toEqual([
      { model: 'm', observations: 10, tokensPerByte: 0.25, meanAbsoluteRelativeError: 0 },
    ]);
  });

  it('applies the minimum margin while the observed error is small', () => {
    const estimator = createTokenEstimator();
    for (let call = 0; call < 10; call += 1) estimator.observe('m', 4000, 1000);
    expect(estimator.estimate('m', 1000)).toBe(275);
    expect(createTokenEstimator({ minimumMargin: 0.5 }).estimate('unseen', 1000)).toBe(450);
  });

  it('uses the prior before the first observation of a model', () => {
    const estimator = createTokenEstimator();
    expect(estimator.estimate('unseen', 1000, { margin: 0 })).toBe(300);
    expect(estimator.estimate('unseen', 1000)).toBe(330);
    const custom = createTokenEstimator({ priorTokensPerByte: 0.5 });
    expect(custom.estimate('unseen', 1000, { margin: 0 })).toBe(500);
  });

  it('avoids float noise in the rounding', () => {
    // 0.7 × 10 is 7.000000000000001 in floating point.
    const estimator = createTokenEstimator();
    estimator.observe('m', 10, 7);
    expect(estimator.estimate('m', 10, { margin: 0 })).toBe(7);
  });

  it('follows a change of ratio at the pace set by smoothing', () => {
    const slow = createTokenEstimator({ smoothing: 0.1 });
    const fast = createTokenEstimator({ smoothing: 1 });
    for (const estimator of [slow, fast]) {
      estimator.observe('m', 1000, 200);
      estimator.observe('m', 1000, 400);
    }
    expect(slow.estimate('m', 1000, { margin: 0 })).toBe(220);
    expect(fast.estimate('m', 1000, { margin: 0 })).toBe(400);
  });

  it('ignores observations of zero bytes', () => {
    const estimator = createTokenEstimator();
    estimator.observe('m', 0, 12);
    expect(estimator.report()).toEqual([]);
    expect(estimator.estimate('m', 0)).toBe(0);
  });

  it('keeps models apart', () => {
    const estimator = createTokenEstimator();
    for (let call = 0; call < 5; call += 1) {
      estimator.observe('a', 1000, 250);
      estimator.observe('b', 1000, 500);
      estimator.observe('b', 1000, 300);
    }
    expect(estimator.estimate('a', 1000, { margin: 0 })).toBe(250);
    expect(estimator.estimate('b', 1000, { margin: 0 })).toBeGreaterThan(300);
    expect(estimator.estimate('c', 1000, { margin: 0 })).toBe(300);
    expect(estimator.estimate('a', 1000)).toBe(275);
    const [a, b] = estimator.report();
    expect(a?.meanAbsoluteRelativeError).toBe(0);
    expect(b?.meanAbsoluteRelativeError).toBeGreaterThan(0);
  });
});

describe('createTokenEstimator: margin', () => {
  it('widens with noisy observations', () => {
    const regular = createTokenEstimator();
    const noisy = createTokenEstimator();
    for (let call = 0; call < 20; call += 1) {
      regular.observe('m', 1000, 300);
      noisy.observe('m', 1000, call % 2 === 0 ? 200 : 400);
    }
    const noisyExpected = noisy.estimate('m', 1000, { margin: 0 });
    const noisyDefault = noisy.estimate('m', 1000);
    // The noisy model's error (about 0.3) doubled beats the 10% minimum.
    expect(noisyDefault).toBeGreaterThan(Math.ceil(noisyExpected * 1.1));
    expect(noisyDefault).toBeGreaterThan(regular.estimate('m', 1000));
    expect(noisyDefault).toBeLessThanOrEqual(1000);
  });

  it('never exceeds the byte bound, even when the learned ratio does', () => {
    const estimator = createTokenEstimator();
    // Provider framing counted in a tiny prompt: more tokens than bytes.
    estimator.observe('m', 10, 40);
    expect(estimator.estimate('m', 10)).toBe(10);
    expect(estimator.estimate('m', 500, { margin: 1e300 })).toBe(500);
  });

  it('stays an integer between 0 and the bytes whatever was observed', () => {
    const observation = fc.tuple(
      fc.constantFrom('a', 'b'),
      fc.nat({ max: 1_000_000 }),
      fc.nat({ max: 2_000_000 }),
    );
    fc.assert(
      fc.property(
        fc.array(observation, { maxLength: 30 }),
        fc.nat({ max: 10_000_000 }),
        fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
        (observations, bytes, margin) => {
          const estimator = createTokenEstimator();
          for (const [model, observedBytes, tokens] of observations) {
            estimator.observe(model, observedBytes, tokens);
          }
          for (const model of ['a', 'b', 'c']) {
            const estimate = estimator.estimate(
              model,
              bytes,
              margin === undefined ? {} : { margin },
            );
            expect(Number.isSafeInteger(estimate)).toBe(true);
            expect(estimate).toBeGreaterThanOrEqual(0);
            expect(estimate).toBeLessThanOrEqual(bytes);
          }
        },
      ),
    );
  });
});

describe('createTokenEstimator: report', () => {
  it('computes the error of the prediction before each observation, by hand', () => {
    const estimator = createTokenEstimator(); // smoothing 0.2
    // 1st: no prediction before it; the ratio starts at 20 / 100 = 0.2.
    estimator.observe('m', 100, 20);
    expect(estimator.report()[0]?.meanAbsoluteRelativeError).toBe(0);
    // 2nd: predicted ceil(100 × 0.2) = 20, actual 40: error |20 - 40| / 40 = 0.5,
    // the first error sample, so the mean is 0.5. Ratio 0.2 + 0.2 × (0.4 - 0.2) = 0.24.
    estimator.observe('m', 100, 40);
    // 3rd: predicted ceil(200 × 0.24) = 48, actual 50: error 2 / 50 = 0.04.
    // Mean 0.5 + 0.2 × (0.04 - 0.5) = 0.408. Ratio 0.24 + 0.2 × (0.25 - 0.24) = 0.242.
    estimator.observe('m', 200, 50);
    const [entry] = estimator.report();
    expect(entry?.model).toBe('m');
    expect(entry?.observations).toBe(3);
    expect(entry?.tokensPerByte).toBeCloseTo(0.242, 12);
    expect(entry?.meanAbsoluteRelativeError).toBeCloseTo(0.408, 12);
    // Default margin 2 × 0.408: ceil(242 × 1.816) = ceil(439.472) = 440.
    expect(estimator.estimate('m', 1000)).toBe(440);
  });

  it('computes the same case with smoothing 0.5', () => {
    const estimator = createTokenEstimator({ smoothing: 0.5 });
    estimator.observe('m', 100, 20); // ratio 0.2
    estimator.observe('m', 100, 40); // predicted 20: error 0.5; ratio 0.3
    estimator.observe('m', 200, 50); // predicted 60: error 0.2; mean 0.35; ratio 0.275
    expect(estimator.report()).toEqual([
      {
        model: 'm',
        observations: 3,
        tokensPerByte: expect.closeTo(0.275, 12) as number,
        meanAbsoluteRelativeError: expect.closeTo(0.35, 12) as number,
      },
    ]);
  });

  it('counts an actual of zero tokens as one, so the error stays finite', () => {
    const estimator = createTokenEstimator();
    estimator.observe('m', 100, 20);
    estimator.observe('m', 100, 0); // predicted 20: error 20 / 1
    expect(estimator.report()[0]?.meanAbsoluteRelativeError).toBe(20);
    expect(estimator.estimate('m', 100)).toBe(100);
  });

  it('lists models sorted by id', () => {
    const estimator = createTokenEstimator();
    for (const model of ['b', 'c', 'a', 'b']) estimator.observe(model, 100, 25);
    expect(estimator.report().map((entry) => [entry.model, entry.observations])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 1],
    ]);
  });

  it('returns a snapshot that later observations do not change', () => {
    const estimator = createTokenEstimator();
    estimator.observe('m', 100, 25);
    const before = estimator.report();
    estimator.observe('m', 100, 50);
    expect(before[0]?.observations).toBe(1);
    expect(estimator.report()[0]?.observations).toBe(2);
  });
});

describe('createTokenEstimator: bad input', () => {
  it.each([
    [{ smoothing: 0 }, 'smoothing', '0'],
    [{ smoothing: 1.5 }, 'smoothing', '1.5'],
    [{ smoothing: Number.NaN }, 'smoothing', 'NaN'],
    [{ priorTokensPerByte: 0 }, 'priorTokensPerByte', '0'],
    [{ priorTokensPerByte: 2 }, 'priorTokensPerByte', '2'],
    [{ minimumMargin: -0.1 }, 'minimumMargin', '-0.1'],
    [{ minimumMargin: Number.POSITIVE_INFINITY }, 'minimumMargin', 'Infinity'],
  ] satisfies [TokenEstimatorOptions, string, string][])(
    'refuses options %j, naming %s and the value',
    (options, argument, shown) => {
      const error = caught(() => createTokenEstimator(options));
      expect(error.argument).toBe(argument);
      expect(error.message).toContain(`Invalid ${argument}`);
      expect(error.message).toContain(`received ${shown})`);
    },
  );

  it('refuses a string option', () => {
    const error = caught(() => createTokenEstimator({ smoothing: '0.2' as unknown as number }));
    expect(error.argument).toBe('smoothing');
    expect(error.value).toBe('0.2');
  });

  it.each([
    [-1, 10, 'bytes', -1],
    [1.5, 10, 'bytes', 1.5],
    [Number.NaN, 10, 'bytes', Number.NaN],
    [10, -3, 'actualTokens', -3],
    [10, 2.5, 'actualTokens', 2.5],
    [10, Number.MAX_SAFE_INTEGER + 1, 'actualTokens', Number.MAX_SAFE_INTEGER + 1],
  ])('observe refuses bytes %s and tokens %s, naming %s', (bytes, tokens, argument, value) => {
    const estimator = createTokenEstimator();
    const error = caught(() => {
      estimator.observe('m', bytes, tokens);
    });
    expect(error.argument).toBe(argument);
    expect(error.value).toBe(value);
    expect(error.message).toContain(`received ${String(value)})`);
    expect(estimator.report()).toEqual([]);
  });

  it('estimate refuses bad bytes and margins, naming them', () => {
    const estimator = createTokenEstimator();
    expect(caught(() => estimator.estimate('m', -5)).argument).toBe('bytes');
    for (const margin of [-0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = caught(() => estimator.estimate('m', 100, { margin }));
      expect(error.argument).toBe('margin');
      expect(error.message).toContain(`received ${String(margin)})`);
    }
  });
});
