import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cliPath = fileURLToPath(new URL('./cli.ts', import.meta.url));

function startCli(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--conditions=@bursar/source', '--import', 'tsx', cliPath, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      resolve(code);
    }),
  );
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    void exited.then(() => {
      reject(new Error(`exited before listening: ${output}`));
    });
  });
  // Not every caller waits for listening (a bad flag exits first).
  listening.catch(() => undefined);
  return { child, listening, exited, output: () => output };
}

describe('bursar-sim (pnpm sim)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'serves on loopback and stops cleanly on %s',
    async (signal) => {
      const cli = startCli(['--port', '0']);
      const url = await cli.listening;
      const response = await fetch(`${url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': 'cli-test', 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'claude-haiku-4-5',
          max_tokens: 5,
          messages: [{ role: 'user', content: 'hi' }],
        }),
      });
      expect(response.status).toBe(200);
      cli.child.kill(signal);
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toContain(`${signal}: stopped after 1 billed requests`);
    },
  );

  it('refuses a bad flag value, naming the flag and the value', async () => {
    const cli = startCli(['--latency', 'slow']);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toContain('--latency must be realistic or zero, got slow');
  });
});
