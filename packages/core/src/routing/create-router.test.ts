import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { UnknownModelError } from '../errors/unknown-model-error';
import { createRouter, type RouterOptions } from './create-router';
import type { RouteRequest, RouteRole } from './route-request';
import { routeRoles } from './route-request';

const haiku = 'claude-haiku-4-5';
const sonnet = 'claude-sonnet-4-6';
const opus = 'claude-opus-4-6';
const tiers = [haiku, sonnet, opus];

function step(overrides: Partial<RouteRequest> = {}): RouteRequest {
  return { role: 'subagent', text: 'What is the height of Kell?', attempt: 0, ...overrides };
}

/** Runs `act` and returns what it threw, failing the test when it throws nothing. */
function thrown(act: () => unknown): InvalidArgumentError {
  try {
    act();
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidArgumentError, nothing was thrown');
}

describe('createRouter: defaults', () => {
  it('routes as runTask does by default: haiku triages, sonnet plans and works', () => {
    const router = createRouter();
    expect(router.tiers).toEqual(tiers);
    expect(router.route(step({ role: 'triage' })).model).toBe(haiku);
    expect(router.route(step({ role: 'plan' })).model).toBe(sonnet);
    for (const role of ['subagent', 'single', 'continuation', 'synthesize'] as const)
      expect(router.route(step({ role })).model).toBe(sonnet);
    expect(router.route(step()).reason).toBe(`subagent: the default model: ${sonnet}`);
  });

  it('starts a cascade at the first tier when told to', () => {
    const router = createRouter({ defaultModel: haiku });
    expect(router.route(step()).model).toBe(haiku);
    expect(router.route(step({ role: 'plan' })).model).toBe(sonnet);
  });
});

describe('createRouter: rules', () => {
  const router = createRouter({
    defaultModel: haiku,
    rules: [
      { name: 'lists', role: 'subagent', pattern: /first \d+/g, model: sonnet },
      { name: 'long', role: ['single', 'continuation'], minChars: 40, model: opus },
      { name: 'short plans', role: 'plan', maxChars: 10, model: haiku },
      { name: 'hard ones', difficulty: 'hard', model: opus },
      { name: 'anything else', role: 'synthesize', model: sonnet },
    ],
  });

  it('takes the first rule that matches, by role, pattern and size', () => {
    const list = step({ text: 'Who were the first 5 picks in the 1998 MLB Draft?' });
    expect(router.route(list)).toEqual({
      model: sonnet,
      reason: `subagent: rule lists: ${sonnet}`,
    });
    // A g flag keeps no state between routes: the same step routes the same way twice.
    expect(router.route(list).model).toBe(sonnet);
    expect(router.route(step()).model).toBe(haiku);
    expect(router.route(step({ role: 'single', text: 'x'.repeat(40) })).model).toBe(opus);
    expect(router.route(step({ role: 'single', text: 'x'.repeat(39) })).model).toBe(haiku);
    expect(router.route(step({ role: 'continuation', text: 'y'.repeat(80) })).model).toBe(opus);
    expect(router.route(step({ role: 'plan', text: 'short' })).model).toBe(haiku);
    expect(router.route(step({ role: 'synthesize' })).model).toBe(sonnet);
  });

  it('matches a judgement rule only on steps that carry that judgement', () => {
    expect(router.route(step({ difficulty: 'hard' })).model).toBe(opus);
    expect(router.route(step({ difficulty: 'easy' })).model).toBe(haiku);
  });

  it('names an unnamed rule by its index', () => {
    const plain = createRouter({ rules: [{ role: 'triage', model: opus }] });
    expect(plain.route(step({ role: 'triage' })).reason).toBe(`triage: rule rules[0]: ${opus}`);
  });
});

describe('createRouter: a triage judgement passed as data', () => {
  it('sends easy steps to the first tier and hard ones to the top, after rules', () => {
    const router = createRouter({ rules: [{ pattern: /Draft/, model: sonnet }] });
    expect(router.route(step({ difficulty: 'easy' }))).toEqual({
      model: haiku,
      reason: `subagent: triage judged it easy: ${haiku}`,
    });
    expect(router.route(step({ difficulty: 'hard' })).model).toBe(opus);
    expect(router.route(step({ difficulty: 'hard', text: 'The 1998 Draft' })).model).toBe(sonnet);
  });

  it('takes its models from options', () => {
    const router = createRouter({ difficulty: { hard: sonnet } });
    expect(router.route(step({ difficulty: 'hard' })).model).toBe(sonnet);
    expect(router.route(step({ difficulty: 'easy' })).model).toBe(haiku);
  });
});

describe('createRouter: the per-step minimum', () => {
  const rank = (model: string): number => tiers.indexOf(model);

  it('never routes below the step minimum or the role minimum, whatever chose the start', () => {
    const starts: RouterOptions[] = [
      { defaultModel: haiku },
      { rules: [{ model: haiku }] },
      { difficulty: { easy: haiku }, defaultModel: haiku },
      { roles: { plan: haiku, synthesize: haiku } },
    ];
    let checked = 0;
    for (const options of starts)
      for (const roleMinimum of [undefined, ...tiers])
        for (const minimumModel of [undefined, ...tiers])
          for (const role of routeRoles)
            for (const attempt of [0, 1, 2, 3])
              for (const difficulty of [undefined, 'easy', 'hard'] as const) {
                const router = createRouter({
                  ...options,
                  ...(roleMinimum === undefined ? {} : { minimums: { [role]: roleMinimum } }),
                });
                const { model } = router.route(
                  step({
                    role,
                    attempt,
                    ...(minimumModel === undefined ? {} : { minimumModel }),
                    ...(difficulty === undefined ? {} : { difficulty }),
                  }),
                );
                expect(rank(model)).toBeGreaterThanOrEqual(rank(minimumModel ?? haiku));
                expect(rank(model)).toBeGreaterThanOrEqual(rank(roleMinimum ?? haiku));
                checked += 1;
              }
    expect(checked).toBe(4 * 4 * 4 * 6 * 4 * 3);
  });

  it('raises the start to the minimum and says so', () => {
    const router = createRouter({ defaultModel: haiku, minimums: { plan: sonnet } });
    expect(router.route(step({ minimumModel: opus }))).toEqual({
      model: opus,
      reason: `subagent: the default model: ${haiku}; raised to ${opus}, the step's minimum ${opus}`,
    });
    const plan = createRouter({
      rules: [{ role: 'plan', model: haiku }],
      minimums: { plan: sonnet },
    });
    expect(plan.route(step({ role: 'plan' })).model).toBe(sonnet);
    // Above the minimum already: nothing changes.
    expect(router.route(step({ role: 'plan', minimumModel: haiku })).model).toBe(sonnet);
  });

  it('ranks a minimum outside the tiers with the tier of its line', () => {
    const router = createRouter({ defaultModel: haiku });
    expect(router.route(step({ minimumModel: 'claude-sonnet-4-5' })).model).toBe(sonnet);
    expect(router.route(step({ minimumModel: 'claude-haiku-3-5' })).model).toBe(haiku);
    // No tier reaches a fable: the minimum itself is the least that does the step.
    expect(router.route(step({ minimumModel: 'claude-fable-5-2' })).model).toBe('claude-fable-5-2');
  });
});

describe('createRouter: attempts and escalation', () => {
  const router = createRouter({ defaultModel: haiku });
  const loop = { kind: 'loop', reason: 'search twice in a row' } as const;

  it('moves one tier up per earlier failed try, stopping at the top', () => {
    expect(router.route(step({ attempt: 1 })).model).toBe(sonnet);
    expect(router.route(step({ attempt: 2 })).model).toBe(opus);
    expect(router.route(step({ attempt: 7 }))).toEqual({
      model: opus,
      reason: `subagent: the default model: ${haiku}; attempt 7: at the top tier, ${opus}`,
    });
  });

  it('escalates one tier at a time, in order, and gives undefined at the top', () => {
    expect(router.escalate(haiku, loop)).toEqual({
      model: sonnet,
      reason: `escalated from ${haiku} to ${sonnet} after loop: search twice in a row`,
    });
    expect(router.escalate(sonnet, { kind: 'malformed-output', reason: 'cut JSON' })?.model).toBe(
      opus,
    );
    expect(router.escalate(opus, { kind: 'validation', reason: 'no answer' })).toBeUndefined();
  });

  it('climbs custom tiers, and ranks a model outside them by its line', () => {
    const custom = createRouter({ tiers: [haiku, 'claude-opus-4-8'] });
    expect(custom.escalate(haiku, loop)?.model).toBe('claude-opus-4-8');
    expect(custom.escalate('claude-sonnet-4-5', loop)?.model).toBe('claude-opus-4-8');
    expect(custom.escalate('claude-opus-4-6', loop)).toBeUndefined();
    expect(router.escalate('claude-sonnet-4-5', loop)?.model).toBe(opus);
    expect(router.escalate('claude-haiku-3-5', loop)?.model).toBe(sonnet);
  });

  it('escalates from a dated alias as from its model', () => {
    expect(router.escalate('claude-haiku-4-5-20251001', loop)?.model).toBe(sonnet);
  });
});

describe('createRouter: bad input throws InvalidArgumentError naming the option and value', () => {
  const cases: readonly [string, () => unknown, string, unknown][] = [
    ['empty tiers', () => createRouter({ tiers: [] }), 'tiers', []],
    [
      'unknown tier',
      () => createRouter({ tiers: [haiku, 'claude-nine'] }),
      'tiers[1]',
      'claude-nine',
    ],
    ['tiers out of order', () => createRouter({ tiers: [opus, haiku] }), 'tiers[1]', haiku],
    [
      'a tier twice',
      () => createRouter({ tiers: [haiku, 'claude-haiku-4-5-20251001'] }),
      'tiers[1]',
      'claude-haiku-4-5-20251001',
    ],
    ['unknown default', () => createRouter({ defaultModel: 'gpt-9' }), 'defaultModel', 'gpt-9'],
    [
      'unknown role',
      () => createRouter({ roles: { boss: sonnet } as Partial<Record<RouteRole, string>> }),
      'roles.boss',
      sonnet,
    ],
    ['role model unknown', () => createRouter({ minimums: { plan: 'x' } }), 'minimums.plan', 'x'],
    [
      'bad judgement key',
      () => createRouter({ difficulty: { medium: sonnet } as { easy?: string } }),
      'difficulty.medium',
      sonnet,
    ],
    ['rules not a list', () => createRouter({ rules: {} as [] }), 'rules', {}],
    [
      'rule model unknown',
      () => createRouter({ rules: [{ model: 'claude-x' }] }),
      'rules[0].model',
      'claude-x',
    ],
    [
      'rule role unknown',
      () =>
        createRouter({ rules: [{ model: haiku }, { role: 'boss' as RouteRole, model: haiku }] }),
      'rules[1].role',
      'boss',
    ],
    [
      'rule pattern a string',
      () => createRouter({ rules: [{ pattern: 'Draft' as unknown as RegExp, model: haiku }] }),
      'rules[0].pattern',
      'Draft',
    ],
    [
      'negative minChars',
      () => createRouter({ rules: [{ minChars: -1, model: haiku }] }),
      'rules[0].minChars',
      -1,
    ],
    [
      'maxChars under minChars',
      () => createRouter({ rules: [{ minChars: 10, maxChars: 5, model: haiku }] }),
      'rules[0].maxChars',
      5,
    ],
    [
      'bad step role',
      () => createRouter().route(step({ role: 'boss' as RouteRole })),
      'step.role',
      'boss',
    ],
    ['negative attempt', () => createRouter().route(step({ attempt: -1 })), 'step.attempt', -1],
    ['fractional attempt', () => createRouter().route(step({ attempt: 0.5 })), 'step.attempt', 0.5],
    [
      'unknown minimum',
      () => createRouter().route(step({ minimumModel: 'claude-z' })),
      'step.minimumModel',
      'claude-z',
    ],
    [
      'bad failure kind',
      () => createRouter().escalate(haiku, { kind: 'timeout' as 'loop', reason: 'r' }),
      'failure.kind',
      'timeout',
    ],
    [
      'empty failure reason',
      () => createRouter().escalate(haiku, { kind: 'loop', reason: '' }),
      'failure.reason',
      '',
    ],
    [
      'unknown escalated model',
      () => createRouter().escalate('claude-q', { kind: 'loop', reason: 'r' }),
      'model',
      'claude-q',
    ],
  ];
  it.each(cases)('%s', (_name, act, argument, value) => {
    const error = thrown(act);
    expect(error.argument).toBe(argument);
    expect(error.value).toEqual(value);
    expect(error.message).toContain(argument);
  });

  it('reports an unknown model as UnknownModelError', () => {
    expect(
      UnknownModelError.isInstance(thrown(() => createRouter({ tiers: ['claude-nine'] }))),
    ).toBe(true);
  });
});
