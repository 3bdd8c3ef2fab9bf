import * as z from 'zod';
import { benchmarkSection } from '../benchmark-section';
import { earlierRuns } from '../earlier-runs';
import { count, joinWords, ofTotal, ratio, times, usd } from '../format-figures';
import { joinBlocks } from '../markdown/join-blocks';
import { markdownTable } from '../markdown/markdown-table';
import { paragraph } from '../markdown/wrap-prose';
import { runHeading } from '../run-heading';
import { runInfoShape } from '../run-info-schema';

const shapeSchema = z.looseObject({
  shape: z.string(),
  openAtOnce: z.number().int().positive(),
  budgetsBooked: z.number().int().positive(),
  pairsPerSecond: z.number().positive(),
  microsecondsPerPair: z.number().positive(),
  samplesMicrosecondsPerPair: z.array(z.number()).min(1),
  costCallsPerPair: z.number().positive(),
});

/** The fields of results/governor-overhead.json this section reads. */
export const governorOverheadSchema = z.looseObject({
  ...runInfoShape,
  settings: z.looseObject({
    pairsPerSample: z.number().int().positive(),
    samples: z.number().int().positive(),
    warmupSamples: z.number().int().nonnegative(),
    targetMicrosecondsPerPair: z.number().positive(),
  }),
  call: z.looseObject({
    model: z.string(),
    inputTokensBound: z.number().int(),
    maxTokens: z.number().int(),
    cacheWrites: z.string(),
  }),
  usage: z.looseObject({
    input: z.number().int(),
    cacheWrite5m: z.number().int(),
    cacheWrite1h: z.number().int(),
    cacheRead: z.number().int(),
    output: z.number().int(),
  }),
  usageCostNanodollars: z.number().int(),
  boundNanodollars: z.number().int(),
  pricingsPerPair: z.number().int().positive(),
  pricingMicrosecondsPerPair: z.number(),
  cost: z.looseObject({
    callsPerSecond: z.number().positive(),
    microsecondsPerCall: z.number().positive(),
  }),
  shapes: z.array(shapeSchema).min(1),
});

/** {@link governorOverheadSchema}'s type. */
export type GovernorOverheadResults = z.infer<typeof governorOverheadSchema>;
type Shape = z.infer<typeof shapeSchema>;

function shapeName(shape: Shape): string {
  if (shape.shape === 'top-level') return 'top-level hard budget';
  if (shape.shape === 'fan-out') return `fan-out, ${String(shape.openAtOnce)} held open`;
  const depth = /^allowance-depth-(\d+)$/.exec(shape.shape)?.[1];
  if (depth !== undefined) return `allowance, ${depth} levels deep`;
  return shape.shape;
}

/** Half the spread of a shape's samples: a difference smaller than this is noise. */
function noise(shape: Shape): number {
  const samples = shape.samplesMicrosecondsPerPair;
  return (Math.max(...samples) - Math.min(...samples)) / 2;
}

function difference(base: Shape, other: Shape): string {
  const delta = other.microsecondsPerPair - base.microsecondsPerPair;
  if (Math.abs(delta) <= noise(base)) return 'nothing measurable';
  return delta > 0
    ? `about ${delta.toFixed(2)} µs a pair`
    : `${(-delta).toFixed(2)} µs a pair less (within a noisy machine's reach)`;
}

/**
 * The governor overhead section: what one `reserve` plus `settle` costs in
 * each budget shape, against a bare `cost()` call and the 5 µs target.
 *
 * @example
 * ```ts
 * renderGovernorOverheadSection(parseResults(file, governorOverheadSchema, json));
 * ```
 */
