import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkUsdFlag, chooseBackend } from '@bursar-examples/support';

/** What the command line asked for. */
export interface CliOptions {
  /** `real` only with `--real`: a key in the environment alone does not spend. */
  readonly backend: 'simulator' | 'real';
  /** A line to print first: a key is set, but the run stays on the simulator. */
  readonly notice: string | undefined;
  /** The page of the auto run; the single and fan-out pages go beside it. */
  readonly out: string;
  /** Tasks per set (parallel, sequential). */
  readonly tasksPerSet: number;
  /**
   * Each run's budget; the comparison runs once per budget. Empty: $0.50 and
   * $0.05 on the simulator, an equal share of `totalUsd` on the real API.
   */
  readonly budgetsUsd: readonly string[];
  /** The real API's hard limit for the whole demo. */
  readonly totalUsd: string;
  readonly help: boolean;
}

/** The `--help` text. */
export const usage = `Usage: pnpm demo [options]

Runs the same parallel and sequential tasks as one agent, as a fan-out and on
auto, each under the same hard budget, and prints what each cost.

  --real            on the real API (needs ANTHROPIC_API_KEY; spends up to --total).
                    Without it the demo runs on the simulator, key or no key.
  --sim             on the simulator (the default)
  --tasks <n>       tasks per set, 1 to 4 (default 3 on the simulator, 1 on the real API)
  --budget <usd>    each run's hard budget; repeat it to run the comparison under each
                    (default 0.50 then 0.05; on the real API, total / runs)
  --total <usd>     the real API's hard limit for the whole demo (default 0.50)
  --out <file>      the HTML report (default: bursar-demo-report.html in the OS temp folder)
  --help            this text`;

/**
 * Parses the demo's command line: the real API only with `--real`; `env` is
 * read only for whether ANTHROPIC_API_KEY is set, to print a notice that the
 * run stays on the simulator. Throws on an unknown flag or a bad value.
 *
 * @example
 * ```ts
 * parseCliOptions(['--tasks', '2'], {}); // { backend: 'simulator', tasksPerSet: 2, ... }
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
      tasks: { type: 'string' },
      budget: { type: 'string', multiple: true, default: [] },
      total: { type: 'string', default: '0.50' },
      out: { type: 'string', default: join(tmpdir(), 'bursar-demo-report.html') },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const { kind: backend, notice } = chooseBackend(values, env, 'pnpm demo');
  const tasksPerSet = Number(values.tasks ?? (backend === 'real' ? 1 : 3));
  if (!Number.isInteger(tasksPerSet) || tasksPerSet < 1 || tasksPerSet > 4)
    throw new Error(`--tasks must be a whole number 1 to 4, got ${String(values.tasks)}`);
  for (const [flag, value] of [
    ...values.budget.map((budget) => ['--budget', budget] as const),
    ['--total', values.total] as const,
  ]) {
    checkUsdFlag(flag, value);
  }
  return {
    backend,
    notice,
    out: values.out,
    tasksPerSet,
    budgetsUsd: values.budget,
    totalUsd: values.total,
    help: values.help,
  };
}
