/**
 * A deterministic source of randomness: the same seed always yields the same
 * sequence, so a simulated answer can be replayed exactly.
 *
 * @example
 * ```ts
 * const random: SeededRandom = createSeededRandom('seed');
 * random.pick(['heads', 'tails']);
 * ```
 */
export interface SeededRandom {
  /**
   * The next number in [0, 1).
   *
   * @example
   * ```ts
   * createSeededRandom('seed').next(); // a number in [0, 1)
   * ```
   */
  next(): number;
  /**
   * A whole number in [min, max], both ends included. Fractional bounds are
   * rounded inward (`min` up, `max` down).
   *
   * @throws RangeError when no whole number lies between the bounds.
   * @example
   * ```ts
   * createSeededRandom('seed').integer(1, 6); // 1, 2, 3, 4, 5 or 6
   * ```
   */
  integer(min: number, max: number): number;
  /**
   * One element of a non-empty list.
   *
   * @throws RangeError when the list is empty.
   * @example
   * ```ts
   * createSeededRandom('seed').pick(['red', 'green', 'blue']);
   * ```
   */
  pick<TItem>(items: readonly TItem[]): TItem;
  /**
   * A string of `length` base62 characters (0-9, A-Z, a-z).
   *
   * @example
   * ```ts
   * createSeededRandom('seed').identifier(22); // e.g. '4fTq0ZkLr9...'
   * ```
   */
  identifier(length: number): string;
}

const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Hashes text to an unsigned 32-bit integer with FNV-1a over its UTF-16 code
 * units. Not cryptographic: it only spreads seeds apart.
 *
 * @example
 * ```ts
 * hashString(''); // 2166136261
 * hashString('a') === hashString('a'); // true
 * ```
 */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Creates a deterministic random source (the sfc32 generator) from a seed.
 * Numbers are hashed through their string form, so `42` and `'42'` give the
 * same sequence.
 *
 * @example
 * ```ts
 * const first = createSeededRandom('request-1');
 * const second = createSeededRandom('request-1');
 * first.next() === second.next(); // true
 * first.identifier(8); // e.g. 'q3Xf0aZ2'
 * ```
 */
export function createSeededRandom(seed: string | number): SeededRandom {
  // splitmix32 spreads one 32-bit hash into sfc32's four words of state, so
  // seeds that hash to nearby values still start far apart.
  let mixer = hashString(String(seed));
  const splitmix = (): number => {
    mixer = (mixer + 0x9e3779b9) | 0;
    let value = mixer;
    value = Math.imul(value ^ (value >>> 16), 0x21f0aaad);
    value = Math.imul(value ^ (value >>> 15), 0x735a2d97);
    return (value ^ (value >>> 15)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let counter = splitmix();

  const nextUint32 = (): number => {
    const result = (((a + b) | 0) + counter) | 0;
    counter = (counter + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + result) | 0;
    return result >>> 0;
  };
  // The first outputs of sfc32 still echo the seed; discard them.
  for (let round = 0; round < 12; round += 1) nextUint32();

  const next = (): number => nextUint32() / 4_294_967_296;

  const integer = (min: number, max: number): number => {
    const low = Math.ceil(min);
    const high = Math.floor(max);
    if (!Number.isFinite(low) || !Number.isFinite(high) || low > high) {
      throw new RangeError(
        `integer(min, max) needs a whole number between ${min} and ${max}, inclusive`,
      );
    }
    return low + Math.floor(next() * (high - low + 1));
  };

  const pick = <TItem>(items: readonly TItem[]): TItem => {
    if (items.length === 0) throw new RangeError('pick(items) needs at least one item');
    return items[Math.floor(next() * items.length)] as TItem;
  };

  const identifier = (length: number): string => {
    let text = '';
    for (let index = 0; index < length; index += 1) {
      text += BASE62_ALPHABET.charAt(Math.floor(next() * BASE62_ALPHABET.length));
    }
    return text;
  };

  return { next, integer, pick, identifier };
}
