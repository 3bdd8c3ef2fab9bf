import type { WorkloadInput } from '../../src/index';

/**
 * A small two-step workload for tests: one step needs a sonnet-class model
 * (below it, a fact is missed), the other any model.
 */
export const workloadInput: WorkloadInput = {
  format: 'bursar-workload/v1',
  id: 'rivers',
  title: 'Rivers of two capitals',
  systemPrompt: 'You answer geography questions with the search tool. Cite what you found.',
  tools: [
    {
      name: 'search',
      description: 'Searches an encyclopedia.',
      input_schema: {
        type: 'object',
        properties: { query: { type: 'string' } },
        required: ['query'],
      },
    },
  ],
  tasks: [
    {
      id: 'two-rivers',
      prompt: 'Which rivers flow through the capitals of Vostria and Palmeny? Use the search tool.',
      shape: 'parallel',
      answerFacts: ['the Amber flows through Kell', 'the Sile flows through Dorn'],
      steps: [
        {
          id: 'vostria',
          question: 'Which river flows through the capital of Vostria?',
          // Needs a sonnet-class model: below it, a fact is missed.
          minimumLine: 'sonnet',
          toolCalls: [
            {
              tool: 'search',
              input: { query: 'capital of Vostria and its river' },
              resultTokens: 600,
              facts: ['Kell is the capital of Vostria', 'the Amber flows through Kell'],
            },
          ],
        },
        {
          id: 'palmeny',
          question: 'Which river flows through the capital of Palmeny?',
          toolCalls: [
            {
              tool: 'search',
              input: { query: 'capital of Palmeny and its river' },
              resultTokens: 600,
              facts: ['the Sile flows through Dorn'],
            },
          ],
        },
      ],
    },
  ],
};
