/** Where an example's model calls go: the in-process simulator, or the real API. */
export type BackendKind = 'simulator' | 'real';

/** The backend flags of an example's command line. */
export interface BackendFlags {
  /** `--sim` was given (the default; kept so scripts that pass it keep working). */
  readonly sim: boolean;
  /** `--real` was given. */
  readonly real: boolean;
}

/** The backend an example runs on, and the line to print about it, if any. */
export interface BackendChoice {
  readonly kind: BackendKind;
  /**
   * One line for a key in the environment that is not used: it says the run
   * stays on the simulator and how to go real. Undefined otherwise.
   */
  readonly notice: string | undefined;
}

/**
 * Picks an example's backend: the real API only with `--real`, the simulator
 * otherwise, so nothing is spent unless asked. With ANTHROPIC_API_KEY set
 * (non-empty) and no `--real`, the choice carries a one-line notice naming
 * the command to go real (`command --real`). Only whether the key is set is
 * read. Throws when both flags are given.
 *
 * @example
 * ```ts
 * chooseBackend({ sim: false, real: false }, {}, 'pnpm demo'); // { kind: 'simulator', notice: undefined }
 * chooseBackend({ sim: false, real: false }, { ANTHROPIC_API_KEY: 'sk-…' }, 'pnpm demo').notice;
 * // 'ANTHROPIC_API_KEY is set, but this runs on the simulator and spends nothing; pnpm demo --real runs on the real API.'
 * chooseBackend({ sim: false, real: true }, { ANTHROPIC_API_KEY: 'sk-…' }, 'pnpm demo').kind; // 'real'
 * ```
 */
export function chooseBackend(
  flags: BackendFlags,
  env: Readonly<Record<string, string | undefined>>,
  command: string,
): BackendChoice {
  if (flags.sim && flags.real) throw new Error('choose one of --sim and --real');
  if (flags.real) return { kind: 'real', notice: undefined };
  const hasKey = (env['ANTHROPIC_API_KEY'] ?? '') !== '';
  return {
    kind: 'simulator',
    notice:
      hasKey && !flags.sim
        ? `ANTHROPIC_API_KEY is set, but this runs on the simulator and spends nothing; ${command} --real runs on the real API.`
        : undefined,
  };
}
