import { describe, expect, it } from 'vitest';
import { chromiumPath } from './chromium-path';
import { ensureChromium, installChromiumCommand, type ChromiumHost } from './ensure-chromium';

/** A machine with no chromium; `installs` says whether running the command puts it there. */
function host(overrides: Partial<ChromiumHost> & { installs?: boolean; exitCode?: number } = {}) {
  const files = new Set<string>();
  const commands: string[] = [];
  const lines: string[] = [];
  const machine: ChromiumHost = {
    executablePath: '/usr/bin/chromium',
    fromEnvironment: false,
    exists: (path) => files.has(path),
    isRoot: true,
    hasAptGet: true,
    run: (command) => {
      commands.push(command);
      if (overrides.installs ?? true) files.add('/usr/bin/chromium');
      return Promise.resolve(overrides.exitCode ?? 0);
    },
    log: (line) => lines.push(line),
    ...overrides,
  };
  return { machine, files, commands, lines };
}

describe('ensureChromium', () => {
  it('does nothing when chromium is there', async () => {
    const { machine, files, commands } = host();
    files.add('/usr/bin/chromium');
    await ensureChromium(machine);
    expect(commands).toEqual([]);
  });

  it('installs Debian chromium with apt-get as root, and says so', async () => {
    const { machine, commands, lines } = host();
    await ensureChromium(machine);
    expect(commands).toEqual([installChromiumCommand]);
    expect(installChromiumCommand).toMatch(
      /^apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y .*chromium$/,
    );
    expect(lines.join('\n')).toMatch(/installing it/);
  });

  it('fails at once with the command to run when not root', async () => {
    const { machine, commands } = host({ isRoot: false });
    await expect(ensureChromium(machine)).rejects.toThrow(`sudo sh -c '${installChromiumCommand}'`);
    expect(commands).toEqual([]);
  });

  it('fails with the command when the install fails or leaves no binary', async () => {
    await expect(ensureChromium(host({ exitCode: 100 }).machine)).rejects.toThrow(
      /Installing chromium failed \(exit code 100\)/,
    );
    await expect(ensureChromium(host({ installs: false }).machine)).rejects.toThrow(
      /Installing chromium failed \(exit code 0\)/,
    );
  });

  it('installs nothing for a BURSAR_CHROMIUM that is missing, nor without apt-get', async () => {
    const missing = host({ executablePath: '/opt/chrome/chrome', fromEnvironment: true });
    await expect(ensureChromium(missing.machine)).rejects.toThrow(
      /BURSAR_CHROMIUM is \/opt\/chrome\/chrome, which does not exist/,
    );
    const noApt = host({ hasAptGet: false });
    await expect(ensureChromium(noApt.machine)).rejects.toThrow(/no apt-get/);
    expect([...missing.commands, ...noApt.commands]).toEqual([]);
  });
});

describe('chromiumPath', () => {
  it('is /usr/bin/chromium unless BURSAR_CHROMIUM names another', () => {
    expect(chromiumPath({})).toEqual({
      executablePath: '/usr/bin/chromium',
      fromEnvironment: false,
    });
    expect(chromiumPath({ BURSAR_CHROMIUM: '' }).fromEnvironment).toBe(false);
    expect(chromiumPath({ BURSAR_CHROMIUM: '/opt/c' })).toEqual({
      executablePath: '/opt/c',
      fromEnvironment: true,
    });
  });
});
