import { createSeededRandom, hashString } from '../answer/seeded-random';
import { generateProse } from '../answer/generate-prose';
import type { Responder, ResponderAnswer, ResponseContentBlock } from '../messages/responder';
import type { RequestReading } from './request-reading';
import { sizedText } from './sized-text';
import { callKey } from './workload-tools';
import {
  modelLineOrder,
  type Workload,
  type WorkloadStep,
  type WorkloadTask,
} from './workload-schema';
import type { WorkloadRole } from './workload-responder';

/** The task (and step, for a subagent) a request is about. */
export interface Located {
  readonly workload: Workload;
  readonly task: WorkloadTask;
  readonly step: WorkloadStep | undefined;
}

/** One answer of the simulated model, with everything it needs in reach. */
export class SimulatedTurn {
  private readonly reading: RequestReading;
  private readonly located: Located;
  private readonly context: Parameters<Responder>[1];
  private readonly lineRank: number;

  constructor(reading: RequestReading, located: Located, context: Parameters<Responder>[1]) {
    this.reading = reading;
    this.located = located;
    this.context = context;
    const rank = (modelLineOrder as readonly string[]).indexOf(context.modelLine);
    this.lineRank = rank < 0 ? 0 : rank;
  }

  answer(role: WorkloadRole): ResponderAnswer {
    const { task } = this.located;
    switch (role) {
      case 'triage':
        return this.json(
          {
            size: task.steps.length > 3 ? 'large' : 'small',
            parallelizable: task.shape === 'parallel' || task.shape === 'list-then-fan-out',
            subtasks: task.steps.length,
            shape: task.shape,
          },
          'haiku',
        );
      case 'plan':
        return this.json(
          {
            subtasks: task.steps.map((step) => ({
              id: step.id,
              question: step.question,
              dependsOn: step.dependsOn,
            })),
          },
          'sonnet',
        );
      case 'compact': {
        const facts = this.allFacts().filter((fact) => this.reading.context.includes(fact));
        return this.text(
          `Summary of the work so far. Facts established: ${facts.join('; ')}.`,
          120,
        );
      }
      case 'synthesize':
        return this.finalAnswer(task.answerFacts, task.steps, task.finalAnswerTokens);
      case 'agent':
        return task.trace !== undefined
          ? this.traceTurn()
          : this.work(task.steps, task.answerFacts, task.finalAnswerTokens);
      case 'subagent': {
        const step = this.located.step;
        if (step === undefined)
          return this.work(task.steps, task.answerFacts, task.finalAnswerTokens);
        return this.work([step], stepFacts(step), step.answerTokens);
      }
    }
  }

  /** The agent loop's next turn: restate fresh results, then the next call or the answer. */
  private work(
    steps: readonly WorkloadStep[],
    answerFacts: readonly string[],
    answerTokens: number,
  ): ResponderAnswer {
    const restatement = this.restate();
    const made = new Map<string, number>();
    for (const call of this.reading.calls)
      made.set(callKey(call.name, call.input), (made.get(callKey(call.name, call.input)) ?? 0) + 1);

    // An under-tier model repeats its last call once in a while (a loop).
    const last = this.reading.calls.at(-1);
    if (last !== undefined) {
      const lastStep = this.stepOfCall(steps, last.name, last.input);
      if (
        lastStep !== undefined &&
        this.underTier(lastStep) &&
        made.get(callKey(last.name, last.input)) === 1 &&
        this.chance(`loop:${callKey(last.name, last.input)}`) < 0.5
      ) {
        return this.toolCall(restatement, last.name, last.input);
      }
    }
    for (const step of orderSteps(steps)) {
      if (this.blocked(step, steps)) continue;
      for (const call of step.toolCalls) {
        // What the context already holds (a summary after compaction) is not fetched again.
        const known =
          call.facts.length > 0 && call.facts.every((fact) => this.reading.context.includes(fact));
        if (!made.has(callKey(call.tool, call.input)) && !known) {
          return this.toolCall(restatement, call.tool, call.input);
        }
      }
    }
    return this.finalAnswer(answerFacts, steps, answerTokens, restatement);
  }

