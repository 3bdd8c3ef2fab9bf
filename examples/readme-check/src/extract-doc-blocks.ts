/** What a marker comment just before a fence says about it. */
export type BlockMarker = 'output' | 'skip' | 'demo';

/** A fenced block of a Markdown document. */
export interface DocBlock {
  /** The fence's language (`ts`, `sh`, ...), empty for a plain fence. */
  readonly lang: string;
  /** The block's text, without its fences, ending in a newline. */
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The `<!-- readme-check: ... -->` comment on the nearest non-blank line above, if any. */
  readonly marker: BlockMarker | undefined;
}

/** A TypeScript snippet to run, with what the document says it prints. */
export interface RunnableSnippet {
  readonly code: string;
  readonly line: number;
  /**
   * The lines it must print: the block marked `<!-- readme-check: output -->`
   * after it, else the `// <text>` comments ending its `console.log` lines;
   * undefined when the document shows neither.
   */
  readonly expected: readonly string[] | undefined;
}

const markerPattern = /^<!--\s*readme-check:\s*(output|skip|demo)\s*-->$/;

/**
 * Splits a Markdown document into its fenced blocks (``` fences, not
 * indented), each with its language, line and readme-check marker.
 *
 * @example
 * ```ts
 * extractDocBlocks('Run:\n\n```ts\nconsole.log(1);\n```\n'); // [{ lang: 'ts', code: 'console.log(1);\n', line: 3, marker: undefined }]
 * ```
 */
export function extractDocBlocks(markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  let open:
    { lang: string; line: number; marker: BlockMarker | undefined; body: string[] } | undefined;
  let lastText = '';
  lines.forEach((text, index) => {
    if (open === undefined) {
      const fence = /^```(\S*)\s*$/.exec(text);
      if (fence !== null) {
        const marker = markerPattern.exec(lastText.trim())?.[1] as BlockMarker | undefined;
        open = { lang: fence[1] ?? '', line: index + 1, marker, body: [] };
      } else if (text.trim() !== '') {
        lastText = text;
      }
      return;
    }
    if (/^```\s*$/.test(text)) {
      blocks.push({
        lang: open.lang,
        code: open.body.map((line) => `${line}\n`).join(''),
        line: open.line,
        marker: open.marker,
      });
      open = undefined;
      lastText = '';
      return;
    }
    open.body.push(text);
  });
  if (open !== undefined)
    throw new Error(`the fence opened on line ${String(open.line)} is never closed`);
  return blocks;
}

/**
 * The document's TypeScript snippets to run (those not marked `skip`), each
 * with the output the document shows for it.
 *
 * @example
 * ```ts
 * runnableSnippets(extractDocBlocks(readme)).map((snippet) => snippet.expected);
 * ```
 */
export function runnableSnippets(blocks: readonly DocBlock[]): RunnableSnippet[] {
  const snippets: RunnableSnippet[] = [];
  blocks.forEach((block, index) => {
    if (block.lang !== 'ts' || block.marker === 'skip') return;
    const following = blocks.slice(index + 1);
    const nextSnippet = following.findIndex((other) => other.lang === 'ts');
    const output = (nextSnippet === -1 ? following : following.slice(0, nextSnippet)).find(
      (other) => other.marker === 'output',
    );
    const commented = block.code.split('\n').flatMap((line) => {
      const match = /^\s*console\.log\(.*\);\s*\/\/\s?(.*)$/.exec(line);
      return match === null ? [] : [match[1] ?? ''];
    });
    snippets.push({
      code: block.code,
      line: block.line,
      expected:
        output !== undefined
          ? output.code.replace(/\n$/, '').split('\n')
          : commented.length > 0
            ? commented
            : undefined,
    });
  });
  return snippets;
}
