import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSchemaViolations } from './find-schema-violations.test-helper';
import { sampleJsonSchema } from './sample-json-schema';
import { createSeededRandom } from './seeded-random';

function sample(schema: unknown, seed: string | number = 'seed'): unknown {
  return sampleJsonSchema(schema, createSeededRandom(seed));
}

function samples(schema: unknown, count = 60): unknown[] {
  return Array.from({ length: count }, (_, index) => sample(schema, index));
}

const weatherTool = {
  type: 'object',
  properties: {
    location: { type: 'string', description: 'City and country', minLength: 2, maxLength: 40 },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    days: { type: 'integer', minimum: 1, maximum: 14 },
    include_hourly: { type: 'boolean' },
  },
  required: ['location'],
  additionalProperties: false,
};

const order = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    created_at: { type: 'string', format: 'date-time' },
    customer: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1 },
        email: { type: 'string', format: 'email' },
        website: { type: 'string', format: 'uri' },
      },
      required: ['name', 'email'],
      additionalProperties: false,
    },
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 5,
      items: {
        type: 'object',
        properties: {
          sku: { type: 'string', maxLength: 8 },
          quantity: { type: 'integer', minimum: 1, maximum: 99 },
          unit_price: { type: 'number', exclusiveMinimum: 0, maximum: 500, multipleOf: 0.01 },
        },
        required: ['sku', 'quantity', 'unit_price'],
        additionalProperties: false,
      },
    },
    tags: { type: 'array', items: { enum: ['gift', 'rush', 'fragile'] }, uniqueItems: true },
    note: { anyOf: [{ type: 'string', maxLength: 30 }, { type: 'null' }] },
    delivery_date: { type: ['string', 'null'], format: 'date' },
  },
  required: ['id', 'customer', 'lines', 'note'],
  additionalProperties: false,
};

const treeNode = {
  $ref: '#/$defs/node',
  $defs: {
    node: {
      type: 'object',
      properties: {
        label: { type: 'string' },
        children: { type: 'array', items: { $ref: '#/$defs/node' } },
      },
      required: ['label', 'children'],
      additionalProperties: false,
    },
  },
};

const linkedList = {
  $ref: '#/definitions/item',
  definitions: {
    item: {
      type: 'object',
      properties: {
        value: { type: 'integer', multipleOf: 3 },
        next: { anyOf: [{ $ref: '#/definitions/item' }, { type: 'null' }] },
      },
      required: ['value', 'next'],
      additionalProperties: false,
    },
  },
};

