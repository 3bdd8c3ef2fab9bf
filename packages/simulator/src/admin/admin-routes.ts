import { SimulatorApiError } from '../api/api-error';
import type { BatchStore } from '../batches/batch-store';
import type { SimulatorEngine } from '../engine/simulator-engine';
import type { FaultOptions } from '../faults/fault-injector';
import { readJson } from '../http/handle-request';
import { checkOptions } from '../simulator/check-options';
import { configureFaultsSchema } from '../simulator/simulator-options-schema';

/**
 * Routes the real API does not have, all under `/_sim/`:
 * - `GET /_sim/clock` -> `{ now }`; `POST /_sim/clock` with `{ "advanceMs": n }`
 * - `GET /_sim/invoice` -> `{ lines, total, totalUsd }`
 * - `POST /_sim/reset`: forget cache, invoice, batches and rate-limit state
 * - `GET /_sim/faults`; `POST /_sim/faults` with fault options and
 *   `batch: { erroredRate, expiredRate }`
 *
 * @example
 * ```ts
 * await fetch('http://127.0.0.1:4141/_sim/clock', { method: 'POST', body: JSON.stringify({ advanceMs: 360_000 }) });
 * ```
 */
export async function handleAdminRequest(
  engine: SimulatorEngine,
  batches: BatchStore,
  request: Request,
  url: URL,
): Promise<Response> {
  const method = request.method.toUpperCase();
  const reply = (body: unknown): Response =>
    new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

  switch (`${method} ${url.pathname}`) {
    case 'GET /_sim/clock':
      return reply({ now: engine.clock.now(), mode: engine.clock.mode });
    case 'POST /_sim/clock': {
      const body = await readJson(request, 1024 * 1024);
      const advanceMs = (body as { advanceMs?: unknown } | null)?.advanceMs;
      if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) {
        throw new SimulatorApiError(
          'invalid_request_error',
          `advanceMs: expected a non-negative number of milliseconds, got ${JSON.stringify(advanceMs)}`,
        );
      }
      engine.clock.advanceBy(advanceMs);
      batches.advance();
      return reply({ now: engine.clock.now(), mode: engine.clock.mode });
    }
    case 'GET /_sim/invoice':
      return reply(engine.ledger.invoice());
    case 'POST /_sim/reset':
      engine.reset();
      batches.clear();
      return reply({ reset: true });
    case 'POST /_sim/grade': {
      const body = (await readJson(request, 32 * 1024 * 1024)) as {
        taskId?: unknown;
        text?: unknown;
      } | null;
      if (typeof body?.taskId !== 'string' || typeof body.text !== 'string') {
        throw new SimulatorApiError(
          'invalid_request_error',
          'expected { "taskId": string, "text": string }',
        );
      }
      if (engine.grader === undefined)
        throw new SimulatorApiError('not_found_error', 'this simulator runs no workloads');
      try {
        return reply(engine.grader.grade(body.taskId, body.text));
      } catch (error) {
        throw new SimulatorApiError('not_found_error', (error as Error).message);
      }
    }
    case 'GET /_sim/faults':
      return reply(engine.faults.describe());
    case 'POST /_sim/faults': {
      const body = (await readJson(request, 1024 * 1024)) as
        (FaultOptions & { batch?: { erroredRate?: number; expiredRate?: number } }) | null;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new SimulatorApiError(
          'invalid_request_error',
          'expected a JSON object of fault settings',
        );
      }
      try {
        checkOptions(configureFaultsSchema, body);
        engine.faults.configure(body, engine.seed);
      } catch (error) {
        throw new SimulatorApiError('invalid_request_error', (error as Error).message);
      }
      if (body.batch !== undefined) batches.configureFaults(body.batch);
      return reply(engine.faults.describe());
    }
    default:
      throw new SimulatorApiError(
        'not_found_error',
        `${method} ${url.pathname} is not a simulator admin route`,
      );
  }
}
