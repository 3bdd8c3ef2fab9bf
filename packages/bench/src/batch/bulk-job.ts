import type { BatchItem, ModelRequest } from '@bursar/core';

/** The model every item of the bulk job asks. */
export const bulkModel = 'claude-sonnet-4-6';

const categories = ['billing', 'shipping', 'returns', 'account', 'product', 'other'] as const;
const problems = [
  'arrived two weeks late',
  'was charged twice',
  'came with a cracked screen',
  'cannot log in after the password reset',
  'wants to return an unopened parcel',
  'asks whether the warranty covers water damage',
] as const;

/**
 * The shared instructions: a routing policy of 2,715 tokens (as the simulator
 * counts them), past sonnet-4-6's 1,024-token cache minimum, so the batch lane
 * caches it.
 */
export const routingPolicy = [
  `Classify each support ticket as exactly one of: ${categories.join(', ')}.`,
  'Answer with the category and one short reason.',
  ...Array.from(
    { length: 120 },
    (_, index) =>
      `Rule ${String(index + 1)}: a ticket that mentions ${problems[index % problems.length] ?? 'nothing'} on order batch ${String(100 + index * 3)} goes to ${categories[index % categories.length] ?? 'other'}.`,
  ),
].join('\n');

/**
 * `count` classification requests, the same every run: the cached policy as
 * the system prompt, one short ticket each, 48 output tokens at most.
 *
 * @example
 * ```ts
 * const items = bulkJob(10_000);
 * ```
 */
export function bulkJob(count: number): BatchItem[] {
  return Array.from({ length: count }, (_, index) => {
    const request: ModelRequest = {
      model: bulkModel,
      tools: [],
      system: [routingPolicy],
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
      maxTokens: 48,
      cache: { system: '5m' },
    };
    return { id: `ticket-${String(index).padStart(5, '0')}`, request };
  });
}
