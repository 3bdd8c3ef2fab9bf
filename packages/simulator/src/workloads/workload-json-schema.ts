import * as z from 'zod';
import { workloadSchema } from './workload-schema';

/**
 * The workload format as JSON Schema (draft 2020-12), for editors and other
 * languages; `packages/simulator/schema/workload.schema.json` is this, written out.
 *
 * @example
 * ```ts
 * writeFileSync('workload.schema.json', JSON.stringify(workloadJsonSchema(), null, 2));
 * ```
 */
export function workloadJsonSchema(): Record<string, unknown> {
  return {
    title: 'Bursar workload (bursar-workload/v1)',
    ...z.toJSONSchema(workloadSchema, { io: 'input' }),
  };
}
