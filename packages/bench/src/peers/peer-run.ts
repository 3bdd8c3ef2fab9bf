import type { Workload } from '@bursar/simulator';

/** One task of a workload, as every peer is asked to work it. */
export interface PeerTask {
  readonly workload: Workload;
  readonly task: Workload['tasks'][number];
  /** The simulator's URL on 127.0.0.1 (no `/v1`). */
  readonly baseURL: string;
  /** Model turns the agent may take (a framework's step or recursion cap). */
  readonly maxTurns: number;
  /** `max_tokens` where the peer asks for one (the naive loop and Bursar); frameworks keep their default. */
  readonly maxTokens: number;
}

/** What a peer produced: its final text (graded by the simulator) and its model calls. */
export interface PeerOutcome {
  readonly text: string;
  readonly calls: number;
  /** How it ended, in the peer's own words (`end_turn`, `done`, `GraphRecursionError` ...). */
  readonly ending: string;
}

/** A peer: runs one task against the simulator at `baseURL`. */
export interface Peer {
  readonly name: string;
  readonly run: (input: PeerTask) => Promise<PeerOutcome>;
}
