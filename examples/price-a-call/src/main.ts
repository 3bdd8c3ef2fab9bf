// Prints the price table and prices one real billing record in every lane.
// Run: pnpm prices
import {
  createUsage,
  defaultPriceTable,
  formatUsd,
  priceCall,
  tokenClasses,
  type CostOptions,
} from '@bursar/core/pricing';
import { renderPriceTable } from './render-price-table';

const model = 'claude-sonnet-4-5-20250929';
const usage = createUsage({ input: 5730, output: 157 });

console.log(`Bursar price table, as of ${defaultPriceTable.asOf} (USD per million tokens)\n`);
console.log(renderPriceTable());
console.log(`\nSources:\n${defaultPriceTable.sources.map((source) => `- ${source}`).join('\n')}`);

console.log(`\nOne real billing record: ${model}, 5,730 input and 157 output tokens, no cache`);
const variants: readonly [string, CostOptions, string][] = [
  ['interactive', {}, model],
  ['batch lane', { lane: 'batch' }, model],
  ['same usage on sonnet-4-6, inference_geo us', { inferenceGeo: 'us' }, 'claude-sonnet-4-6'],
];
for (const [label, options, id] of variants) {
  const price = priceCall(usage, id, options);
  const parts = tokenClasses
    .filter((tokenClass) => usage[tokenClass] > 0)
    .map((tokenClass) => `${tokenClass} ${formatUsd(price.byClass[tokenClass])}`)
    .join(' + ');
  console.log(
    `- ${label}: ${formatUsd(price.total)} (${parts}; ${price.total.toLocaleString('en-US')} nano-dollars)`,
  );
}