const event = {
  definitions: {
    base: {
      type: 'object',
      properties: { id: { type: 'integer', minimum: 1 } },
      required: ['id'],
    },
  },
  allOf: [
    { $ref: '#/definitions/base' },
    {
      properties: {
        kind: { const: 'event' },
        time: { type: 'string', format: 'time' },
        payload: {
          oneOf: [
            { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
            { type: 'array', items: { type: 'number' } },
          ],
        },
      },
      required: ['kind', 'payload'],
    },
  ],
};

const tuple = {
  type: 'array',
  prefixItems: [
    { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    { type: 'integer', minimum: 12, maximum: 40, multipleOf: 5 },
    { type: 'boolean' },
  ],
  items: false,
  minItems: 2,
};

const structuredOutput = {
  type: 'object',
  properties: {
    summary: { type: 'string' },
    sentiment: { type: 'string', enum: ['positive', 'neutral', 'negative'] },
    score: { type: 'number', minimum: 0, maximum: 1 },
    keywords: { type: 'array', items: { type: 'string' }, maxItems: 5 },
    meta: { type: 'object', additionalProperties: { type: 'integer' }, minProperties: 2 },
  },
  required: ['summary', 'sentiment', 'score', 'keywords', 'meta'],
  additionalProperties: false,
};

const realisticSchemas = {
  weatherTool,
  order,
  treeNode,
  linkedList,
  event,
  tuple,
  structuredOutput,
};

function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (typeof value === 'object' && value !== null)
    return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe('findSchemaViolations (the test oracle)', () => {
  it('reports violations, so validity checks below can fail', () => {
    expect(findSchemaViolations({ location: 'x' }, weatherTool)).not.toEqual([]);
    expect(findSchemaViolations({ location: 'Paris', extra: 1 }, weatherTool)).not.toEqual([]);
    expect(findSchemaViolations({ location: 'Paris', unit: 'kelvin' }, weatherTool)).not.toEqual(
      [],
    );
    expect(findSchemaViolations({ label: 'a', children: [{ label: 'b' }] }, treeNode)).not.toEqual(
      [],
    );
    expect(findSchemaViolations([0.5, 13], tuple)).not.toEqual([]);
    expect(findSchemaViolations([1, 15], tuple)).not.toEqual([]);
    expect(findSchemaViolations({ id: 1, kind: 'event' }, event)).not.toEqual([]);
    expect(findSchemaViolations('2024-13-01', { format: 'date' })).not.toEqual([]);
  });

  it('accepts valid values', () => {
    expect(findSchemaViolations({ location: 'Paris', days: 3 }, weatherTool)).toEqual([]);
    expect(
      findSchemaViolations({ label: 'a', children: [{ label: 'b', children: [] }] }, treeNode),
    ).toEqual([]);
    expect(findSchemaViolations([0.5, 15, true], tuple)).toEqual([]);
  });
});

describe('sampleJsonSchema', () => {
  it.each(Object.entries(realisticSchemas))(
    'samples values valid against %s for any seed',
    (_, schema) => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.integer()), (seed) => {
          expect(findSchemaViolations(sample(schema, seed), schema)).toEqual([]);
        }),
        { numRuns: 200 },
      );
    },
  );

  it('is deterministic for a seed and varies across seeds', () => {
    for (const schema of Object.values(realisticSchemas)) {
      expect(sample(schema, 'same')).toEqual(sample(schema, 'same'));
      const distinct = new Set(samples(schema, 30).map((value) => JSON.stringify(value)));
      expect(distinct.size).toBeGreaterThan(1);
    }
  });

  it('always fills required properties and includes optional ones only some of the time', () => {
    const values = samples(weatherTool, 100) as Record<string, unknown>[];
    for (const value of values) expect(value).toHaveProperty('location');
    for (const optional of ['unit', 'days', 'include_hourly']) {
      const present = values.filter((value) => optional in value).length;
      expect(present).toBeGreaterThan(20);
      expect(present).toBeLessThan(80);
    }
  });

  it('never adds a property that additionalProperties: false forbids', () => {
    const allowed = Object.keys(order.properties);
    for (const value of samples(order, 100) as Record<string, unknown>[]) {
      for (const key of Object.keys(value)) expect(allowed).toContain(key);
    }
  });

  it('adds extra properties only to reach minProperties, typed by additionalProperties', () => {
    const schema = {
      type: 'object',
      additionalProperties: { type: 'boolean' },
      minProperties: 3,
      maxProperties: 3,
    };
    for (const value of samples(schema, 20)) {
      expect(Object.values(value as object)).toHaveLength(3);
      expect(findSchemaViolations(value, schema)).toEqual([]);
    }
  });

  it('ends recursive schemas: trees stop growing past the depth limit', () => {
    for (const value of samples(treeNode, 30)) {
      // Each tree level is an object plus its children array: two levels of nesting.
      expect(depthOf(value)).toBeLessThanOrEqual(2 * 8);
    }
    for (const value of samples(linkedList, 10)) {
      let node = value as { next: unknown } | null;
      let length = 0;
      while (node !== null) {
        node = node.next as { next: unknown } | null;
        length += 1;
      }
      expect(length).toBeGreaterThan(1);
      expect(length).toBeLessThanOrEqual(10);
    }
  });

  it('keeps only required properties past the depth limit', () => {
    // Ten nested levels, each requiring the next and offering an optional note.
    let schema: Record<string, unknown> = {
      type: 'object',
      properties: { note: { type: 'string' } },
    };
    for (let level = 0; level < 10; level += 1) {
      schema = {
        type: 'object',
        properties: { inner: schema, note: { type: 'string' } },
        required: ['inner'],
      };
    }
    const notesByLevel = new Array<number>(11).fill(0);
    for (const value of samples(schema, 100)) {
      let node = value as { inner?: unknown; note?: unknown } | undefined;
      for (let level = 0; node !== undefined; level += 1) {
        if (node.note !== undefined) notesByLevel[level] = (notesByLevel[level] ?? 0) + 1;
        node = node.inner as typeof node;
      }
    }
    expect(notesByLevel.slice(0, 7).every((count) => count > 20)).toBe(true);
    expect(notesByLevel.slice(7)).toEqual([0, 0, 0, 0]);
  });

  it('terminates on references that only loop and on unsatisfiable recursion', () => {
    expect(() => sample({ $ref: '#' })).not.toThrow();
    expect(() =>
      sample({ $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' }),
    ).not.toThrow();
    const endless = {
      $defs: {
        node: {
          type: 'object',
          properties: { child: { $ref: '#/$defs/node' } },
          required: ['child'],
        },
      },
      $ref: '#/$defs/node',
    };
    expect(depthOf(sample(endless))).toBeLessThan(40);
  });

  it('picks the first anyOf/oneOf branch', () => {
    for (const value of samples({ anyOf: [{ type: 'integer' }, { type: 'string' }] }, 20)) {
      expect(Number.isInteger(value)).toBe(true);
    }
    for (const value of samples(
      { oneOf: [{ type: 'string', format: 'date' }, { type: 'integer' }] },
      20,
    )) {
      expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('merges allOf branches, including their required properties', () => {
    for (const value of samples(event, 30)) {
      expect(value).toMatchObject({ kind: 'event' });
      expect(Number.isInteger((value as { id: unknown }).id)).toBe(true);
    }
  });

  it('honours integer bounds and multipleOf whenever a multiple fits', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 50 }),
        (seed, minimum, span, multipleOf) => {
          fc.pre(Math.ceil(minimum / multipleOf) * multipleOf <= minimum + span);
          const schema = { type: 'integer', minimum, maximum: minimum + span, multipleOf };
          const value = sample(schema, seed);
          expect(Number.isInteger(value)).toBe(true);
          expect(findSchemaViolations(value, schema)).toEqual([]);
        },
      ),
    );
  });

  it('honours exclusive and fractional number bounds', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
        (seed, low, gap) => {
          const schema = { type: 'number', exclusiveMinimum: low, exclusiveMaximum: low + gap };
          fc.pre(low + gap > low);
          expect(findSchemaViolations(sample(schema, seed), schema)).toEqual([]);
        },
      ),
    );
  });

  it('honours string length bounds', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (seed, minLength, extra) => {
          const schema = { type: 'string', minLength, maxLength: minLength + extra };
          const value = sample(schema, seed);
          expect(typeof value).toBe('string');
          expect(findSchemaViolations(value, schema)).toEqual([]);
        },
      ),
    );
  });

  it.each(['date-time', 'date', 'time', 'email', 'uri', 'uuid', 'hostname', 'ipv4'])(
    'writes valid %s strings',
    (format) => {
      const schema = { type: 'string', format };
      for (const value of samples(schema, 30))
        expect(findSchemaViolations(value, schema)).toEqual([]);
    },
  );

  it('keeps strings short and word-like', () => {
    for (const value of samples({ type: 'string' }, 50))
      expect(value).toMatch(/^[a-z]+( [a-z]+){0,2}$/);
  });

  it('returns const and enum values', () => {
    expect(sample({ const: { nested: [1, 2] } })).toEqual({ nested: [1, 2] });
    const values = new Set(samples({ enum: ['a', 2, null] }, 60));
    expect(values).toEqual(new Set(['a', 2, null]));
  });

  it('samples a short string for true and {}', () => {
    expect(sample(true)).toMatch(/^[a-z]+( [a-z]+){0,2}$/);
    expect(sample({})).toMatch(/^[a-z]+( [a-z]+){0,2}$/);
    expect(sample({ description: 'anything' })).toEqual(expect.any(String));
  });

  it.each([null, undefined, 42, 'string', [], [{ type: 'string' }], false])(
    'returns null for the unusable schema %j',
    (schema) => {
      expect(sample(schema)).toBeNull();
    },
  );

  it('infers the type from keywords when type is missing', () => {
    const inferred = sample({ properties: { a: { type: 'integer' } }, required: ['a'] });
    expect(Object.keys(inferred as object)).toEqual(['a']);
    expect(Number.isInteger((inferred as { a: unknown }).a)).toBe(true);
    expect(Array.isArray(sample({ items: { type: 'string' } }))).toBe(true);
    expect(typeof sample({ minimum: 3 })).toBe('number');
  });
});
