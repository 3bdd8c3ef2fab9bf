import * as z from 'zod';
import { runInfoShape } from '../run-info-schema';

const budgetedRunSchema = z.looseObject({
  limit: z.number().int().positive(),
  status: z.string(),
  shape: z.string().optional(),
  invoiced: z.number().int().nonnegative(),
  ledger: z.number().int().nonnegative(),
  overshoot: z.number().int().nonnegative(),
  grade: z.number(),
  calls: z.number().int(),
  decisions: z.array(z.string()),
});

/**
 * The fields of results/budget-sweep.json its two sections read: the sweep
 * (budget sweep) and the projection runs (projection error).
 */
export const budgetSweepSchema = z.looseObject({
  ...runInfoShape,
  percents: z.array(z.number().positive()).min(1),
  sweep: z
    .array(
      z.looseObject({
        task: z.string(),
        workload: z.string(),
        unconstrained: budgetedRunSchema,
        runs: z.array(budgetedRunSchema).min(1),
      }),
    )
    .min(1),
  projection: z.looseObject({
    runs: z
      .array(
        z.looseObject({
          task: z.string(),
          workload: z.string(),
          shape: z.string().optional(),
          actual: z.number().int().positive(),
          calls: z.number().int(),
          decided: z.number().int().optional(),
          at: z.array(
            z.looseObject({
              fraction: z.number().positive(),
              call: z.number().int(),
              projected: z.number().int(),
            }),
          ),
        }),
      )
      .min(1),
  }),
});

/** {@link budgetSweepSchema}'s type. */
export type BudgetSweepResults = z.infer<typeof budgetSweepSchema>;
