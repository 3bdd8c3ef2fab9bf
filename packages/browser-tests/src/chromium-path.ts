/**
 * The Chromium the browser tests launch: `BURSAR_CHROMIUM` when set, else
 * Debian's chromium at /usr/bin/chromium.
 *
 * @example
 * ```ts
 * chromiumPath({}); // { executablePath: '/usr/bin/chromium', fromEnvironment: false }
 * ```
 */
export function chromiumPath(env: Readonly<Record<string, string | undefined>>): {
  readonly executablePath: string;
  readonly fromEnvironment: boolean;
} {
  const given = env['BURSAR_CHROMIUM'];
  return given === undefined || given === ''
    ? { executablePath: '/usr/bin/chromium', fromEnvironment: false }
    : { executablePath: given, fromEnvironment: true };
}
