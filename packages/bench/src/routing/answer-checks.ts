/**
 * Phrases of an answer that admits it has none. The simulated model writes
 * "I could not establish the facts needed" when it kept no fact; the others
 * are common wordings of the same admission.
 */
const admissions =
  /could not (establish|find|determine)|couldn't (establish|find)|unable to (find|establish|determine)|no information (about|on)/i;

/**
 * The missing-answer check a cascade escalates on: the agent did not finish,
 * answered nothing, or said it found nothing. Returns the reason, or
 * undefined when the answer passes.
 *
 * @example
 * ```ts
 * missingAnswer('completed', 'Answer: I could not establish the facts needed.'); // 'the answer admits ...'
 * ```
 */
export function missingAnswer(status: string, text: string): string | undefined {
  if (status !== 'completed') return `the agent ended ${status}`;
  if (text.trim().length === 0) return 'the answer is empty';
  if (admissions.test(text)) return 'the answer admits it found nothing';
  return undefined;
}

/**
 * The items a worker's report states: what follows `Answer:` up to the end of
 * that sentence, split at `; ` (how the simulated model lists its findings).
 * A report that admits it found nothing states none.
 */
export function reportedItems(report: string): string[] {
  const body = /Answer:\s*([\s\S]*?)\.(?:\s|$)/.exec(report)?.[1];
  if (body === undefined || admissions.test(body)) return [];
  return body
    .split('; ')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/**
 * The synthesis check a cascade escalates on: the final answer must keep
 * every item the workers reported (the synthesis prompt asks exactly that).
 * Returns the reason, or undefined when the answer passes.
 *
 * @example
 * ```ts
 * droppedFindings(['Answer: Kell: 1,204 m.'], 'Answer: Kell: 1,204 m.'); // undefined
 * ```
 */
export function droppedFindings(reports: readonly string[], answer: string): string | undefined {
  const items = reports.flatMap(reportedItems);
  const dropped = items.filter((item) => !answer.includes(item));
  if (dropped.length === 0) return undefined;
  return `the answer drops ${String(dropped.length)} of ${String(items.length)} reported findings (first: ${dropped[0] ?? ''})`;
}
