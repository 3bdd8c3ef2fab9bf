import {
  cost,
  defaultServerToolPrices,
  formatUsd,
  serverToolCost,
  type ServerToolPrices,
  type ServerToolUse,
  type InferenceGeo,
  type Lane,
  type Nanodollars,
  type PriceTable,
  type Speed,
  type Usage,
} from '@bursar/core/pricing';

/** One billed request. */
export interface InvoiceLine {
  /** The message id (`msg_…`) the request produced. */
  readonly id: string;
  readonly requestId: string;
  /** Canonical model id. */
  readonly model: string;
  readonly lane: Lane;
  readonly speed: Speed;
  readonly inferenceGeo: InferenceGeo;
  readonly usage: Usage;
  /** Server tool requests (web search, web fetch); absent when the request ran none. */
  readonly serverToolUse?: ServerToolUse;
  /** Tokens at the model's prices plus server tool requests at theirs. */
  readonly cost: Nanodollars;
  /** The part of `cost` that server tool requests add; absent when none ran. */
  readonly serverToolCost?: Nanodollars;
  /** Simulator time the request started, in ms. */
  readonly at: number;
  /** What was special about it: `stream_cut`, `client_canceled`, or `batch <id>`. */
  readonly note?: string;
}

/** The invoice: every billed request and the total. */
export interface Invoice {
  readonly lines: readonly InvoiceLine[];
  readonly total: Nanodollars;
  /** The total as dollars, for people. */
  readonly totalUsd: string;
}

/**
 * The simulator's bill. Each line is priced with `@bursar/core/pricing`
 * (tokens with `cost`, server tool requests with `serverToolCost`), so a run's
 * ledger and this invoice agree to the nano-dollar. Errored requests add no
 * line.
 *
 * @example
 * ```ts
 * const ledger = new InvoiceLedger(defaultPriceTable);
 * ledger.bill({ id, requestId, model, lane: 'interactive', speed: 'standard', inferenceGeo: 'global', usage, at });
 * ledger.invoice().total;
 * ```
 */
export class InvoiceLedger {
  private lines: InvoiceLine[] = [];
  private total = 0;
  private readonly priceTable: PriceTable;
  private readonly serverToolPrices: ServerToolPrices;

  constructor(
    priceTable: PriceTable,
    serverToolPrices: ServerToolPrices = defaultServerToolPrices,
  ) {
    this.priceTable = priceTable;
    this.serverToolPrices = serverToolPrices;
  }

  bill(line: Omit<InvoiceLine, 'cost' | 'serverToolCost'>): InvoiceLine {
    const tokens = cost(line.usage, line.model, {
      lane: line.lane,
      speed: line.speed,
      inferenceGeo: line.inferenceGeo,
      priceTable: this.priceTable,
    });
    const tools =
      line.serverToolUse === undefined
        ? 0
        : serverToolCost(line.serverToolUse, this.serverToolPrices);
    const priced: InvoiceLine = {
      ...line,
      cost: tokens + tools,
      ...(line.serverToolUse === undefined ? {} : { serverToolCost: tools }),
    };
    this.lines.push(priced);
    this.total += priced.cost;
    return priced;
  }

  invoice(): Invoice {
    return { lines: [...this.lines], total: this.total, totalUsd: formatUsd(this.total) };
  }

  reset(): void {
    this.lines = [];
    this.total = 0;
  }
}
