/**
 * Places round markers of one size along a line so that none overlaps
 * another: each wants its center at its given position; markers that would
 * touch are gathered into a cluster centered on the mean of their wishes,
 * `gap` apart, and clusters are kept within `[low, high]`. When more markers
 * than fit in one row are given, they go on as many rows as needed, taken in
 * order of position. Returns, for each marker in the order given, its center
 * and row (0 is the row nearest the plot).
 *
 * @example
 * ```ts
 * layoutMarkers([100, 100, 100, 400], { gap: 24, low: 0, high: 960 });
 * // [{ center: 76, row: 0 }, { center: 100, row: 0 }, { center: 124, row: 0 }, { center: 400, row: 0 }]
 * ```
 */
export function layoutMarkers(
  positions: readonly number[],
  bounds: { readonly gap: number; readonly low: number; readonly high: number },
): { readonly center: number; readonly row: number }[] {
  const { gap, low, high } = bounds;
  const order = positions
    .map((position, index) => ({ position: Number.isFinite(position) ? position : low, index }))
    .sort((left, right) => left.position - right.position || left.index - right.index);
  const rows = markerRowCount(order.length, bounds);
  const placed: { center: number; row: number }[] = positions.map(() => ({ center: low, row: 0 }));
  for (let row = 0; row < rows; row += 1) {
    // Every `rows`-th marker by position, so each row spans the whole axis.
    const members = order.filter((_, rank) => rank % rows === row);
    const centers = layoutRow(
      members.map((member) => member.position),
      gap,
      low,
      high,
    );
    members.forEach((member, rank) => {
      placed[member.index] = { center: centers[rank] ?? member.position, row };
    });
  }
  return placed;
}

/**
 * How many rows {@link layoutMarkers} puts `count` markers on: one, unless
 * more than fit `gap` apart between `low` and `high`.
 *
 * @example
 * ```ts
 * markerRowCount(50, { gap: 24, low: 0, high: 960 }); // 2
 * ```
 */
export function markerRowCount(
  count: number,
  bounds: { readonly gap: number; readonly low: number; readonly high: number },
): number {
  const perRow = Math.max(1, Math.floor((bounds.high - bounds.low) / bounds.gap) + 1);
  return Math.max(1, Math.ceil(count / perRow));
}

/** One row: positions sorted ascending, at most as many as fit. */
function layoutRow(wishes: readonly number[], gap: number, low: number, high: number): number[] {
  interface Cluster {
    first: number;
    size: number;
    sum: number;
    start: number;
  }
  const clusters: Cluster[] = [];
  wishes.forEach((wish, index) => {
    clusters.push({ first: index, size: 1, sum: wish, start: wish });
    // Merge backwards while the newest cluster overlaps the one before it.
    for (;;) {
      const last = clusters.at(-1);
      const before = clusters.at(-2);
      if (last === undefined) break;
      last.start = clamp(
        last.sum / last.size - ((last.size - 1) * gap) / 2,
        low,
        high - (last.size - 1) * gap,
      );
      if (before === undefined || before.start + before.size * gap <= last.start) break;
      clusters.pop();
      before.size += last.size;
      before.sum += last.sum;
    }
  });
  return clusters.flatMap((cluster) =>
    Array.from({ length: cluster.size }, (_, index) => cluster.start + index * gap),
  );
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}
