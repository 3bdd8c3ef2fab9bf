import type { Nanodollars } from '../money/nanodollars';
import type { Usage } from '../usage/usage';

/** Events of the agent loop; dotted so `agent.*` matches. */
export type AgentEvent =
  | {
      readonly type: 'agent.turn.start';
      readonly agent: string;
      readonly turn: number;
      readonly inputTokensBound: number;
      /** The turn's output cap: `maxTokens`, or less when the budget capped it. */
      readonly maxTokens: number;
    }
  | {
      /** The budget could not hold the turn's `maxTokens`; it runs with the largest cap that fits. */
      readonly type: 'agent.output.cap';
      readonly agent: string;
      readonly turn: number;
      readonly maxTokens: number;
      readonly requested: number;
    }
  | {
      readonly type: 'agent.turn.end';
      readonly agent: string;
      readonly turn: number;
      readonly usage: Usage;
      readonly cost: Nanodollars;
      readonly cacheMissReason: string | undefined;
    }
  | {
      readonly type: 'agent.tool.call';
      readonly agent: string;
      readonly turn: number;
      readonly tool: string;
      readonly ok: boolean;
    }
  | {
      readonly type: 'agent.retry';
      readonly agent: string;
      readonly turn: number;
      readonly attempt: number;
      readonly delayMs: number;
      readonly error: string;
    }
  | {
      readonly type: 'agent.prefix.bust';
      readonly agent: string;
      readonly turn: number;
      readonly segment: 'tools' | 'system' | 'reference';
      readonly tokensBound: number;
    }
  | {
      readonly type: 'agent.context.prune';
      readonly agent: string;
      readonly turn: number;
      readonly artifacts: readonly string[];
      readonly tokens: number;
      /** Femtodollars, as a decimal string (a bigint does not survive JSON). */
      readonly savingsFemtodollars: string;
      readonly rewriteCostFemtodollars: string;
    }
  | {
      readonly type: 'agent.context.compact';
      readonly agent: string;
      readonly turn: number;
      readonly promptTokensBefore: number;
      readonly cost: Nanodollars;
    }
  | {
      readonly type: 'agent.finish';
      readonly agent: string;
      readonly status: AgentStatus;
      readonly turns: number;
      readonly cost: Nanodollars;
    };

/** How a run ended. */
export type AgentStatus = 'completed' | 'max_turns' | 'budget_exhausted' | 'failed' | 'aborted';
