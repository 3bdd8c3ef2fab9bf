import { describe, expect, it } from 'vitest';
import { fromAnthropicUsage } from './from-anthropic-usage';

const base = {
  input_tokens: 120,
  output_tokens: 400,
  cache_creation_input_tokens: 3000,
  cache_read_input_tokens: 25_000,
  service_tier: 'standard',
  speed: null,
  inference_geo: null,
};

describe('fromAnthropicUsage', () => {
  it('uses the cache_creation split', () => {
    const { usage } = fromAnthropicUsage({
      ...base,
      cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 },
    });
    expect(usage).toEqual({
      input: 120,
      cacheWrite5m: 1000,
      cacheWrite1h: 2000,
      cacheRead: 25_000,
      output: 400,
    });
  });

  it('takes writes as 5m when the split is null', () => {
    const { usage } = fromAnthropicUsage({ ...base, cache_creation: null });
    expect(usage.cacheWrite5m).toBe(3000);
    expect(usage.cacheWrite1h).toBe(0);
  });

  it('keeps written tokens the split leaves out, as 5m', () => {
    const { usage } = fromAnthropicUsage({
      ...base,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 1000 },
    });
    expect(usage.cacheWrite5m + usage.cacheWrite1h).toBe(3000);
  });

  it('treats null cache fields as zero', () => {
    const { usage } = fromAnthropicUsage({
      input_tokens: 7,
      output_tokens: 3,
      cache_creation_input_tokens: null,
      cache_read_input_tokens: null,
      cache_creation: null,
    });
    expect(usage).toEqual({ input: 7, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, output: 3 });
  });

  it('adds compaction iterations, which the top-level fields leave out, and reports them apart', () => {
    const result = fromAnthropicUsage({
      ...base,
      cache_creation: null,
      iterations: [
        {
          type: 'compaction',
          input_tokens: 180_000,
          output_tokens: 2500,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          cache_creation: null,
        },
        {
          type: 'message',
          input_tokens: 120,
          output_tokens: 400,
          cache_creation_input_tokens: 3000,
          cache_read_input_tokens: 25_000,
          cache_creation: null,
        },
      ],
    });
    expect(result.compaction).toEqual({
      input: 180_000,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      cacheRead: 0,
      output: 2500,
    });
    expect(result.usage).toEqual({
      input: 180_120,
      cacheWrite5m: 3000,
      cacheWrite1h: 0,
      cacheRead: 25_000,
      output: 2900,
    });
  });

  it('reads the billing facts: batch tier, fast speed, US geo', () => {
    expect(fromAnthropicUsage(base).billing).toEqual({
      lane: 'interactive',
      speed: 'standard',
      inferenceGeo: 'global',
    });
    expect(
      fromAnthropicUsage({ ...base, service_tier: 'batch', speed: 'fast', inference_geo: 'us' })
        .billing,
    ).toEqual({ lane: 'batch', speed: 'fast', inferenceGeo: 'us' });
  });

  it('names the bad field, also inside iterations', () => {
    expect(() => fromAnthropicUsage({ ...base, input_tokens: -3 })).toThrow(
      /usage\.input_tokens.*-3/,
    );
    expect(() =>
      fromAnthropicUsage({
        ...base,
        iterations: [{ type: 'compaction', input_tokens: 1, output_tokens: 0.5 }],
      }),
    ).toThrow(/usage\.iterations\[0\]\.output_tokens.*0\.5/);
    expect(() => fromAnthropicUsage(null as never)).toThrow(/Invalid usage/);
  });
});