  /** "Noted: …": the facts of each fresh tool result, as a capable model takes them in. */
  private restate(): string {
    const notes: string[] = [];
    for (const { call, content } of this.reading.freshResults) {
      if (call === undefined) continue;
      const step = this.stepOfCall(this.located.task.steps, call.name, call.input);
      const declared = step?.toolCalls.find(
        (candidate) => callKey(candidate.tool, candidate.input) === callKey(call.name, call.input),
      );
      if (step === undefined || declared === undefined) continue;
      const facts = this.keptFacts(
        step,
        declared.facts.filter((fact) => content.includes(fact)),
      );
      notes.push(
        facts.length > 0
          ? `Noted from ${call.name}: ${facts.join('; ')}.`
          : `Nothing useful from ${call.name}.`,
      );
    }
    return notes.join(' ');
  }

  private finalAnswer(
    facts: readonly string[],
    steps: readonly WorkloadStep[],
    tokens: number,
    prefix = '',
  ): ResponderAnswer {
    const stepFactSet = new Set(steps.flatMap((step) => stepFacts(step)));
    const known = facts.filter((fact) => {
      if (!stepFactSet.has(fact)) {
        // A derived fact (arithmetic over lookups): known when all its inputs are.
        return [...stepFactSet].every((input) => this.reading.context.includes(input));
      }
      const owner = steps.find((step) => stepFacts(step).includes(fact));
      return (
        this.reading.context.includes(fact) &&
        (owner === undefined || this.keptFacts(owner, [fact]).length === 1)
      );
    });
    const body = `${prefix}${prefix.length > 0 ? ' ' : ''}Answer: ${known.length > 0 ? known.join('; ') : 'I could not establish the facts needed'}.`;
    return this.text(body, tokens);
  }

  /** A trace-shaped task: call k answers with text of the recorded size and the recorded tool. */
  private traceTurn(): ResponderAnswer {
    const { task } = this.located;
    const calls = task.trace?.calls ?? [];
    const index = Math.min(this.reading.assistantTurns, calls.length - 1);
    const call = calls[index];
    if (call === undefined) return { content: [], stopReason: 'end_turn' };
    const text = sizedText({
      seed: `${task.id}#${String(index)}:text`,
      tokens: call.outputTokens,
      facts: [],
      format: 'text',
      countTokens: this.context.countTokens,
    });
    if (index === calls.length - 1)
      return { content: [{ type: 'text', text }], stopReason: 'end_turn' };
    return {
      content: [
        { type: 'text', text },
        {
          type: 'tool_use',
          id: this.toolUseId(`${task.id}#${String(index)}`),
          name: 'trace_step',
          input: { task: task.id, call: index },
        },
      ],
      stopReason: 'tool_use',
    };
  }

  private json(value: unknown, minimumLine: (typeof modelLineOrder)[number]): ResponderAnswer {
    const text = JSON.stringify(value);
    // Below the line that can plan, the JSON comes out broken.
    if (this.lineRank < modelLineOrder.indexOf(minimumLine))
      return {
        content: [{ type: 'text', text: text.slice(0, Math.max(1, text.length - 2)) }],
        stopReason: 'end_turn',
      };
    return { content: [{ type: 'text', text }], stopReason: 'end_turn' };
  }

  private text(body: string, tokens: number): ResponderAnswer {
    const random = createSeededRandom(hashString(`${String(this.context.seed)}:${body}`));
    let text = body;
    const filler = tokens - this.context.countTokens(body);
    if (filler > 8) text = `${body} ${generateProse(random, Math.ceil(filler * 0.75))}`;
    return { content: [{ type: 'text', text }], stopReason: 'end_turn' };
  }

