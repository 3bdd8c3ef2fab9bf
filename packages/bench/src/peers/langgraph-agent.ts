import { ChatAnthropic } from '@langchain/anthropic';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { createWorkloadTools } from '@bursar/simulator';
import type { Peer, PeerOutcome, PeerTask } from './peer-run';

/** The text of a LangChain message's content, whatever its shape. */
function textOf(message: BaseMessage | undefined): string {
  if (message === undefined) return '';
  const content: unknown = message.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .flatMap((block: unknown) =>
      typeof block === 'object' &&
      block !== null &&
      (block as { type?: unknown }).type === 'text' &&
      typeof (block as { text?: unknown }).text === 'string'
        ? [(block as { text: string }).text]
        : [],
    )
    .join('');
}

/**
 * LangGraph.js's prebuilt ReAct agent (`createReactAgent`) over
 * `@langchain/anthropic`'s ChatAnthropic pointed at the simulator, at its
 * defaults (no cache control, its own `max_tokens`). The recursion limit is
 * raised to the turn cap: two graph steps a turn (model, tools) and one to end.
 */
async function runLangGraphAgent(input: PeerTask): Promise<PeerOutcome> {
  const model = new ChatAnthropic({
    model: 'claude-sonnet-4-6',
    apiKey: 'sk-bench-langgraph',
    anthropicApiUrl: input.baseURL,
    // No fault is injected here: a failed call should show, not be retried.
    maxRetries: 0,
  });
  const workloadTools = createWorkloadTools(input.workload);
  const tools = workloadTools.definitions.map((definition) =>
    tool((toolInput: unknown) => workloadTools.execute(definition.name, toolInput), {
      name: definition.name,
      description: definition.description,
      schema: definition.input_schema as NonNullable<Parameters<typeof tool>[1]['schema']>,
    }),
  );
  // The prebuilt ReAct agent is what the comparison names; LangChain 1 also
  // offers `createAgent` in the `langchain` package, built on the same graph.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const agent = createReactAgent({ llm: model, tools, prompt: input.workload.systemPrompt });
  const state = await agent.invoke(
    { messages: [{ role: 'user', content: input.task.prompt }] },
    { recursionLimit: 2 * input.maxTurns + 1 },
  );
  const messages = state.messages;
  const calls = messages.filter((message) => AIMessage.isInstance(message)).length;
  return { text: textOf(messages.at(-1)), calls, ending: 'done' };
}

/** LangGraph's ReAct agent as a peer. */
export const langGraphPeer: Peer = {
  name: 'LangGraph createReactAgent',
  run: runLangGraphAgent,
};
