import { SimulatorApiError } from '../api/api-error';
import type { SimulatorClock } from '../clock/simulator-clock';

/**
 * The request header that gives a request's start on the simulator's clock,
 * in milliseconds (`x-bursar-sim-time: 1500`). Only the simulator reads it; the
 * real API ignores it.
 */
export const simTimeHeaderName = 'x-bursar-sim-time';

/**
 * When a request starts on the simulator's clock: the `x-bursar-sim-time`
 * header when the caller sends one (a non-negative number of milliseconds),
 * otherwise the clock's `now()` as the request arrives. Requests given the
 * same start are concurrent whatever order they arrive in; a request that
 * starts before the clock's `now()` is taken at its word (time never moves
 * backward for anyone else).
 *
 * @example
 * ```ts
 * const request = new Request('http://sim/v1/messages', { headers: { 'x-bursar-sim-time': '1500' } });
 * requestStart(request, createVirtualClock()); // 1500
 * ```
 */
export function requestStart(request: Request, clock: SimulatorClock): number {
  const header = request.headers.get(simTimeHeaderName);
  if (header === null) return clock.now();
  const text = header.trim();
  const time = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(time) || time < 0) {
    throw new SimulatorApiError(
      'invalid_request_error',
      `${simTimeHeaderName}: expected a non-negative number of milliseconds on the simulator's clock, got ${JSON.stringify(header)}`,
    );
  }
  return time;
}
