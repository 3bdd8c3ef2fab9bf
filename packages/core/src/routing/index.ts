// Model routing: which model each step runs on, and the next one up when a try fails.
export { createRouter, type Router, type RouterOptions } from './create-router';
export {
  routeRoles,
  type Difficulty,
  type RouteDecision,
  type RouteRequest,
  type RouteRole,
} from './route-request';
export { matchesRule, type RoutingRule } from './routing-rule';
export { failureKinds, type EscalationFailure, type FailureKind } from './escalation-failure';
export { defaultRouterTiers } from './model-tiers';
export { detectLoop, type DetectLoopOptions, type LoopDetection } from './detect-loop';
export { isMalformedJson, type JsonShape } from './is-malformed-json';
