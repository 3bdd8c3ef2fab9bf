import { createTokenCounter } from '@bursar/simulator';

/** The model every benchmark request names. */
export const benchModel = 'claude-sonnet-4-6';

/** Output tokens each benchmark request asks for. */
export const benchMaxTokens = 64;

const vocabulary = (
  'ledger budget invoice agent request cache prefix token model answer system prompt ' +
  'window tool result message stream batch latency retry limit bucket minute second ' +
  'price dollar cent margin forecast report quarter revenue expense account balance ' +
  'transfer review policy contract supplier customer order shipment warehouse route ' +
  'schedule meeting summary decision risk control audit record archive version branch ' +
  'deploy release feature defect patch server client queue worker thread memory disk ' +
  'network packet header payload schema field column index query table join filter ' +
  'north south river valley mountain forest harbour island bridge tower garden market ' +
  'quickly carefully rarely often always never slowly gently firmly plainly clearly ' +
  'bright quiet heavy narrow ancient modern simple complex careful eager honest steady'
).split(' ');

/** A small seeded generator (mulberry32), so every run sends the same prompt. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function sentence(random: () => number): string {
  const length = 6 + Math.floor(random() * 12);
  const words = Array.from(
    { length },
    () => vocabulary[Math.floor(random() * vocabulary.length)] ?? 'token',
  );
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * A system prompt of varied words, about `targetTokens` long by the
 * simulator's own token counter (so the number is what it bills), built from a
 * fixed seed: every run, and every request of a run, sends the same text.
 */
export function createSystemPrompt(targetTokens: number, seed = 1): string {
  const count = createTokenCounter();
  const random = createRandom(seed);
  const sentences: string[] = [];
  let tokens = 0;
  while (tokens < targetTokens) {
    // Grow in paragraphs and recount: BPE counts are not additive across joins.
    for (let index = 0; index < 20; index += 1) sentences.push(sentence(random));
    tokens = count(sentences.join(' '));
  }
  while (tokens > targetTokens && sentences.length > 1) {
    sentences.pop();
    tokens = count(sentences.join(' '));
  }
  return sentences.join(' ');
}

/** A short user message, different for every `index`, so no two requests are the same. */
export function userMessage(index: number): string {
  const word = vocabulary[index % vocabulary.length] ?? 'ledger';
  return `Request ${index}: in one line, what does the prompt say about the ${word}?`;
}

/**
 * The body of benchmark request `index`: the shared system prompt with a
 * cache_control breakpoint (so every request after the first reads it from
 * the cache) and a user message of its own.
 */
export function benchRequestBody(systemPrompt: string, index: number) {
  return {
    model: benchModel,
    max_tokens: benchMaxTokens,
    system: [
      { type: 'text' as const, text: systemPrompt, cache_control: { type: 'ephemeral' as const } },
    ],
    messages: [{ role: 'user' as const, content: userMessage(index) }],
  };
}
