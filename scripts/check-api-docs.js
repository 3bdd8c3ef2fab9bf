// Checks that docs/api is what `pnpm docs:api` would write now (CI runs it as
// `pnpm docs:api:check`): TypeDoc writes the reference into a temporary folder,
// Prettier formats each page as it would at its place in docs/api, and every
// file is compared both ways (missing, extra, different). docs/api is not
// touched. Exits 1 when it is out of date, 2 when TypeDoc fails.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(root, 'docs', 'api');
const shown = relative(root, committed).split(sep).join('/');

/** @param {string} folder @returns {Promise<string[]>} the files under it, as sorted POSIX paths relative to it */
async function listFiles(folder) {
  /** @type {string[]} */
  const files = [];
  /** @param {string} current */
  const walk = async (current) => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.push(relative(folder, path).split(sep).join('/'));
    }
  };
  await walk(folder);
  return files.sort();
}

/**
 * Runs the TypeDoc CLI as `pnpm docs:api` does (typedoc.json), but writing to `out`.
 * @param {string} out
 * @returns {number} its exit status
 */
function runTypedoc(out) {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('typedoc/package.json');
  /** @type {{ bin: Record<string, string> }} */
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const bin = join(dirname(manifestPath), manifest.bin['typedoc'] ?? 'bin/typedoc');
  const result = spawnSync(process.execPath, [bin, '--out', out, '--logLevel', 'Warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.error !== undefined) throw result.error;
  return result.status ?? 1;
}

/**
 * `text` as `prettier --write docs/api` leaves the file at `target`: its
 * config, ignore file and parser come from that path; a file Prettier ignores
 * or cannot parse stays as it is.
 * @param {string} target
 * @param {string} text
 */
async function formatAs(target, text) {
  const info = await prettier.getFileInfo(target, {
    ignorePath: join(root, '.prettierignore'),
  });
  if (info.ignored || info.inferredParser === null) return text;
  const options = await prettier.resolveConfig(target, { editorconfig: true });
  return prettier.format(text, { ...options, filepath: target });
}

/**
 * The first line where the generated and the committed text differ, 1-based, with both versions of it.
 * @param {string} expected
 * @param {string} actual
 */
function firstDifference(expected, actual) {
  const left = expected.split('\n');
  const right = actual.split('\n');
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    if (left[index] !== right[index]) {
      /** @param {string | undefined} line */
      const clip = (line) =>
        line === undefined ? '(no line)' : line.length > 100 ? `${line.slice(0, 100)}…` : line;
      return `line ${String(index + 1)}: committed ${JSON.stringify(clip(right[index]))}, generated ${JSON.stringify(clip(left[index]))}`;
    }
  }
  return 'the same lines (line endings differ)';
}

const started = performance.now();
const scratch = await mkdtemp(join(tmpdir(), 'bursar-api-docs-'));
try {
  const out = join(scratch, 'api');
  const status = runTypedoc(out);
  if (status !== 0) {
    process.stderr.write(
      `docs:api:check: typedoc failed (exit ${String(status)}); nothing was compared.\n`,
    );
    process.exit(2);
  }
  const generated = await listFiles(out);
  const existing = await listFiles(committed);
  const have = new Set(existing);
  const want = new Set(generated);
  /** @type {string[]} */
  const problems = [];
  for (const file of generated) {
    const text = await formatAs(join(committed, file), await readFile(join(out, file), 'utf8'));
    if (!have.has(file)) {
      problems.push(`  missing    ${shown}/${file} (TypeDoc writes it; ${shown} lacks it)`);
      continue;
    }
    const current = await readFile(join(committed, file), 'utf8');
    if (current !== text)
      problems.push(`  different  ${shown}/${file} (${firstDifference(text, current)})`);
  }
  for (const file of existing) {
    if (!want.has(file))
      problems.push(`  extra      ${shown}/${file} (in ${shown}; TypeDoc no longer writes it)`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (problems.length > 0) {
    process.stderr.write(
      [
        `${shown} is out of date with the TSDoc in the sources: ${String(problems.length)} of ${String(new Set([...generated, ...existing]).size)} files differ.`,
        ...problems,
        `Run \`pnpm docs:api\` and commit ${shown}. (${seconds} s)`,
        '',
      ].join('\n'),
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(
      `${shown} is current: ${String(generated.length)} files, as \`pnpm docs:api\` writes them. (${seconds} s)\n`,
    );
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
