import { BursarError, hasErrorMarker } from './bursar-error';

const marker = 'bursar.error.ToolTimeoutError';
const symbol = Symbol.for(marker);

/**
 * A tool did not return within the grace period after its run was aborted:
 * its result, if it ever comes, is discarded.
 *
 * @example
 * ```ts
 * if (ToolTimeoutError.isInstance(error)) console.log(error.tool, error.graceMs);
 * ```
 */
export class ToolTimeoutError extends BursarError {
  /** Marker for `isInstance` across package copies. @internal */
  readonly [symbol] = true;
  override readonly name: string = 'ToolTimeoutError';
  readonly tool: string;
  readonly graceMs: number;

  constructor(options: { tool: string; graceMs: number }) {
    super(
      `Tool ${options.tool} ignored the abort for ${String(options.graceMs)} ms; its late result is discarded`,
    );
    this.tool = options.tool;
    this.graceMs = options.graceMs;
  }

  static override isInstance(error: unknown): error is ToolTimeoutError {
    return hasErrorMarker(error, marker);
  }
}
