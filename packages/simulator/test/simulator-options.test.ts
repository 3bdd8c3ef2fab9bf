import { InvalidArgumentError } from '@bursar/core/pricing';
import { describe, expect, it } from 'vitest';
import { createSimulator, createVirtualClock, type SimulatorOptions } from '../src/index';
import { workloadInput } from './support/rivers-workload';

/** The error createSimulator throws for `options`, which must be an InvalidArgumentError. */
function refusal(options: unknown): InvalidArgumentError {
  try {
    createSimulator(options as SimulatorOptions);
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`createSimulator accepted ${JSON.stringify(options)}`);
}

const halfClock = { now: () => 0 };

describe('createSimulator checks every option before it starts', () => {
  it("refuses latency.mode 'slow', naming the option and the value", () => {
    const error = refusal({ latency: { mode: 'slow' } });
    expect(error.argument).toBe('latency.mode');
    expect(error.value).toBe('slow');
    expect(error.message).toBe(
      "Invalid latency.mode: expected 'realistic' or 'zero' (received \"slow\").",
    );
  });

  it('refuses an unknown option with the list of known ones', () => {
    const error = refusal({ latancy: { mode: 'zero' } });
    expect(error.argument).toBe('latancy');
    expect(error.message).toContain(
      'unknown option latancy; known options: seed, clock, autoAdvance, concurrencyWindowMs, latency, faults, rateLimits, priceTable, batchProcessingMs, responder, batchFaults, workloads',
    );
    const nested = refusal({ rateLimits: { requestPerMinute: 5 } });
    expect(nested.argument).toBe('rateLimits.requestPerMinute');
    expect(nested.message).toContain(
      'known options of rateLimits: requestsPerMinute, inputTokensPerMinute, outputTokensPerMinute',
    );
  });

  it.each([
    [{ seed: null }, 'seed', null],
    [{ clock: 'wall' }, 'clock', 'wall'],
    [{ clock: halfClock }, 'clock', halfClock],
    [{ autoAdvance: 'yes' }, 'autoAdvance', 'yes'],
    [{ latency: { baseMs: -1 } }, 'latency.baseMs', -1],
    [
      { latency: { outputTokensPerSecond: { 'claude-x': 0 } } },
      'latency.outputTokensPerSecond["claude-x"]',
      0,
    ],
    [{ faults: { rate: 1.5 } }, 'faults.rate', 1.5],
    [{ faults: { kinds: ['meteor'] } }, 'faults.kinds[0]', 'meteor'],
    [{ faults: { retryAfterSeconds: 1.5 } }, 'faults.retryAfterSeconds', 1.5],
    [{ rateLimits: { requestsPerMinute: 0 } }, 'rateLimits.requestsPerMinute', 0],
    [{ priceTable: {} }, 'priceTable', {}],
    [{ batchProcessingMs: Number.NaN }, 'batchProcessingMs', Number.NaN],
    [
      { batchProcessingMs: Number.POSITIVE_INFINITY },
      'batchProcessingMs',
      Number.POSITIVE_INFINITY,
    ],
    [{ responder: 'generic' }, 'responder', 'generic'],
    [{ batchFaults: { erroredRate: 2 } }, 'batchFaults.erroredRate', 2],
    [{ workloads: { id: 'rivers' } }, 'workloads', { id: 'rivers' }],
    [{ workloads: [{ ...workloadInput, tasks: 'none' }] }, 'workloads[0].tasks', 'none'],
  ])('refuses %j at %s', (options, argument, value) => {
    const error = refusal(options);
    expect(error.argument).toBe(argument);
    expect(error.value).toEqual(value);
    expect(error.message).toMatch(new RegExp(`^Invalid ${argument.replace(/[[\]".]/g, '\\$&')}: `));
  });

  it('refuses options that are not an object', () => {
    expect(refusal(null).argument).toBe('options');
    expect(refusal('zero').argument).toBe('options');
  });

  it('accepts every documented option', () => {
    const simulator = createSimulator({
      seed: 7,
      clock: createVirtualClock(),
      autoAdvance: false,
      latency: {
        mode: 'realistic',
        baseMs: 400,
        uncachedMsPerToken: 0.1,
        cachedMsPerToken: 0.01,
        outputTokensPerSecond: { 'claude-sonnet-4-6': 60 },
        defaultOutputTokensPerSecond: 50,
      },
      faults: {
        rate: 0.1,
        kinds: ['overloaded'],
        retryAfterSeconds: 1,
        next: ['api_error'],
        seed: 's',
      },
      rateLimits: { requestsPerMinute: 50, inputTokensPerMinute: 1e6, outputTokensPerMinute: 1e5 },
      batchProcessingMs: 1_000,
      responder: () => undefined,
      batchFaults: { erroredRate: 0.1, expiredRate: 0.1 },
      workloads: [workloadInput],
    });
    expect(simulator.clock.now()).toBe(0);
  });

  it('checks configureFaults the same way, changing nothing on a refusal', () => {
    const simulator = createSimulator();
    expect(() => {
      simulator.configureFaults({ rate: 0.5, kinds: ['meteor' as 'api_error'] });
    }).toThrow('Invalid kinds[0]: expected a fault kind');
    expect(simulator.engine.faults.describe()).toMatchObject({ rate: 0 });
    expect(() => {
      simulator.configureFaults({ batch: { expiredRate: -1 } });
    }).toThrow(InvalidArgumentError);
  });
});
