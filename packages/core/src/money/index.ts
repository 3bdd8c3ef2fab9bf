export {
  NANODOLLARS_PER_USD,
  assertNanodollars,
  parseUsd,
  usdToNanodollars,
  type Nanodollars,
} from './nanodollars';
export { formatUsd, type FormatUsdOptions } from './format-usd';
