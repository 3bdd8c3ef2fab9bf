import type { ModelRequest } from '../model/model-request';
import { utf8ByteLength } from '../tokens/utf8-byte-bound';

/** A stable segment of the prompt, in prefix order. */
export type StableSegment = 'tools' | 'system' | 'reference';

const segments: readonly StableSegment[] = ['tools', 'system', 'reference'];

/** A change in a stable segment: the cache from there on is lost. */
export interface PrefixBust {
  readonly segment: StableSegment;
  /**
   * What the change re-writes, bounded by UTF-8 bytes: the changed segment and
   * every stable segment after it (the conversation after them is re-written too).
   */
  readonly tokensBound: number;
}

/**
 * Watches an agent's stable segments turn to turn. Most-stable-first is a
 * contract: a change to tools, system or reference material busts the cache
 * from that segment on, and is reported with what it costs to write again.
 *
 * @example
 * ```ts
 * const tracker = new PrefixTracker();
 * tracker.observe(request); // undefined the first time
 * tracker.observe({ ...request, system: ['changed'] }); // { segment: 'system', tokensBound: … }
 * ```
 */
export class PrefixTracker {
  private previous: Readonly<Record<StableSegment, string>> | undefined;

  observe(request: ModelRequest): PrefixBust | undefined {
    const current: Record<StableSegment, string> = {
      tools: JSON.stringify(request.tools),
      system: JSON.stringify(request.system),
      reference: JSON.stringify(request.reference),
    };
    const before = this.previous;
    this.previous = current;
    if (before === undefined) return undefined;
    const changed = segments.find((segment) => before[segment] !== current[segment]);
    if (changed === undefined) return undefined;
    const from = segments.indexOf(changed);
    const tokensBound = segments
      .slice(from)
      .reduce((sum, segment) => sum + utf8ByteLength(current[segment]), 0);
    return { segment: changed, tokensBound };
  }
}
