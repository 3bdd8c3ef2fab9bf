import { it } from 'vitest';
import { startSimulator, longText, closeSimulators } from './support/start-simulator';

it('explore', async () => {
  const { client } = await startSimulator({ latency: { mode: 'zero' } });
  const system = longText('s', 100);
  const c = async (messages: any[], extra: any = {}) => (await client.messages.countTokens({ model: 'claude-sonnet-4-6', system, messages, ...extra })).input_tokens;
  console.log(await c([{ role: 'user', content: '' }]), await c([{ role: 'user', content: '' }, { role: 'assistant', content: '' }]), await c([{ role: 'user', content: 'hi' }]));
  console.log((await client.messages.countTokens({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: '' }] })).input_tokens);
  const m = await client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 300, system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }], messages: [{ role: 'user', content: 'hi' }] });
  console.log(JSON.stringify(m, null, 1));
  await closeSimulators();
});
