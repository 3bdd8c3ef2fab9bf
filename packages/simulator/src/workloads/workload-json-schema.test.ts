import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workloadJsonSchema } from './workload-json-schema';

describe('schema/workload.schema.json', () => {
  it('is the JSON Schema of the zod schema (regenerate it when the format changes)', () => {
    const written = JSON.parse(
      readFileSync(new URL('../../schema/workload.schema.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(written).toEqual(workloadJsonSchema());
  });
});
