import type { Difficulty, RouteRequest, RouteRole } from './route-request';

/**
 * A user's rule: steps it matches go to `model`. Every matcher given must
 * match; a rule with none matches every step (a catch-all). Rules are tried
 * in order and the first match wins; the per-step minimum still applies.
 *
 * @example
 * ```ts
 * const rule: RoutingRule = {
 *   name: 'lists',
 *   role: 'subagent',
 *   pattern: /^(Who|What) (were|are) the (first|top) \d+/,
 *   model: 'claude-sonnet-4-6',
 * };
 * ```
 */
export interface RoutingRule {
  /** Names the rule in decisions' reasons. @default `rules[<index>]` */
  readonly name?: string;
  /** The roles it applies to. @default every role */
  readonly role?: RouteRole | readonly RouteRole[];
  /** Tested against the step's text (a `g` or `y` flag is ignored: matching keeps no state). */
  readonly pattern?: RegExp;
  /** The text's least length in characters, inclusive. */
  readonly minChars?: number;
  /** The text's greatest length in characters, inclusive. */
  readonly maxChars?: number;
  /** The triage judgement it applies to; a step without one never matches. */
  readonly difficulty?: Difficulty;
  /** Where matching steps go: any model the price table knows. */
  readonly model: string;
}

/**
 * Whether `rule` matches `step` (pure: a pattern's `lastIndex` is never read
 * or moved).
 *
 * @example
 * ```ts
 * matchesRule({ role: 'plan', model: 'claude-opus-4-6' }, { role: 'plan', text: 'x', attempt: 0 }); // true
 * ```
 */
export function matchesRule(rule: RoutingRule, step: RouteRequest): boolean {
  if (rule.role !== undefined) {
    const roles: readonly RouteRole[] = typeof rule.role === 'string' ? [rule.role] : rule.role;
    if (!roles.includes(step.role)) return false;
  }
  if (rule.minChars !== undefined && step.text.length < rule.minChars) return false;
  if (rule.maxChars !== undefined && step.text.length > rule.maxChars) return false;
  if (rule.difficulty !== undefined && step.difficulty !== rule.difficulty) return false;
  if (rule.pattern !== undefined) {
    // A copy without g/y: `test` on those reads and moves lastIndex.
    const pattern = new RegExp(rule.pattern.source, rule.pattern.flags.replace(/[gy]/g, ''));
    if (!pattern.test(step.text)) return false;
  }
  return true;
}
