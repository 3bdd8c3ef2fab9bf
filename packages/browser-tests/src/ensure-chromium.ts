/** The command that installs Debian's chromium (it provides /usr/bin/chromium). */
export const installChromiumCommand =
  'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=300 chromium';

/** What {@link ensureChromium} may look at and do; injected so tests run no command. */
export interface ChromiumHost {
  /** The chromium binary the browser test launches. */
  readonly executablePath: string;
  /** Whether `executablePath` was given by `BURSAR_CHROMIUM` (then nothing is installed). */
  readonly fromEnvironment: boolean;
  readonly exists: (path: string) => boolean;
  /** Whether this process may install system packages (runs as root). */
  readonly isRoot: boolean;
  /** Whether apt-get is on this machine. */
  readonly hasAptGet: boolean;
  /** Runs a shell command with its output shown; resolves to its exit code. */
  readonly run: (command: string) => Promise<number>;
  readonly log: (line: string) => void;
}

/**
 * Makes sure the browser test has a Chromium to launch before any test runs:
 * nothing to do when it is there; as root on a Debian-like machine, installs
 * Debian's chromium with apt-get; otherwise throws at once with the one
 * command to run (or, when `BURSAR_CHROMIUM` names a missing file, says so).
 *
 * @example
 * ```ts
 * await ensureChromium({ executablePath: '/usr/bin/chromium', fromEnvironment: false, exists: existsSync, isRoot: true, hasAptGet: true, run, log: console.log });
 * ```
 */
export async function ensureChromium(host: ChromiumHost): Promise<void> {
  if (host.exists(host.executablePath)) return;
  if (host.fromEnvironment)
    throw new Error(
      `BURSAR_CHROMIUM is ${host.executablePath}, which does not exist: point it at a Chromium binary, or unset it to use Debian's chromium at /usr/bin/chromium.`,
    );
  if (!host.hasAptGet)
    throw new Error(
      `The report's browser test needs Chromium at ${host.executablePath}, and this machine has no apt-get to install it: install a Chromium and set BURSAR_CHROMIUM to its path.`,
    );
  if (!host.isRoot)
    throw new Error(
      `The report's browser test needs Chromium at ${host.executablePath}. Install it with:\n  sudo sh -c '${installChromiumCommand}'\n(or set BURSAR_CHROMIUM to the path of a Chromium binary).`,
    );
  host.log(
    `Chromium is missing at ${host.executablePath} (the report's browser test needs it); installing it: ${installChromiumCommand}`,
  );
  const code = await host.run(installChromiumCommand);
  if (code !== 0 || !host.exists(host.executablePath))
    throw new Error(
      `Installing chromium failed (exit code ${String(code)}): run \`${installChromiumCommand}\` by hand, or set BURSAR_CHROMIUM to the path of a Chromium binary.`,
    );
  host.log(`Chromium installed at ${host.executablePath}.`);
}
