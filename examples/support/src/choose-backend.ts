/** Where an example's model calls go: the in-process simulator, or the real API. */
export type BackendKind = 'simulator' | 'real';

/** The backend flags of an example's command line. */
export interface BackendFlags {
  /** `--sim` was given. */
  readonly sim: boolean;
  /** `--real` was given. */
  readonly real: boolean;
}

/**
 * Picks an example's backend from `--sim` and `--real`: `real` with `--real`,
 * or with ANTHROPIC_API_KEY set (non-empty) in `env` unless `--sim`;
 * otherwise `simulator`. Only whether the key is set is read. Throws when
 * both flags are given.
 *
 * @example
 * ```ts
 * chooseBackend({ sim: false, real: false }, {}); // 'simulator'
 * chooseBackend({ sim: false, real: false }, { ANTHROPIC_API_KEY: 'sk-…' }); // 'real'
 * chooseBackend({ sim: true, real: false }, { ANTHROPIC_API_KEY: 'sk-…' }); // 'simulator'
 * ```
 */
export function chooseBackend(
  flags: BackendFlags,
  env: Readonly<Record<string, string | undefined>>,
): BackendKind {
  if (flags.sim && flags.real) throw new Error('choose one of --sim and --real');
  const hasKey = (env['ANTHROPIC_API_KEY'] ?? '') !== '';
  return flags.real || (hasKey && !flags.sim) ? 'real' : 'simulator';
}
