import { parseArgs } from 'node:util';
import { checkUsdFlag, chooseBackend } from '@bursar-examples/support';
import type { ExamplePart } from './run-batch-lane-example';

/** What the command line asked for. */
export interface CliOptions {
  /** `real` only with `--real`: a key in the environment alone does not spend. */
  readonly backend: 'simulator' | 'real';
  /** A line to print first: a key is set, but the run stays on the simulator. */
  readonly notice: string | undefined;
  readonly parts: readonly ExamplePart[];
  /** Tickets in the bulk job. */
  readonly items: number;
  /** The real API's hard limit for the whole example, dollars. */
  readonly totalUsd: string;
  readonly help: boolean;
}

/** The `--help` text. */
export const usage = `Usage: pnpm example:batch-lane [options]

Part 1 classifies support tickets with runBatch in the batch lane and then in
the interactive lane, and compares cost, time, retries and the invoice.
Part 2 runs one FanOutQA task with runTask in the batch lane against the
interactive lane, and on lane 'auto' with the deadline a day and a minute away.

  --real           on the real API (needs ANTHROPIC_API_KEY; spends up to --total).
                   Batches take minutes to hours there; the runs wait for them.
                   Without it the example runs on the simulator, key or no key.
  --sim            on the simulator (the default)
  --part <name>    bulk or task; repeat for both (default both)
  --items <n>      tickets in the bulk job, 1 to 1000 (default 500; 20 on the real API)
  --total <usd>    the real API's hard limit for the whole example (default 0.50)
  --help           this text`;

/**
 * Parses the example's command line: the real API only with `--real`; `env`
 * is read only for whether ANTHROPIC_API_KEY is set, to print a notice that
 * the run stays on the simulator. Throws on an unknown flag or a bad value.
 *
 * @example
 * ```ts
 * parseCliOptions(['--items', '200'], {}); // { backend: 'simulator', items: 200, ... }
 * ```
 */
export function parseCliOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      sim: { type: 'boolean', default: false },
      real: { type: 'boolean', default: false },
      part: { type: 'string', multiple: true, default: [] },
      items: { type: 'string' },
      total: { type: 'string', default: '0.50' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const { kind: backend, notice } = chooseBackend(values, env, 'pnpm example:batch-lane');
  const items = Number(values.items ?? (backend === 'real' ? 20 : 500));
  if (!Number.isInteger(items) || items < 1 || items > 1_000)
    throw new Error(`--items must be a whole number 1 to 1000, got ${String(values.items)}`);
  const parts: ExamplePart[] = [];
  for (const part of values.part) {
    if (part !== 'bulk' && part !== 'task')
      throw new Error(`--part must be bulk or task, got ${part}`);
    if (!parts.includes(part)) parts.push(part);
  }
  checkUsdFlag('--total', values.total);
  return {
    backend,
    notice,
    parts: parts.length === 0 ? ['bulk', 'task'] : parts,
    items,
    totalUsd: values.total,
    help: values.help,
  };
}
