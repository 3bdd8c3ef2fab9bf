import { defaultPriceTable, type PriceTable } from '@bursar/core/pricing';

/**
 * The price table as the Markdown that docs/pricing.md embeds, so the page is
 * generated from the data and a test can tell when the two drift apart.
 */
export function renderPriceTable(table: PriceTable = defaultPriceTable): string {
  const header = [
    '| model | input | 5m write | 1h write | cache hit | output | long context (> prompt) | fast (in/out) | geo us | min cache | context / max out |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const rows = table.models.map((model) => {
    const { prices } = model;
    const longContext =
      model.longContext === undefined
        ? ''
        : `${model.longContext.prices.input} / ${model.longContext.prices.output} (> ${model.longContext.abovePromptTokens.toLocaleString('en-US')})`;
    const fast = model.fast === undefined ? '' : `${model.fast.input} / ${model.fast.output}`;
    const notes = [
      model.availability === 'cloud-only' ? 'cloud only' : '',
      model.retiresOn === undefined ? '' : `retires ${model.retiresOn}`,
      model.confidence === 'unsure' ? 'unsure' : '',
    ].filter((note) => note.length > 0);
    const name = notes.length > 0 ? `${model.id} (${notes.join(', ')})` : model.id;
    return `| ${name} | ${prices.input} | ${prices.cacheWrite5m} | ${prices.cacheWrite1h} | ${prices.cacheRead} | ${prices.output} | ${longContext} | ${fast} | ${model.geoSurcharge ? '1.1x' : ''} | ${model.minCacheableTokens.toLocaleString('en-US')} | ${formatTokens(model.contextWindow)} / ${formatTokens(model.maxOutputTokens)} |`;
  });
  return [...header, ...rows].join('\n');
}

function formatTokens(tokens: number): string {
  if (tokens >= 1_000_000 && tokens % 1_000_000 === 0) return `${tokens / 1_000_000}M`;
  if (tokens % 1000 === 0) return `${tokens / 1000}k`;
  return tokens.toLocaleString('en-US');
}
