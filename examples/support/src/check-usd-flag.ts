/**
 * Checks that a command-line flag's value is dollars as a plain decimal (at
 * most nine places, no sign or `$`), and returns it unchanged; throws an
 * error naming the flag and the value otherwise.
 *
 * @example
 * ```ts
 * checkUsdFlag('--total', '0.50'); // '0.50'
 * checkUsdFlag('--total', '$1'); // throws: --total must be dollars as a decimal, like 0.50; got $1
 * ```
 */
export function checkUsdFlag(flag: string, value: string): string {
  if (!/^\d+(\.\d{1,9})?$/.test(value))
    throw new Error(`${flag} must be dollars as a decimal, like 0.50; got ${value}`);
  return value;
}
