import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { isMalformedJson } from './is-malformed-json';

const plan = JSON.stringify({
  subtasks: [{ id: 'a', question: 'How high is Kell?', dependsOn: [] }],
});
const planSchema = z.object({
  subtasks: z.array(z.object({ id: z.string(), question: z.string() })).min(1),
});

describe('isMalformedJson', () => {
  it('reads JSON alone, in a code fence, or wrapped in prose', () => {
    expect(isMalformedJson(plan)).toBe(false);
    expect(isMalformedJson(`\`\`\`json\n${plan}\n\`\`\``)).toBe(false);
    expect(isMalformedJson(`Here is the plan: ${plan} Good luck.`)).toBe(false);
    expect(isMalformedJson('  [1, 2]  ')).toBe(false);
  });

  it('flags JSON cut short, as a plan from a model below its tier comes out', () => {
    // The simulator drops the last two characters of an under-tier plan.
    expect(isMalformedJson(plan.slice(0, -2))).toBe(true);
    expect(isMalformedJson(plan.slice(0, 20))).toBe(true);
    expect(isMalformedJson('')).toBe(true);
    expect(isMalformedJson('I could not make a plan.')).toBe(true);
  });

  it('flags JSON the schema rejects, and passes JSON it accepts', () => {
    expect(isMalformedJson(plan, planSchema)).toBe(false);
    expect(isMalformedJson('{"subtasks": []}', planSchema)).toBe(true);
    expect(isMalformedJson('{"size": "small"}', planSchema)).toBe(true);
  });
});
