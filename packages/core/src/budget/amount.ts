import type { Amount } from './budget-events';

/** Nothing, in both dimensions. @internal */
export const zeroAmount: Amount = { usd: 0, tokens: 0 };

/** @internal */
export function add(a: Amount, b: Amount): Amount {
  return { usd: a.usd + b.usd, tokens: a.tokens + b.tokens };
}

/** @internal */
export function subtract(a: Amount, b: Amount): Amount {
  return { usd: a.usd - b.usd, tokens: a.tokens - b.tokens };
}

/** The smaller of each dimension. @internal */
export function min(a: Amount, b: Amount): Amount {
  return { usd: Math.min(a.usd, b.usd), tokens: Math.min(a.tokens, b.tokens) };
}
