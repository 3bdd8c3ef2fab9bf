import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutMarkers } from './svg-marker-layout';

const bounds = { gap: 24, low: 0, high: 960 };

describe('layoutMarkers', () => {
  it('leaves markers that do not touch where they want to be', () => {
    expect(layoutMarkers([100, 400, 700], bounds)).toEqual([
      { center: 100, row: 0 },
      { center: 400, row: 0 },
      { center: 700, row: 0 },
    ]);
  });

  it('spreads markers at the same time side by side, centered on it', () => {
    expect(layoutMarkers([100, 100, 100, 400], bounds)).toEqual([
      { center: 76, row: 0 },
      { center: 100, row: 0 },
      { center: 124, row: 0 },
      { center: 400, row: 0 },
    ]);
  });

  it('keeps the markers in bounds and in the order of their positions', () => {
    const placed = layoutMarkers([960, 950, 0, 2], bounds);
    expect(placed.map((marker) => marker.center)).toEqual([960, 936, 0, 24]);
  });

  it('never overlaps two markers of a row, and keeps them within bounds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 1_000, noNaN: true }), { maxLength: 120 }),
        (positions) => {
          const placed = layoutMarkers(positions, bounds);
          expect(placed).toHaveLength(positions.length);
          const byRow = new Map<number, number[]>();
          for (const { center, row } of placed) {
            expect(center).toBeGreaterThanOrEqual(bounds.low - 1e-6);
            expect(center).toBeLessThanOrEqual(bounds.high + 1e-6);
            byRow.set(row, [...(byRow.get(row) ?? []), center]);
          }
          for (const centers of byRow.values()) {
            const sorted = [...centers].sort((left, right) => left - right);
            for (let index = 1; index < sorted.length; index += 1)
              expect((sorted[index] ?? 0) - (sorted[index - 1] ?? 0)).toBeGreaterThanOrEqual(
                bounds.gap - 1e-6,
              );
          }
        },
      ),
    );
  });

  it('uses a second row only when one cannot hold them all', () => {
    const many = Array.from({ length: 50 }, () => 480);
    const placed = layoutMarkers(many, bounds);
    expect(new Set(placed.map((marker) => marker.row))).toEqual(new Set([0, 1]));
    expect(
      layoutMarkers(
        Array.from({ length: 41 }, () => 480),
        bounds,
      ).every((m) => m.row === 0),
    ).toBe(true);
  });
});
