// The snippets of README.md and docs/quick-start.md, run as a user would run
// them (Node with tsx, the packages resolved from this private package's
// dependencies), so the docs cannot drift from the code: each must exit 0 and
// print what the doc shows, and all must typecheck under the repository's
// strict settings. No ANTHROPIC_API_KEY reaches them: every one runs offline.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocBlocks, runnableSnippets } from './extract-doc-blocks';

const root = join(import.meta.dirname, '..', '..', '..');
const packageDir = join(import.meta.dirname, '..');
// Inside node_modules: the snippets resolve packages as this package's own code
// does, and git, ESLint and Prettier leave them alone.
const snippetDir = join(packageDir, 'node_modules', '.doc-snippets');
const require = createRequire(import.meta.url);
const tsxLoader = pathToFileURL(require.resolve('tsx')).href;
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const run = promisify(execFile);

/** The environment of a snippet: no key and no base URL, so nothing can reach the real API. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: '/tmp' };
  delete env['ANTHROPIC_API_KEY'];
  delete env['ANTHROPIC_AUTH_TOKEN'];
  delete env['ANTHROPIC_BASE_URL'];
  return env;
}

async function runTs(file: string, cwd: string, args: readonly string[] = []) {
  return run(
    process.execPath,
    ['--conditions=@bursar/source', '--import', tsxLoader, file, ...args],
    { cwd, env: offlineEnv(), timeout: 110_000, maxBuffer: 16 * 1024 * 1024 },
  );
}

function lines(text: string): string[] {
  return text
    .replace(/\s+$/, '')
    .split('\n')
    .map((line) => line.trimEnd());
}

const docs = ['README.md', 'docs/quick-start.md'] as const;
const snippetsOf = (doc: string) =>
  runnableSnippets(extractDocBlocks(readFileSync(join(root, doc), 'utf8')));
const fileOf = (doc: string, line: number) =>
  join(snippetDir, `${doc.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-line-${String(line)}.ts`);

let workDir: string;
beforeAll(async () => {
  await mkdir(snippetDir, { recursive: true });
  for (const name of await readdir(snippetDir)) await rm(join(snippetDir, name));
  // An ESM project, as the docs ask (top-level await).
  await writeFile(join(snippetDir, 'package.json'), '{ "type": "module" }\n');
  for (const doc of docs)
    for (const snippet of snippetsOf(doc)) await writeFile(fileOf(doc, snippet.line), snippet.code);
  workDir = await mkdtemp(join(tmpdir(), 'bursar-doc-snippets-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

for (const doc of docs) {
  describe(`the TypeScript snippets of ${doc}`, () => {
    const snippets = snippetsOf(doc);

    it('are there', () => {
      expect(snippets.length).toBeGreaterThan(0);
    });

    for (const snippet of snippets) {
      it(`line ${String(snippet.line)} runs offline and prints what ${doc} shows`, async () => {
        const cwd = await mkdtemp(join(workDir, 'run-'));
        const { stdout } = await runTs(fileOf(doc, snippet.line), cwd);
        if (snippet.expected !== undefined) expect(lines(stdout)).toEqual(snippet.expected);
        if (snippet.code.includes("writeFile('report.html'")) {
          const page = await readFile(join(cwd, 'report.html'), 'utf8');
          expect(page).toMatch(/^<!doctype html>/i);
          expect(page).toContain('<svg');
        }
      });
    }
  });
}

describe('the docs', () => {
  it('typecheck: every snippet compiles under the repository strict settings', async () => {
    await writeFile(
      join(snippetDir, 'tsconfig.json'),
      JSON.stringify({ extends: join(root, 'tsconfig.base.json'), include: ['*.ts'] }),
    );
    const result = await run(process.execPath, [tsc, '--noEmit', '-p', snippetDir], {
      cwd: snippetDir,
      timeout: 110_000,
    }).catch((error: unknown) => error as { stdout: string; code: number });
    expect('code' in result ? result.stdout : '').toBe('');
  });

  it('README.md links every page of docs/', async () => {
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    const pages = [
      ...(await readdir(join(root, 'docs'))).filter((name) => name.endsWith('.md')),
      'api/README.md',
    ];
    const missing = pages.filter((page) => !readme.includes(`](docs/${page})`));
    expect(missing).toEqual([]);
  });

  it("quote pnpm demo's output as it prints it", async () => {
    const excerpts = docs.flatMap((doc) =>
      extractDocBlocks(readFileSync(join(root, doc), 'utf8'))
        .filter((block) => block.marker === 'demo')
        .map((block) => ({ doc, line: block.line, quoted: lines(block.code) })),
    );
    expect(excerpts.length).toBeGreaterThan(0);
    const demo = join(root, 'examples', 'compare-single-vs-multi', 'src', 'main.ts');
    expect(existsSync(demo)).toBe(true);
    const { stdout } = await run(
      process.execPath,
      ['--conditions=@bursar/source', '--import', tsxLoader, demo],
      { cwd: workDir, env: offlineEnv(), timeout: 110_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const printed = new Set(lines(stdout));
    for (const { doc, line, quoted } of excerpts) {
      const absent = quoted.filter((text) => text !== '...' && !printed.has(text));
      expect({ doc, line, absent }).toEqual({ doc, line, absent: [] });
    }
  });
});
