const maxLength = 120;

/**
 * A short, printable rendering of a value for error messages: strings quoted,
 * objects as JSON, long renderings cut.
 * @internal
 */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'bigint') text = `${value.toString()}n`;
  else if (typeof value === 'number' || typeof value === 'boolean' || value == null)
    text = String(value);
  else if (typeof value === 'function') text = '[function]';
  else if (typeof value === 'symbol') text = value.toString();
  else {
    try {
      text = JSON.stringify(value);
    } catch {
      // Cyclic or otherwise unserializable: say what it is rather than fail.
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}
