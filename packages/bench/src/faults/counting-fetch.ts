/** Faults a fetch saw, by what the client got back. */
export interface FaultCounts {
  requests: number;
  /** HTTP status of failed responses (429, 529, 500 ...) to their count. */
  readonly statuses: Map<number, number>;
  /** Requests whose connection dropped before a response (fetch rejected). */
  dropped: number;
}

/**
 * Wraps a fetch to count what came back: failed statuses and rejections.
 * Stream cuts arrive as a 200 whose body breaks; the invoice notes those.
 */
export function countingFetch(inner: typeof fetch): { fetch: typeof fetch; counts: FaultCounts } {
  const counts: FaultCounts = { requests: 0, statuses: new Map(), dropped: 0 };
  const wrapped = async (...args: Parameters<typeof fetch>): Promise<Response> => {
    counts.requests += 1;
    try {
      const response = await inner(...args);
      if (response.status >= 400)
        counts.statuses.set(response.status, (counts.statuses.get(response.status) ?? 0) + 1);
      return response;
    } catch (error) {
      counts.dropped += 1;
      throw error;
    }
  };
  return { fetch: wrapped, counts };
}
