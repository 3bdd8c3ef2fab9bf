import * as z from 'zod';
import { checkOptions, optionsObject } from '../agent/check-options';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { defaultPriceTable, type PriceTable } from '../pricing/price-table';
import type { RouterOptions } from './create-router';
import { defaultRouterTiers, modelLineOrder as lineOrder } from './model-tiers';
import { routeRoles, type RouteRole } from './route-request';

function fail(argument: string, value: unknown, message: string): never {
  throw new InvalidArgumentError({ argument, value, message });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const modelIdSchema = z.string({ error: 'expected a model id' }).min(1, 'expected a model id');
const roleSchema = z.enum(routeRoles as [RouteRole, ...RouteRole[]], {
  error: `expected a role: ${routeRoles.join(', ')}`,
});
const modelByRoleSchema = optionsObject(
  Object.fromEntries(routeRoles.map((role) => [role, modelIdSchema.optional()])),
  'an object of role -> model',
);
const difficultySchema = z.enum(['easy', 'hard'], { error: "expected 'easy' or 'hard'" });

const routerOptionsSchema = optionsObject(
  {
    tiers: z
      .array(z.unknown(), { error: 'expected a non-empty list of model ids, cheapest first' })
      .min(1, { error: 'expected a non-empty list of model ids, cheapest first' })
      .optional(),
    defaultModel: modelIdSchema.optional(),
    roles: modelByRoleSchema.optional(),
    rules: z
      .array(
        optionsObject(
          {
            name: z.string({ error: 'expected text' }).optional(),
            role: z
              .union([roleSchema, z.array(roleSchema)], {
                error: `expected a role or a list of: ${routeRoles.join(', ')}`,
              })
              .optional(),
            pattern: z.instanceof(RegExp, { error: 'expected a RegExp' }).optional(),
            minChars: z
              .number({ error: 'expected a whole number of at least 0' })
              .int({ error: 'expected a whole number of at least 0' })
              .min(0, { error: 'expected a whole number of at least 0' })
              .optional(),
            maxChars: z
              .number({ error: 'expected a whole number of at least 0' })
              .int({ error: 'expected a whole number of at least 0' })
              .min(0, { error: 'expected a whole number of at least 0' })
              .optional(),
            difficulty: difficultySchema.optional(),
            model: z.unknown(),
          },
          '{ model, role?, pattern?, minChars?, ... }',
        ),
        { error: 'expected a list of rules' },
      )
      .optional(),
    difficulty: optionsObject(
      { easy: modelIdSchema.optional(), hard: modelIdSchema.optional() },
      '{ easy?, hard? }',
    ).optional(),
    minimums: modelByRoleSchema.optional(),
    priceTable: z
      .custom(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          typeof (value as Record<string, unknown>)['resolve'] === 'function',
        { error: 'expected a price table (createPriceTable)' },
      )
      .optional(),
  } satisfies { readonly [K in keyof Required<RouterOptions>]: z.ZodType },
  '{ tiers?, defaultModel?, roles?, rules?, ... }',
);

/**
 * Checks {@link RouterOptions} once, before any routing: every model known to
 * the price table, tiers cheapest first, rules well formed, no unknown key
 * (the error lists the known ones). Throws
 * `InvalidArgumentError` (or `UnknownModelError`) naming the option and value.
 * @internal
 */
export function checkRouterOptions(options: RouterOptions): {
  readonly tiers: readonly string[];
  readonly priceTable: PriceTable;
} {
  const raw: unknown = options;
  if (!isRecord(raw)) fail('options', raw, 'expected an object');
  // Shapes and unknown keys first (zod); then what needs the price table.
  checkOptions(routerOptionsSchema, raw);
  const priceTable = options.priceTable ?? defaultPriceTable;
  const table: unknown = priceTable;
  if (!isRecord(table) || typeof table['resolve'] !== 'function')
    fail('priceTable', options.priceTable, 'expected a price table (createPriceTable)');
  const known = (model: unknown, argument: string): void => {
    if (typeof model !== 'string' || model.length === 0)
      fail(argument, model, 'expected a model id');
    priceTable.resolve(model, argument);
  };

  const tiers: unknown = options.tiers ?? defaultRouterTiers;
  if (!Array.isArray(tiers) || tiers.length === 0)
    fail('tiers', options.tiers, 'expected a non-empty list of model ids, cheapest first');
  const ids = new Set<string>();
  let previousLine = -1;
  tiers.forEach((tier: unknown, index) => {
    known(tier, `tiers[${index}]`);
    const resolved = priceTable.resolve(tier as string);
    if (ids.has(resolved.id)) fail(`tiers[${index}]`, tier, 'expected each model once');
    ids.add(resolved.id);
    const line = lineOrder.indexOf(resolved.line);
    if (line < previousLine)
      fail(
        `tiers[${index}]`,
        tier,
        `expected tiers cheapest first (${lineOrder.join(' < ')}); a ${resolved.line} comes after a ${lineOrder[previousLine] ?? ''}`,
      );
    previousLine = line;
  });

  if (options.defaultModel !== undefined) known(options.defaultModel, 'defaultModel');
  for (const name of ['roles', 'minimums'] as const) {
    const map: unknown = options[name];
    if (map === undefined) continue;
    if (!isRecord(map)) fail(name, map, 'expected an object of role -> model');
    for (const [role, model] of Object.entries(map)) {
      if (!(routeRoles as readonly string[]).includes(role))
        fail(`${name}.${role}`, model, `expected a role: ${routeRoles.join(', ')}`);
      if (model !== undefined) known(model, `${name}.${role}`);
    }
  }
  const difficulty: unknown = options.difficulty;
  if (difficulty !== undefined) {
    if (!isRecord(difficulty)) fail('difficulty', difficulty, 'expected { easy?, hard? }');
    for (const [key, model] of Object.entries(difficulty)) {
      if (key !== 'easy' && key !== 'hard')
        fail(`difficulty.${key}`, model, "expected only 'easy' and 'hard'");
      if (model !== undefined) known(model, `difficulty.${key}`);
    }
  }

  const rules: unknown = options.rules ?? [];
  if (!Array.isArray(rules)) fail('rules', options.rules, 'expected a list of rules');
  rules.forEach((rule: unknown, index) => {
    const at = `rules[${index}]`;
    if (!isRecord(rule)) fail(at, rule, 'expected { model, role?, pattern?, minChars?, ... }');
    known(rule['model'], `${at}.model`);
    const role = rule['role'];
    if (role !== undefined) {
      const roles: unknown[] = Array.isArray(role) ? role : [role];
      for (const each of roles)
        if (!(routeRoles as readonly unknown[]).includes(each))
          fail(`${at}.role`, role, `expected a role or a list of: ${routeRoles.join(', ')}`);
    }
    if (rule['pattern'] !== undefined && !(rule['pattern'] instanceof RegExp))
      fail(`${at}.pattern`, rule['pattern'], 'expected a RegExp');
    for (const bound of ['minChars', 'maxChars'] as const) {
      const value = rule[bound];
      if (value !== undefined && (!Number.isInteger(value) || (value as number) < 0))
        fail(`${at}.${bound}`, value, 'expected a whole number of at least 0');
    }
    const min = rule['minChars'] as number | undefined;
    const max = rule['maxChars'] as number | undefined;
    if (min !== undefined && max !== undefined && min > max)
      fail(`${at}.maxChars`, max, `expected at least minChars (${min})`);
    const difficulty = rule['difficulty'];
    if (difficulty !== undefined && difficulty !== 'easy' && difficulty !== 'hard')
      fail(`${at}.difficulty`, difficulty, "expected 'easy' or 'hard'");
    if (rule['name'] !== undefined && typeof rule['name'] !== 'string')
      fail(`${at}.name`, rule['name'], 'expected text');
  });

  return { tiers: [...(tiers as string[])], priceTable };
}
