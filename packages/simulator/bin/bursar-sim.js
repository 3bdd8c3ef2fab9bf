#!/usr/bin/env node
// The bursar-sim command. It is committed (not built) so that installing the
// workspace links a bin that exists; the CLI itself is dist/cli.js, which
// `pnpm build` writes. In the repository, `pnpm sim` runs the sources instead.
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    'bursar-sim: dist/cli.js is missing: build the package first (pnpm build), ' +
      'or run `pnpm sim` in the Bursar repository, which needs no build.\n',
  );
  process.exit(1);
}
await import(cli.href);
