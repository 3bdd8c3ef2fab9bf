import { describe, expect, it } from 'vitest';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason';

describe('mapAnthropicStopReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['tool_use', 'tool-calls'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['refusal', 'content-filter'],
    ['pause_turn', 'other'],
    ['a_reason_from_2027', 'other'],
  ])('maps %s to %s and keeps the raw reason', (raw, unified) => {
    expect(mapAnthropicStopReason(raw)).toEqual({ unified, raw });
  });

  it('maps no reason to other with raw null', () => {
    expect(mapAnthropicStopReason(null)).toEqual({ unified: 'other', raw: null });
    expect(mapAnthropicStopReason(undefined)).toEqual({ unified: 'other', raw: null });
  });
});
