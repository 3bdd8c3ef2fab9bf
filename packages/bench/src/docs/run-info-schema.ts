import * as z from 'zod';

/** The machine a results file was measured on (`describeMachine()` in src/report). */
export const machineSchema = z.looseObject({
  cpuModel: z.string(),
  cores: z.number().int().positive(),
  totalMemoryGiB: z.number().positive(),
  nodeVersion: z.string(),
  platform: z.string(),
});

/** {@link machineSchema}'s type. */
export type Machine = z.infer<typeof machineSchema>;

/**
 * The fields every results file carries, for its section's run line: the ISO
 * date of the run and the machine.
 *
 * @example
 * ```ts
 * const schema = z.looseObject({ ...runInfoShape, samples: z.number() });
 * ```
 */
export const runInfoShape = {
  date: z.iso.datetime(),
  machine: machineSchema,
};

/** The run line's inputs: {@link runInfoShape}'s type. */
export interface RunInfo {
  readonly date: string;
  readonly machine: Machine;
}
