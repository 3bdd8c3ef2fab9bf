import { describe, expect, it } from 'vitest';
import { extractDocBlocks, runnableSnippets } from './extract-doc-blocks';

const doc = [
  '# Title',
  '',
  '```sh',
  'pnpm demo',
  '```',
  '',
  '```ts',
  "console.log('a');",
  '```',
  '',
  'It printed:',
  '',
  '<!-- readme-check: output -->',
  '',
  '```',
  'a',
  '```',
  '',
  '```ts',
  'console.log(1 + 1); // 2',
  "console.log('$0.5'); // $0.5",
  '```',
  '',
  '<!-- readme-check: skip -->',
  '```ts',
  'lookUp(query);',
  '```',
  '',
].join('\n');

describe('extractDocBlocks', () => {
  it('finds every fence with its language, line and marker', () => {
    expect(extractDocBlocks(doc).map(({ lang, line, marker }) => ({ lang, line, marker }))).toEqual(
      [
        { lang: 'sh', line: 3, marker: undefined },
        { lang: 'ts', line: 7, marker: undefined },
        { lang: '', line: 15, marker: 'output' },
        { lang: 'ts', line: 19, marker: undefined },
        { lang: 'ts', line: 25, marker: 'skip' },
      ],
    );
    expect(extractDocBlocks(doc)[1]?.code).toBe("console.log('a');\n");
  });

  it('refuses a fence that is never closed', () => {
    expect(() => extractDocBlocks('```ts\nconsole.log(1);\n')).toThrow(/line 1 is never closed/);
  });
});

describe('runnableSnippets', () => {
  it('pairs each snippet with its output block or its commented console.log lines, and skips templates', () => {
    expect(runnableSnippets(extractDocBlocks(doc))).toEqual([
      { code: "console.log('a');\n", line: 7, expected: ['a'] },
      {
        code: "console.log(1 + 1); // 2\nconsole.log('$0.5'); // $0.5\n",
        line: 19,
        expected: ['2', '$0.5'],
      },
    ]);
  });
});
