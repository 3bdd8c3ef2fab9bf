import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPriceTable } from './render-price-table';

describe('docs/pricing.md', () => {
  it('embeds the table rendered from the price data (run `pnpm prices` to regenerate)', () => {
    const page = readFileSync(new URL('../../../docs/pricing.md', import.meta.url), 'utf8');
    expect(page).toContain(renderPriceTable());
  });
});
