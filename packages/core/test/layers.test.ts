// The layer rule (docs/architecture.md, "Layers") checked against what ESLint
// really applies: for every folder of core/src, the `no-restricted-imports`
// options the repository's eslint.config.js gives a source file and a test
// there, run on an import of every other folder. The expected answer comes
// from the order written in the docs, so the docs and the lint cannot drift,
// and a folder added to src without a place in the order fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const source = join(root, 'packages/core/src');

/** The layers written in docs/architecture.md, ground first: `1. `errors`: ...`. */
function documentedLayers(): string[][] {
  const markdown = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
  const section = markdown.split('\n## Layers\n')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .map((line) => /^\d+\. ((?:`[a-z]+`(?:, )?)+):/.exec(line)?.[1])
    .filter((names) => names !== undefined)
    .map((names) => [...names.matchAll(/`([a-z]+)`/g)].map((match) => match[1] ?? ''));
}

const layers = documentedLayers();
const rankOf = new Map(layers.flatMap((folders, rank) => folders.map((f) => [f, rank] as const)));
const folders = readdirSync(source, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** What the docs say: may a file of `from` (a test or not) import `to`? */
function mayImport(from: string, to: string, test: boolean): boolean {
  if (to === 'spec') return false;
  if (to === 'testing' && !test) return false;
  return (rankOf.get(to) ?? Infinity) < (rankOf.get(from) ?? -Infinity);
}

const eslint = new ESLint({ cwd: root });
const linter = new Linter();
const rules = new Map<string, Linter.RuleEntry>();

/** The messages ESLint's real options for `file` give `code`. */
function lint(file: string, code: string): string[];
function lint(file: string, code: string, full: true): Linter.LintMessage[];
function lint(file: string, code: string, full?: true): string[] | Linter.LintMessage[] {
  const rule = rules.get(file);
  if (rule === undefined) throw new Error(`no options loaded for ${file}`);
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        rules: { 'no-restricted-imports': rule },
      },
    ],
    { filename: file },
  );
  return full ? messages : messages.map((message) => message.message);
}

const probe = (folder: string, test: boolean) =>
  `packages/core/src/${folder}/layer-probe${test ? '.test' : ''}.ts`;

beforeAll(async () => {
  for (const folder of folders)
    for (const test of [false, true]) {
      const config = (await eslint.calculateConfigForFile(probe(folder, test))) as Linter.Config;
      const rule = config.rules?.['no-restricted-imports'];
      if (rule !== undefined) rules.set(probe(folder, test), rule);
    }
  // Loading the config loads typescript-eslint: give a busy machine time.
}, 60_000);

describe('the layers of core/src', () => {
  it('places every folder of src on one documented layer', () => {
    expect(layers.length).toBeGreaterThan(10);
    expect([...rankOf.keys()].sort()).toEqual(folders);
  });

  it.each(folders)('lets %s import exactly the folders below it', (from) => {
    const wrong: string[] = [];
    const others = folders.filter((to) => to !== from);
    // One import a line, so a message's line names the folder it is about.
    const code = others.map((to, index) => `export { p${String(index)} } from '../${to}/probe';`);
    for (const test of [false, true]) {
      const refused = new Map<number, string>();
      for (const message of lint(probe(from, test), code.join('\n'), true))
        refused.set(message.line, message.message);
      others.forEach((to, index) => {
        const message = refused.get(index + 1);
        if ((message === undefined) !== mayImport(from, to, test))
          wrong.push(`${test ? 'test' : 'source'} ${from} -> ${to}: ${message ?? 'allowed'}`);
      });
    }
    expect(wrong).toEqual([]);
  });

  it('fails a wrong-direction import with a message that names the rule', () => {
    const messages = lint(
      probe('budget', false),
      "import { runAgent } from '../agent/run-agent';\nexport { runAgent };\n",
    );
    expect(messages).toEqual([
      expect.stringContaining('layers: budget may import only errors, money, usage'),
    ]);
    // The same import one level deeper, as a type, and through an export.
    expect(
      lint(probe('budget', false), "import type { A } from '../../agent';\nexport type { A };\n"),
    ).toHaveLength(1);
    expect(
      lint(probe('budget', false), "export { runAgent } from '../agent/run-agent';\n"),
    ).toHaveLength(1);
  });

  it('keeps the root barrel and the package name out of every folder', () => {
    for (const folder of folders) {
      expect(lint(probe(folder, false), "export * from '../index';\n")).toHaveLength(1);
      expect(lint(probe(folder, false), "export * from '..';\n")).toHaveLength(1);
      expect(lint(probe(folder, false), "export * from '@bursar/core/testing';\n")).toHaveLength(1);
    }
  });
});
