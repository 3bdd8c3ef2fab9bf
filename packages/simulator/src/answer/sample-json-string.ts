import { ANSWER_WORDS } from './answer-words';
import { type JsonSchemaObject } from './json-schema-object';
import { type SeededRandom } from './seeded-random';

/**
 * Samples a short, word-like string that honours `minLength`, `maxLength`
 * and the common `format`s (date-time, date, time, email, uri, hostname,
 * ipv4, ipv6, uuid, duration and a few more). A formatted string is used
 * only when it also fits the length bounds; `pattern` is not honoured.
 *
 * @example
 * ```ts
 * sampleJsonString({ maxLength: 12 }, random, false); // e.g. 'quiet river'
 * sampleJsonString({ format: 'date' }, random, false); // e.g. '2024-07-19'
 * ```
 */
export function sampleJsonString(
  schema: JsonSchemaObject,
  random: SeededRandom,
  minimal: boolean,
): string {
  const minLength = wholeNumber(schema['minLength']) ?? 0;
  const maxLength = wholeNumber(schema['maxLength']) ?? Number.POSITIVE_INFINITY;
  const format = schema['format'];
  if (typeof format === 'string') {
    const formatted = formatString(format, random);
    if (formatted !== undefined && formatted.length >= minLength && formatted.length <= maxLength) {
      return formatted;
    }
  }
  const wordCount = minimal ? 1 : random.integer(1, 3);
  const words: string[] = [];
  for (let index = 0; index < wordCount; index += 1) words.push(random.pick(ANSWER_WORDS));
  let text = words.join(' ');
  while (text.length < minLength) text += ` ${random.pick(ANSWER_WORDS)}`;
  if (text.length > maxLength) {
    text = text.slice(0, maxLength);
    // A cut right after a word leaves a dangling space; drop it if the minimum allows.
    if (text.endsWith(' ') && text.length - 1 >= minLength) text = text.slice(0, -1);
  }
  return text;
}

function formatString(format: string, random: SeededRandom): string | undefined {
  switch (format) {
    case 'date-time':
      return `${sampleDate(random)}T${sampleTime(random)}Z`;
    case 'date':
      return sampleDate(random);
    case 'time':
      return `${sampleTime(random)}Z`;
    case 'email':
    case 'idn-email':
      return `${random.pick(ANSWER_WORDS)}.${random.pick(ANSWER_WORDS)}@example.com`;
    case 'uri':
    case 'iri':
    case 'uri-reference':
    case 'iri-reference':
      return `https://example.com/${random.pick(ANSWER_WORDS)}`;
    case 'uri-template':
      return `https://example.com/${random.pick(ANSWER_WORDS)}/{id}`;
    case 'hostname':
    case 'idn-hostname':
      return `${random.pick(ANSWER_WORDS)}.example.com`;
    case 'ipv4':
      // 192.0.2.0/24 is TEST-NET-1, reserved for documentation.
      return `192.0.2.${random.integer(1, 254)}`;
    case 'ipv6':
      return `2001:db8::${random.integer(1, 0xffff).toString(16)}`;
    case 'uuid':
      return sampleUuid(random);
    case 'duration':
      return `P${random.integer(1, 30)}D`;
    case 'json-pointer':
      return `/${random.pick(ANSWER_WORDS)}`;
    case 'relative-json-pointer':
      return `0/${random.pick(ANSWER_WORDS)}`;
    case 'regex':
      return `^${random.pick(ANSWER_WORDS)}$`;
    default:
      return undefined;
  }
}

function sampleDate(random: SeededRandom): string {
  // Day 28 at most, so every month is valid without a calendar.
  return `${random.integer(2020, 2026)}-${pad(random.integer(1, 12))}-${pad(random.integer(1, 28))}`;
}

function sampleTime(random: SeededRandom): string {
  return `${pad(random.integer(0, 23))}:${pad(random.integer(0, 59))}:${pad(random.integer(0, 59))}`;
}

function sampleUuid(random: SeededRandom): string {
  const hex = (length: number): string => {
    let text = '';
    for (let index = 0; index < length; index += 1) text += random.integer(0, 15).toString(16);
    return text;
  };
  // Version 4 (random) with the RFC 9562 variant bits (8, 9, a or b).
  const variant = random.pick(['8', '9', 'a', 'b']);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
