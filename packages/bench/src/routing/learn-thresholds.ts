import type { RouteRole, RoutingRule } from '@bursar/core';
import { templatePattern } from './question-template';

/** One measured try on the training split: a step of a kind, on a tier, and its grade. */
export interface TierObservation {
  readonly workload: string;
  readonly role: RouteRole;
  /** The question's template (`questionTemplate`), or undefined where only the role counts. */
  readonly template: string | undefined;
  readonly model: string;
  readonly grade: number;
}

/** Options of {@link learnRules}. */
export interface LearnOptions {
  /** Cheapest first. */
  readonly tiers: readonly string[];
  /** The least mean grade a tier must reach on the training split. */
  readonly threshold: number;
  /** Steps of a template the training split must hold before it gets a rule of its own. */
  readonly minSamples: number;
}

/** The cheapest tier whose mean grade over `observations` reaches `threshold`, else the top. */
function cheapestPassing(
  observations: readonly TierObservation[],
  tiers: readonly string[],
  threshold: number,
): string {
  for (const tier of tiers) {
    const grades = observations.filter((each) => each.model === tier).map((each) => each.grade);
    if (grades.length === 0) continue;
    const mean = grades.reduce((sum, grade) => sum + grade, 0) / grades.length;
    // A hair of slack: a mean of ten 0.9s must pass a 0.9 threshold.
    if (mean >= threshold - 1e-9) return tier;
  }
  return tiers.at(-1) ?? '';
}

/**
 * Learned thresholds as router rules, per workload: for each question
 * template with at least `minSamples` training steps, and for each role as a
 * whole, the cheapest tier whose mean measured grade reached `threshold`.
 * Template rules come first (only where they differ from their role's), then
 * one rule per role; a step the rules miss takes the router's default.
 *
 * @example
 * ```ts
 * const rules = learnRules(observations, { tiers, threshold: 0.9, minSamples: 2 }).get('parallelqa');
 * const router = createRouter({ rules });
 * ```
 */
export function learnRules(
  observations: readonly TierObservation[],
  options: LearnOptions,
): Map<string, RoutingRule[]> {
  const { tiers, threshold, minSamples } = options;
  const byWorkload = new Map<string, RoutingRule[]>();
  for (const workload of new Set(observations.map((each) => each.workload))) {
    const ofWorkload = observations.filter((each) => each.workload === workload);
    const rules: RoutingRule[] = [];
    const roleRules: RoutingRule[] = [];
    for (const role of new Set(ofWorkload.map((each) => each.role))) {
      const ofRole = ofWorkload.filter((each) => each.role === role);
      const roleModel = cheapestPassing(ofRole, tiers, threshold);
      roleRules.push({ name: `${role} (all)`, role, model: roleModel });
      const templates = new Set(ofRole.flatMap((each) => each.template ?? []));
      for (const template of [...templates].sort()) {
        const ofTemplate = ofRole.filter((each) => each.template === template);
        const samples = ofTemplate.filter((each) => each.model === tiers[0]).length;
        if (samples < minSamples) continue;
        const model = cheapestPassing(ofTemplate, tiers, threshold);
        if (model !== roleModel)
          rules.push({ name: template, role, pattern: templatePattern(template), model });
      }
    }
    byWorkload.set(workload, [...rules, ...roleRules]);
  }
  return byWorkload;
}
