import type { RunInfo } from '../run-info-schema';

/** A run's date and machine for hand-made section inputs. */
export const testRun: RunInfo = {
  date: '2026-01-02T03:04:05.000Z',
  machine: {
    cpuModel: 'Test CPU',
    cores: 4,
    totalMemoryGiB: 8,
    nodeVersion: 'v20.0.0',
    platform: 'Linux test x64',
  },
};

/** Markdown with its line breaks as spaces, so a test can look for a phrase that wrapped. */
export function flat(markdown: string): string {
  return markdown.replace(/\s+/g, ' ');
}
