import { NotFoundError } from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSimulators, startSimulator } from './support/start-simulator';

afterEach(closeSimulators);

// The models SDK 1.10.0 knows and the API serves (API-FACTS.md, "Models").
// claude-mythos-preview is left out: it has no published price.
const apiModels = [
  'claude-fable-5-2',
  'claude-mythos-5-2',
  'claude-haiku-5-5',
  'claude-sonnet-5-5',
  'claude-fable-5-1',
  'claude-opus-5-5',
  'claude-mythos-5-1',
  'claude-sonnet-5',
  'claude-fable-5',
  'claude-mythos-5',
  'claude-opus-5',
  'claude-opus-4-8',
  'claude-opus-4-7',
  'claude-opus-4-6',
  'claude-sonnet-4-6',
  'claude-haiku-4-5',
  'claude-opus-4-5',
  'claude-sonnet-4-5',
];
// Served on cloud platforms only, never by the API.
const cloudOnlyModels = ['claude-opus-4-1', 'claude-opus-4', 'claude-sonnet-4', 'claude-haiku-3-5'];

describe('models', () => {
  it('lists the API models and no cloud-only one', async () => {
    const { client } = await startSimulator();
    const listed = [];
    for await (const model of client.models.list()) listed.push(model);
    const ids = listed.map((model) => model.id);

    expect([...ids].sort()).toEqual([...apiModels].sort());
    for (const cloudOnly of cloudOnlyModels) expect(ids).not.toContain(cloudOnly);
    for (const model of listed) {
      expect(model.type).toBe('model');
      expect(model.display_name).toMatch(/^Claude /);
      expect(Number.isNaN(Date.parse(model.created_at))).toBe(false);
    }
    // Context windows: 1M and 128k output from 4.6 on; 200k and 64k for the 4.5 generation.
    expect(listed.find((model) => model.id === 'claude-sonnet-4-6')).toMatchObject({
      max_input_tokens: 1_000_000,
      max_tokens: 128_000,
    });
    expect(listed.find((model) => model.id === 'claude-haiku-4-5')).toMatchObject({
      max_input_tokens: 200_000,
      max_tokens: 64_000,
    });
  });

  it('pages with limit and after_id, and the pages add up to the whole list', async () => {
    const { client } = await startSimulator();
    const everything = await client.models.list({ limit: 1000 });
    expect(everything.has_more).toBe(false);
    const allIds = everything.data.map((model) => model.id);

    const first = await client.models.list({ limit: 5 });
    expect(first.data.map((model) => model.id)).toEqual(allIds.slice(0, 5));
    expect(first.has_more).toBe(true);
    expect(first.first_id).toBe(allIds[0]);
    expect(first.last_id).toBe(allIds[4]);

    const second = await client.models.list({ limit: 5, after_id: first.last_id ?? '' });
    expect(second.data.map((model) => model.id)).toEqual(allIds.slice(5, 10));

    const walked: string[] = [];
    let page = first;
    for (;;) {
      walked.push(...page.data.map((model) => model.id));
      if (!page.has_more) break;
      page = await client.models.list({ limit: 5, after_id: page.last_id ?? '' });
    }
    expect(walked).toEqual(allIds);
  });

  it('retrieves a model by id and by dated alias', async () => {
    const { client } = await startSimulator();
    const byId = await client.models.retrieve('claude-sonnet-4-6');
    expect(byId).toMatchObject({ id: 'claude-sonnet-4-6', display_name: 'Claude Sonnet 4.6' });
    const byAlias = await client.models.retrieve('claude-haiku-4-5-20251001');
    expect(byAlias).toMatchObject({ id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5' });
  });

  it.each(['claude-unknown-9', 'claude-opus-4-1'])('answers 404 for %s', async (id) => {
    const { client } = await startSimulator();
    const attempt = client.models.retrieve(id);
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    await expect(attempt).rejects.toMatchObject({ status: 404, type: 'not_found_error' });
  });
});
