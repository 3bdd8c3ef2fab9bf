import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { Nanodollars } from '../money/nanodollars';

/**
 * Server tool requests of one call, as the API's `usage.server_tool_use`
 * reports them (`web_search_requests`, `web_fetch_requests`), in camelCase.
 *
 * @example
 * ```ts
 * const use: ServerToolUse = { webSearchRequests: 2, webFetchRequests: 1 };
 * ```
 */
export interface ServerToolUse {
  /** Web searches run (`usage.server_tool_use.web_search_requests`). */
  readonly webSearchRequests: number;
  /** Web fetches run (`usage.server_tool_use.web_fetch_requests`). */
  readonly webFetchRequests: number;
}

/**
 * Prices of server tools beyond their tokens, in integer nano-dollars. The
 * tokens they add (search results, fetched pages) are billed as input at the
 * model's prices; these are the charges per use on top.
 *
 * @example
 * ```ts
 * const prices: ServerToolPrices = { ...defaultServerToolPrices, webSearchRequest: 8_000_000 };
 * ```
 */
export interface ServerToolPrices {
  /** When these prices were true. */
  readonly asOf: string;
  /** Per web search: $10 per 1,000 searches is 10,000,000 nano-dollars each. */
  readonly webSearchRequest: Nanodollars;
  /** Per web fetch: none beyond the fetched tokens. */
  readonly webFetchRequest: Nanodollars;
  /**
   * Per container-hour of code execution, after the free hours of a month.
   * Not in `usage` (the API reports no container time per call), so no
   * per-call price can use it; kept for budgets that plan container time.
   */
  readonly codeExecutionContainerHour: Nanodollars;
}

/**
 * Server tool prices of the Anthropic API (November 2026): web search $10
 * per 1,000 searches (a search that errors is not billed); web fetch no
 * charge beyond tokens; code execution $0.05 per container-hour past the
 * free hours (unsure: third-party copies of the pricing page).
 *
 * @example
 * ```ts
 * defaultServerToolPrices.webSearchRequest; // 10_000_000 ($0.01)
 * ```
 */
export const defaultServerToolPrices: ServerToolPrices = Object.freeze({
  asOf: '2026-11-25',
  webSearchRequest: 10_000_000,
  webFetchRequest: 0,
  codeExecutionContainerHour: 50_000_000,
});

/** No server tool requests. */
export const noServerToolUse: ServerToolUse = Object.freeze({
  webSearchRequests: 0,
  webFetchRequests: 0,
});

/**
 * What a call's server tool requests cost on top of its tokens, in integer
 * nano-dollars: each search and each fetch at its price. Lanes and geo
 * multipliers do not apply (they price tokens).
 *
 * @throws InvalidArgumentError when a count is not a non-negative whole number.
 * @example
 * ```ts
 * serverToolCost({ webSearchRequests: 3, webFetchRequests: 1 }); // 30_000_000 ($0.03)
 * ```
 */
export function serverToolCost(
  use: ServerToolUse,
  prices: ServerToolPrices = defaultServerToolPrices,
): Nanodollars {
  const searches = requestCount(use.webSearchRequests, 'serverToolUse.webSearchRequests');
  const fetches = requestCount(use.webFetchRequests, 'serverToolUse.webFetchRequests');
  const total = searches * prices.webSearchRequest + fetches * prices.webFetchRequest;
  if (!Number.isSafeInteger(total)) {
    throw new InvalidArgumentError({
      argument: 'serverToolUse',
      value: use,
      message: 'the cost of these server tool requests exceeds what nano-dollars can hold',
    });
  }
  return total;
}

/**
 * Reads the API's `usage.server_tool_use` (`null` or absent: none) into a
 * {@link ServerToolUse}.
 *
 * @example
 * ```ts
 * fromAnthropicServerToolUse({ web_search_requests: 2, web_fetch_requests: 0 }); // { webSearchRequests: 2, webFetchRequests: 0 }
 * fromAnthropicServerToolUse(null); // { webSearchRequests: 0, webFetchRequests: 0 }
 * ```
 */
export function fromAnthropicServerToolUse(
  wire:
    | { readonly web_search_requests?: number | null; readonly web_fetch_requests?: number | null }
    | null
    | undefined,
): ServerToolUse {
  if (wire == null) return noServerToolUse;
  return {
    webSearchRequests: requestCount(
      wire.web_search_requests ?? 0,
      'server_tool_use.web_search_requests',
    ),
    webFetchRequests: requestCount(
      wire.web_fetch_requests ?? 0,
      'server_tool_use.web_fetch_requests',
    ),
  };
}

function requestCount(value: unknown, argument: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError({
      argument,
      value,
      message: 'expected a non-negative whole number of requests',
    });
  }
  return value;
}
