import { createHash } from 'node:crypto';

const prefix = 'simthink1';

/**
 * The `signature` of a thinking block the simulator wrote. Like the API's, it
 * is opaque to the client; unlike the API's, it carries the thinking's token
 * count in the clear, so a block sent back with its text omitted
 * (`display: "omitted"`) or summarized is billed as input for the thinking the
 * model actually did, as the API bills it.
 *
 * @example
 * ```ts
 * const signature = signThinking('Weigh the two rivers first.', 7);
 * thinkingTokensOfSignature(signature); // 7
 * ```
 */
export function signThinking(thinking: string, tokens: number): string {
  const digest = createHash('sha256')
    .update(`${String(tokens)}\u0000${thinking}`)
    .digest('base64url');
  return `${prefix}.${String(tokens)}.${digest.slice(0, 32)}`;
}

/**
 * The thinking tokens a signature from {@link signThinking} records, or
 * `undefined` for any other signature (one from the real API or another tool).
 *
 * @example
 * ```ts
 * thinkingTokensOfSignature('EqQBCkYIBxgCKkB…'); // undefined
 * ```
 */
export function thinkingTokensOfSignature(signature: unknown): number | undefined {
  if (typeof signature !== 'string') return undefined;
  const match = /^simthink1\.(\d{1,9})\.[\w-]{32}$/.exec(signature);
  return match === null ? undefined : Number(match[1]);
}
