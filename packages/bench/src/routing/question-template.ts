/**
 * A question's shape with its particulars masked: quoted titles, numbers and
 * capitalized names (past the first word) become `_`. Questions that differ
 * only in what they ask about share a template, so a tier learned on one
 * applies to the others.
 *
 * @example
 * ```ts
 * questionTemplate('What is the batting hand of Pat Burrell?'); // 'What is the batting hand of _?'
 * ```
 */
export function questionTemplate(question: string): string {
  return question
    .replace(/"[^"]*"/g, '_')
    .replace(/\d[\d,.]*/g, '_')
    .replace(
      /\b[A-Z][\w'’.-]*(?:\s+(?:of|the|de|and|&)?\s*[A-Z][\w'’.-]*)*/g,
      (match, offset: number) => (offset === 0 ? match : '_'),
    );
}

/**
 * A pattern that matches every question of a template (each `_` stands for
 * any text), for a router rule.
 *
 * @example
 * ```ts
 * templatePattern('What is the batting hand of _?').test('What is the batting hand of JD Drew?'); // true
 * ```
 */
export function templatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/_/g, '.+');
  return new RegExp(`^${escaped}$`);
}
