import type { BatchItem, ModelRequest } from '@bursar/core';

/** The categories a ticket is classified into. */
export const ticketCategories = [
  'billing',
  'shipping',
  'returns',
  'account',
  'product',
  'other',
] as const;

const problems = [
  'arrived two weeks late',
  'was charged twice',
  'came with a cracked screen',
  'cannot log in after the password reset',
  'wants to return an unopened parcel',
  'asks whether the warranty covers water damage',
  'got the wrong size',
] as const;

const instructions = `Classify the support ticket as exactly one of: ${ticketCategories.join(', ')}. Answer with the category only.`;

/**
 * `count` short support tickets to classify, the same on every run: one
 * instruction line and a one-line ticket each, 16 output tokens at most. The
 * prompts are below every model's cache minimum, so both lanes bill the same
 * usage for the same ticket.
 *
 * @example
 * ```ts
 * const items = supportTickets(500, 'claude-haiku-4-5');
 * items[0]?.id; // 'ticket-0000'
 * ```
 */
export function supportTickets(count: number, model: string): BatchItem[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a whole number of at least 1, got ${String(count)}`);
  return Array.from({ length: count }, (_, index) => {
    const request: ModelRequest = {
      model,
      tools: [],
      system: [instructions],
      reference: [],
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'text',
              text: `Ticket ${String(index)}: customer ${String((7_919 * index) % 100_003)} ${problems[index % problems.length] ?? ''} (order ${String(500_000 + index)}).`,
            },
          ],
        },
      ],
      maxTokens: 16,
    };
    return { id: `ticket-${String(index).padStart(4, '0')}`, request };
  });
}
