/**
 * How long one interactive call is expected to take: the caller's estimate
 * until a call has been timed, then the slowest call seen (a cautious figure:
 * a deadline is missed by the slow call, not the average one). @internal
 *
 * @example
 * ```ts
 * const latency = new InteractiveLatency(60_000);
 * latency.observe(4_200);
 * latency.estimate(); // 4_200
 * ```
 */
export class InteractiveLatency {
  private slowest: number | undefined;
  private readonly initial: number;

  constructor(initialEstimateMs: number) {
    this.initial = initialEstimateMs;
  }

  estimate(): number {
    return this.slowest ?? this.initial;
  }

  observe(milliseconds: number): void {
    this.slowest = Math.max(this.slowest ?? 0, milliseconds);
  }
}
