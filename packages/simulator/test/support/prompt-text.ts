import type Anthropic from '@anthropic-ai/sdk';

const nouns = ['ledger', 'invoice', 'budget', 'agent', 'queue', 'report', 'contract', 'meter'];
const verbs = ['records', 'checks', 'reconciles', 'audits', 'summarises', 'forwards'];

/**
 * Text of `sentences` distinct sentences. The index and a rotating vocabulary
 * keep the words varied, as a real system prompt's are; `tag` makes two texts
 * of the same length differ. A sentence is about 14 tokens.
 */
export function longText(tag: string, sentences: number): string {
  const lines: string[] = [];
  for (let index = 0; index < sentences; index += 1) {
    const noun = nouns[index % nouns.length] ?? 'ledger';
    const verb = verbs[index % verbs.length] ?? 'records';
    lines.push(`Rule ${tag}-${index}: the ${noun} ${verb} item ${index * 7 + 3} before noon.`);
  }
  return lines.join(' ');
}

/** The fields of a request that shape its prompt (what count_tokens takes). */
export type PromptParams = Pick<
  Anthropic.MessageCreateParamsNonStreaming,
  'model' | 'messages' | 'system' | 'tools' | 'tool_choice' | 'cache_control'
>;

/** The prompt total of a request, from POST /v1/messages/count_tokens. */
export async function countPrompt(client: Anthropic, params: PromptParams): Promise<number> {
  const countParams: Anthropic.MessageCountTokensParams = {
    model: params.model,
    messages: params.messages,
  };
  if (params.system !== undefined) countParams.system = params.system;
  if (params.tools !== undefined) countParams.tools = params.tools;
  if (params.tool_choice !== undefined) countParams.tool_choice = params.tool_choice;
  if (params.cache_control !== undefined) countParams.cache_control = params.cache_control;
  const { input_tokens: tokens } = await client.messages.countTokens(countParams);
  return tokens;
}

/** The fields before the messages; `undefined` reads as left out. */
export interface PrefixParams {
  readonly model: string;
  readonly system?: PromptParams['system'] | undefined;
  readonly tools?: PromptParams['tools'] | undefined;
}

/**
 * Tokens of the prefix before the messages (tools, system and the request's
 * own framing): what a breakpoint on the last system block or tool caches.
 * count_tokens needs a message, so this counts one message of empty text and
 * two of them: the difference is one message's framing, and the first count
 * less that framing is the prefix.
 */
export async function countPrefixBeforeMessages(
  client: Anthropic,
  params: PrefixParams,
): Promise<number> {
  const prefix: Omit<PromptParams, 'messages'> = { model: params.model };
  if (params.system !== undefined) prefix.system = params.system;
  if (params.tools !== undefined) prefix.tools = params.tools;
  const one = await countPrompt(client, { ...prefix, messages: [{ role: 'user', content: '' }] });
  const two = await countPrompt(client, {
    ...prefix,
    messages: [
      { role: 'user', content: '' },
      { role: 'assistant', content: '' },
    ],
  });
  return one - (two - one);
}
