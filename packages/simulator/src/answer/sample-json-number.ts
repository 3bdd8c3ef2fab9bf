import { type JsonSchemaObject } from './json-schema-object';
import { type SeededRandom } from './seeded-random';

/**
 * Options of {@link sampleJsonNumber}.
 *
 * @example
 * ```ts
 * const options: SampleJsonNumberOptions = { integer: true, minimal: false };
 * ```
 */
export interface SampleJsonNumberOptions {
  /** Produce a whole number (`type: 'integer'`). */
  readonly integer: boolean;
  /** Produce the value closest to zero that fits, instead of a random one. */
  readonly minimal: boolean;
}

// Without bounds, numbers stay in a small, readable range.
const DEFAULT_SPAN = 100;
// Lets k * step land on a bound despite binary floating point (0.3 / 0.1 is 2.9999999999999996).
const EPSILON = 1e-9;

interface Bound {
  readonly value: number;
  readonly exclusive: boolean;
}

/**
 * Samples a number that honours `minimum`, `maximum`, `exclusiveMinimum`,
 * `exclusiveMaximum` (the 2020-12 number form and the draft 4 boolean form)
 * and `multipleOf`. Plain numbers get at most two decimals. When the bounds
 * leave no valid value, the lower bound is returned as a best effort.
 *
 * @example
 * ```ts
 * sampleJsonNumber({ minimum: 10, maximum: 20, multipleOf: 5 }, random, {
 *   integer: true,
 *   minimal: false,
 * }); // 10, 15 or 20
 * ```
 */
export function sampleJsonNumber(
  schema: JsonSchemaObject,
  random: SeededRandom,
  options: SampleJsonNumberOptions,
): number {
  const lower = readBound(schema, 'minimum', 'exclusiveMinimum', Math.max);
  const upper = readBound(schema, 'maximum', 'exclusiveMaximum', Math.min);
  const multipleOf = positiveNumber(schema['multipleOf']);
  if (options.integer || multipleOf !== undefined) {
    const step = stepFor(multipleOf, options.integer);
    return sampleMultiple(step, lower, upper, random, options.minimal);
  }
  return sampleDecimal(lower, upper, random, options.minimal);
}

function sampleMultiple(
  step: number,
  lower: Bound | undefined,
  upper: Bound | undefined,
  random: SeededRandom,
  minimal: boolean,
): number {
  const span = Math.max(Math.floor(DEFAULT_SPAN / step), 10);
  let lowest =
    lower === undefined
      ? undefined
      : lower.exclusive
        ? Math.floor(lower.value / step + EPSILON) + 1
        : Math.ceil(lower.value / step - EPSILON);
  let highest =
    upper === undefined
      ? undefined
      : upper.exclusive
        ? Math.ceil(upper.value / step - EPSILON) - 1
        : Math.floor(upper.value / step + EPSILON);
  if (lowest === undefined && highest === undefined) lowest = 0;
  lowest ??= (highest ?? 0) - span;
  highest ??= lowest + span;
  if (lowest > highest) return roundToStep(lowest * step, step);
  const factor = minimal
    ? Math.min(Math.max(0, lowest), highest)
    : random.integer(lowest, Math.min(highest, lowest + span));
  return roundToStep(factor * step, step);
}

function sampleDecimal(
  lower: Bound | undefined,
  upper: Bound | undefined,
  random: SeededRandom,
  minimal: boolean,
): number {
  const low = lower?.value ?? (upper === undefined ? 0 : upper.value - DEFAULT_SPAN);
  const high = upper?.value ?? low + DEFAULT_SPAN;
  const fits = (value: number): boolean =>
    (lower === undefined || (lower.exclusive ? value > lower.value : value >= lower.value)) &&
    (upper === undefined || (upper.exclusive ? value < upper.value : value <= upper.value));
  const candidate = minimal ? 0 : Math.round((low + random.next() * (high - low)) * 100) / 100;
  if (fits(candidate)) return candidate;
  if (fits(low)) return low;
  // Rounding pushed the value onto an exclusive bound; the midpoint is strictly inside.
  const middle = low + (high - low) / 2;
  return fits(middle) ? middle : low;
}

function readBound(
  schema: JsonSchemaObject,
  inclusiveKeyword: string,
  exclusiveKeyword: string,
  tighter: (first: number, second: number) => number,
): Bound | undefined {
  const inclusive = finiteNumber(schema[inclusiveKeyword]);
  const exclusive = schema[exclusiveKeyword];
  if (exclusive === true && inclusive !== undefined) return { value: inclusive, exclusive: true };
  const exclusiveValue = finiteNumber(exclusive);
  if (exclusiveValue === undefined) {
    return inclusive === undefined ? undefined : { value: inclusive, exclusive: false };
  }
  if (inclusive === undefined) return { value: exclusiveValue, exclusive: true };
  const value = tighter(inclusive, exclusiveValue);
  // On a tie the exclusive bound is the stricter one.
  return { value, exclusive: value === exclusiveValue };
}

function stepFor(multipleOf: number | undefined, integer: boolean): number {
  if (multipleOf === undefined) return 1;
  if (!integer || Number.isInteger(multipleOf)) return multipleOf;
  // An integer that is a multiple of 1.5 is a multiple of 3: find the
  // smallest whole multiple of the step.
  for (let times = 2; times <= 1000; times += 1) {
    const candidate = multipleOf * times;
    if (Math.abs(candidate - Math.round(candidate)) < EPSILON) return Math.round(candidate);
  }
  return multipleOf;
}

function roundToStep(value: number, step: number): number {
  if (Number.isInteger(step)) return Math.round(value);
  // Keep as many decimals as the step has, so 3 * 0.1 prints as 0.3.
  const decimals = Math.min(20, Math.max(0, -Math.floor(Math.log10(step)) + 6));
  return Number(value.toFixed(decimals));
}

function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function positiveNumber(value: unknown): number | undefined {
  const number = finiteNumber(value);
  return number !== undefined && number > 0 ? number : undefined;
}
