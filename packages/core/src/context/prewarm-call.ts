import { reserve } from '../agent/reserve-call';
import type { RunAgentOptions } from '../agent/run-agent';
import { isAborted } from '../agent/wait';
import type { ModelRequest } from '../model/model-request';
import type { Nanodollars } from '../money/nanodollars';
import type { Usage } from '../usage/usage';

/**
 * Sends a pre-warm request (`maxTokens: 0`: no output, only the cache write
 * and read) through the budget like any call, with no retry: it only saves
 * money, so when the budget cannot hold it or it fails, the turn goes on
 * without it (`failed`). `aborted` when the run's signal fired.
 *
 * @example
 * ```ts
 * const warmed = await prewarm(options, decision.prewarm, 'agent', 7);
 * if (typeof warmed === 'object') spent += warmed.cost;
 * ```
 */
export async function prewarm(
  options: RunAgentOptions,
  request: ModelRequest,
  name: string,
  turn: number,
): Promise<{ usage: Usage; cost: Nanodollars } | 'failed' | 'aborted'> {
  const ttls = Object.values(request.cache ?? {});
  const held = await reserve(options, request, {
    cacheWrites: ttls.includes('1h') ? '1h' : ttls.length > 0 ? '5m' : 'none',
    label: `${name} pre-warm at turn ${String(turn + 1)}`,
  });
  if (held === undefined) return 'failed';
  const { reservation } = held;
  try {
    const response = await options.client.complete(
      request,
      options.signal === undefined ? {} : { signal: options.signal },
    );
    reservation.settle(response.usage);
    return { usage: response.usage, cost: reservation.spent.usd };
  } catch {
    reservation.release();
    // A provider that cannot pre-warm refuses the request: the run goes on without.
    return isAborted(options.signal) ? 'aborted' : 'failed';
  }
}