export function renderGovernorOverheadSection(results: GovernorOverheadResults): string {
  const { settings, call, usage, shapes } = results;
  const target = settings.targetMicrosecondsPerPair;
  const meeting = shapes.filter((shape) => shape.microsecondsPerPair < target);
  const missing = shapes.filter((shape) => shape.microsecondsPerPair >= target);
  const slowest = shapes.reduce((left, right) =>
    right.microsecondsPerPair > left.microsecondsPerPair ? right : left,
  );
  const fastestTime = Math.min(...shapes.map((shape) => shape.microsecondsPerPair));
  let verdict: string;
  if (missing.length === 0) {
    verdict = `The target, under ${String(target)} µs per pair, is met in every shape (the slowest takes ${slowest.microsecondsPerPair.toFixed(2)} µs).`;
  } else if (meeting.length === 0) {
    verdict = `The target, under ${String(target)} µs per pair, is not met in any shape (the fastest takes ${fastestTime.toFixed(2)} µs).`;
  } else {
    verdict = `The target, under ${String(target)} µs per pair, is met in ${ofTotal(meeting.length, shapes.length)} shapes; not in ${joinWords(missing.map((shape) => `${shapeName(shape)} (${shape.microsecondsPerPair.toFixed(2)} µs)`))}.`;
  }

  const reservePricings = results.pricingsPerPair - 1;
  const reserveText =
    reservePricings === 1
      ? '`reserve` prices the bound once, at the dearest class the call allows (the rates of its tier decide which)'
      : `\`reserve\` prices the bound ${times(reservePricings)}, once per cache-write class the call may incur`;
  const fastest = shapes.reduce((left, right) =>
    right.microsecondsPerPair < left.microsecondsPerPair ? right : left,
  );
  const ledger = fastest.microsecondsPerPair - results.pricingMicrosecondsPerPair;
  const pricing =
    `A pair prices ${times(results.pricingsPerPair)} (the benchmark counts the price-table lookups): ` +
    `${reserveText}, and \`settle\` prices the actual usage; that is about ` +
    `${results.pricingMicrosecondsPerPair.toFixed(2)} µs at the bare \`cost()\` rate, and the ledger ` +
    `(amounts, the open set, the reservation's id) is the rest` +
    (ledger > 0 ? `, about ${ledger.toFixed(2)} µs in the fastest shape.` : '.');

  const base = shapes.find((shape) => shape.shape === 'top-level');
  const comparisons: string[] = [];
  if (base !== undefined) {
    for (const shape of shapes) {
      if (shape === base) continue;
      if (shape.budgetsBooked > base.budgetsBooked) {
        comparisons.push(
          `booking into ${String(shape.budgetsBooked)} budgets (${shapeName(shape)}) adds ${difference(base, shape)}`,
        );
      } else if (shape.openAtOnce > base.openAtOnce) {
        const added = difference(base, shape);
        comparisons.push(
          `holding ${String(shape.openAtOnce)} reservations open adds ${added}${added === 'nothing measurable' ? ' (the open set is a `Set`)' : ''}`,
        );
      }
    }
  }
  const comparison =
    comparisons.length === 0
      ? undefined
      : `Against the top-level budget, ${joinWords(comparisons)}; a difference within half the spread of the top-level samples counts as nothing measurable.`;

  return joinBlocks([
    runHeading({
      title: 'Governor overhead',
      script: 'governor-overhead',
      resultsFile: 'governor-overhead.json',
      run: results,
    }),
    paragraph(
      `One \`budget.reserve(call)\` plus \`reservation.settle(usage)\` of \`@bursar/core\` for a ` +
        `\`${call.model}\` call (bound ${count(call.inputTokensBound)} prompt + ${count(call.maxTokens)} output tokens, ` +
        `\`cacheWrites: '${call.cacheWrites}'\`; billed input ${count(usage.input)}, 5-minute cache write ` +
        `${count(usage.cacheWrite5m)}, 1-hour cache write ${count(usage.cacheWrite1h)}, cache read ${count(usage.cacheRead)}, ` +
        `output ${count(usage.output)}: ${usd(results.usageCostNanodollars, 6)} against a ${usd(results.boundNanodollars, 6)} hold), ` +
        `no event listener, next to one bare \`cost(usage, model)\`; median of ${String(settings.samples)} samples ` +
        `of ${count(settings.pairsPerSample)} pairs, after ${String(settings.warmupSamples)} untimed samples:`,
    ),
    markdownTable(
      [
        'measured',
        'open at once',
        'budgets booked',
        'per second',
        'µs each',
        'µs min-max',
        'vs `cost()`',
      ],
      [
        [
          '`cost(usage, model)`',
          '-',
          '-',
          count(results.cost.callsPerSecond),
          results.cost.microsecondsPerCall.toFixed(2),
          '-',
          ratio(1),
        ],
        ...shapes.map((shape) => [
          shapeName(shape),
          String(shape.openAtOnce),
          String(shape.budgetsBooked),
          count(shape.pairsPerSecond),
          shape.microsecondsPerPair.toFixed(2),
          `${Math.min(...shape.samplesMicrosecondsPerPair).toFixed(2)}-${Math.max(...shape.samplesMicrosecondsPerPair).toFixed(2)}`,
          ratio(shape.costCallsPerPair),
        ]),
      ],
    ),
    paragraph([verdict, pricing, comparison].filter((text) => text !== undefined).join(' ')),
    earlierRuns([
      "After commit c80eb6d (the budget's charge events carry the label, model, lane and cost by class), a pair took 3.58 µs: `emit` built each event even with no one listening, until commit ed0113e made it return first.",
      'Before commit bc44dc2, `reserve` priced the bound once per allowed cache-write class (three pricings a pair), and a pair took 3.8 µs.',
    ]),
  ]);
}

/** The governor overhead section of docs/benchmarks.md. */
export const governorOverheadSection = benchmarkSection(
  'governor-overhead.json',
  governorOverheadSchema,
  renderGovernorOverheadSection,
);