  private toolCall(restatement: string, name: string, input: unknown): ResponderAnswer {
    const content: ResponseContentBlock[] = [];
    if (restatement.length > 0) content.push({ type: 'text', text: restatement });
    const count = this.reading.calls.filter(
      (call) => callKey(call.name, call.input) === callKey(name, input),
    ).length;
    content.push({
      type: 'tool_use',
      id: this.toolUseId(`${callKey(name, input)}#${String(count)}`),
      name,
      input,
    });
    return { content, stopReason: 'tool_use' };
  }

  private stepOfCall(
    steps: readonly WorkloadStep[],
    name: string,
    input: unknown,
  ): WorkloadStep | undefined {
    const key = callKey(name, input);
    return steps.find((step) =>
      step.toolCalls.some((call) => callKey(call.tool, call.input) === key),
    );
  }

  private underTier(step: WorkloadStep): boolean {
    return this.lineRank < modelLineOrder.indexOf(step.minimumLine);
  }

  /**
   * The facts a model keeps of a step's: all of them, or below the step's tier
   * about half (a fact whose hash is odd) and never the step's last one, so an
   * under-tier model always misses something.
   */
  private keptFacts(step: WorkloadStep, facts: readonly string[]): string[] {
    if (!this.underTier(step)) return [...facts];
    const all = stepFacts(step);
    return facts.filter(
      (fact) => fact !== all.at(-1) && hashString(`${this.located.task.id}:${fact}`) % 2 === 0,
    );
  }

  /** Facts of a step the model knows now: in its context, and not missed. */
  private knownFacts(step: WorkloadStep): string[] {
    return this.keptFacts(
      step,
      stepFacts(step).filter((fact) => this.reading.context.includes(fact)),
    );
  }

  /**
   * Whether a step cannot start: a fact it needs from a step it depends on is
   * not known (its question names a missed fact, or none of a dependency's
   * facts is known), as a model that missed the list cannot look up its items.
   */
  private blocked(step: WorkloadStep, steps: readonly WorkloadStep[]): boolean {
    for (const dependency of steps.filter((candidate) => step.dependsOn.includes(candidate.id))) {
      const facts = stepFacts(dependency);
      const known = this.knownFacts(dependency);
      if (facts.length > 0 && known.length === 0) return true;
      if (facts.some((fact) => !known.includes(fact) && step.question.includes(fact))) return true;
    }
    return false;
  }

  private allFacts(): string[] {
    const { task } = this.located;
    return [...new Set([...task.steps.flatMap((step) => stepFacts(step)), ...task.answerFacts])];
  }

  private chance(label: string): number {
    return createSeededRandom(
      `${String(this.context.seed)}:${this.located.task.id}:${label}`,
    ).next();
  }

  private toolUseId(label: string): string {
    return `toolu_01${createSeededRandom(`${String(this.context.seed)}:${label}`).identifier(22)}`;
  }
}

/** A step's facts: its own list, or its tool calls' facts. */
function stepFacts(step: WorkloadStep): string[] {
  return step.facts.length > 0 ? step.facts : step.toolCalls.flatMap((call) => call.facts);
}

/** Steps in dependency order (stable for independent ones). */
function orderSteps(steps: readonly WorkloadStep[]): WorkloadStep[] {
  const ids = new Set(steps.map((step) => step.id));
  const done = new Set<string>();
  const ordered: WorkloadStep[] = [];
  let remaining = [...steps];
  while (remaining.length > 0) {
    const ready = remaining.filter((step) =>
      step.dependsOn.every((dependency) => done.has(dependency) || !ids.has(dependency)),
    );
    // A cycle: take the rest as listed rather than loop forever.
    const batch = ready.length > 0 ? ready : remaining;
    for (const step of batch) {
      ordered.push(step);
      done.add(step.id);
    }
    remaining = remaining.filter((step) => !done.has(step.id));
  }
  return ordered;
}
