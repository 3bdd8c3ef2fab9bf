import * as z from 'zod';

/** Token usage by class, as core's `Usage` is written to a results file. */
export const usageSchema = z.looseObject({
  input: z.number().int().nonnegative(),
  cacheWrite5m: z.number().int().nonnegative(),
  cacheWrite1h: z.number().int().nonnegative(),
  cacheRead: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
});
