import { format, resolveConfig } from 'prettier';

/**
 * Formats Markdown with the repository's Prettier settings for `filepath`, so
 * the written page passes `prettier --check`.
 *
 * @example
 * ```ts
 * await formatMarkdown(markdown, '/repo/docs/benchmarks.md');
 * ```
 */
export async function formatMarkdown(markdown: string, filepath: string): Promise<string> {
  const options = (await resolveConfig(filepath)) ?? {};
  return format(markdown, { ...options, filepath });
}
