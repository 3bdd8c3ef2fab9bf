import { assign, fromPromise, setup } from 'xstate';
import type { ShapeDecision } from './task-checkpoint';
import type { RequestedShape, TaskPlan, Triage } from './task-plan';

/** How a task ended. */
export type TaskStatus = 'done' | 'budgetExhausted' | 'failed' | 'aborted';

/** What one step of the machine reports: carry on (`ok`) or how the task ends. */
export type StepStatus = 'ok' | Exclude<TaskStatus, 'done'>;

/** The triage step's result: whether the task is worth a plan. */
export interface TriageOutput {
  readonly status: StepStatus;
  readonly triage: Triage | undefined;
  /** Why no plan will be made (triage judged it small and serial, or its answer was malformed). */
  readonly noPlanReason: string | undefined;
}

/** The plan step's result. */
export interface PlanOutput {
  readonly status: StepStatus;
  readonly plan: TaskPlan | undefined;
  readonly noPlanReason: string | undefined;
}

/** A working step's result (single agent, continuation, synthesis). */
export interface WorkOutput {
  readonly status: TaskStatus;
}

/** The fan-out's result: whether one agent must continue merged subtasks. */
export interface FanOutOutput {
  readonly status: StepStatus;
  readonly continuation: boolean;
  /** Why it failed, for `failed` (a subagent's error). */
  readonly error?: unknown;
}

/**
 * The side effects the machine invokes, one actor each. `runTask` provides
 * them over the agent loop, the governor and the store; tests provide fakes.
 */
export interface OrchestratorServices {
  triage(): Promise<TriageOutput>;
  plan(): Promise<PlanOutput>;
  decide(input: {
    readonly plan: TaskPlan | undefined;
    readonly noPlanReason: string | undefined;
  }): Promise<ShapeDecision>;
  single(): Promise<WorkOutput>;
  fanOut(): Promise<FanOutOutput>;
  continuation(): Promise<WorkOutput>;
  /** `partial`: the fan-out stopped early, so the synthesis works from what there is. */
  synthesize(input: { readonly partial: boolean }): Promise<WorkOutput>;
}

/** Where a run starts: a new task, or a resumed one with what it already settled. */
export interface OrchestratorInput {
  readonly requested: RequestedShape;
  readonly triage: Triage | undefined;
  readonly plan: TaskPlan | undefined;
  readonly decision: ShapeDecision | undefined;
  /** A resumed task that had already ended. */
  readonly finalStatus: TaskStatus | undefined;
}

/** The machine's context: what each step settled. */
export interface OrchestratorContext extends OrchestratorInput {
  readonly noPlanReason: string | undefined;
  readonly partial: boolean;
  readonly status: TaskStatus | undefined;
  readonly error: unknown;
}

/**
 * The orchestrator as an XState v5 machine:
 * triage -> plan -> decide -> single | fanOut -> (continuation) -> synthesize ->
 * done | budgetExhausted | failed | aborted. Side effects are actors given in
 * `services`; every choice is a guard over what the steps returned. A resumed
 * run starts at the first step its checkpoint has not settled.
 *
 * @example
 * ```ts
 * import { createActor, toPromise } from 'xstate';
 * const machine = createOrchestratorMachine(services);
 * const actor = createActor(machine, { input: { requested: 'auto', triage: undefined, plan: undefined, decision: undefined, finalStatus: undefined } });
 * actor.start();
 * const { status } = await toPromise(actor);
 * ```
 */
export function createOrchestratorMachine(services: OrchestratorServices) {
  return setup({
    types: {
      input: {} as OrchestratorInput,
      context: {} as OrchestratorContext,
      output: {} as { status: TaskStatus; error: unknown },
    },
    actors: {
      triage: fromPromise<TriageOutput>(() => services.triage()),
      plan: fromPromise<PlanOutput>(() => services.plan()),
      decide: fromPromise<
        ShapeDecision,
        { plan: TaskPlan | undefined; noPlanReason: string | undefined }
      >(({ input }) => services.decide(input)),
      single: fromPromise<WorkOutput>(() => services.single()),
      fanOut: fromPromise<FanOutOutput>(() => services.fanOut()),
      continuation: fromPromise<WorkOutput>(() => services.continuation()),
      synthesize: fromPromise<WorkOutput, { partial: boolean }>(({ input }) =>
        services.synthesize(input),
      ),
    },
    guards: {
      ended: ({ context }) => context.finalStatus !== undefined,
      decided: ({ context }) => context.decision !== undefined,
      planned: ({ context }) => context.plan !== undefined,
      askedAuto: ({ context }) => context.requested === 'auto',
      askedSingle: ({ context }) => context.requested === 'single',
      fanOutChosen: ({ context }) => context.decision?.shape === 'fanOut',
      isDone: ({ context }) => context.status === 'done',
      isBudgetExhausted: ({ context }) => context.status === 'budgetExhausted',
      isAborted: ({ context }) => context.status === 'aborted',
    },
  }).createMachine({
    id: 'bursarTask',
    initial: 'start',
    context: ({ input }) => ({
      ...input,
      noPlanReason: undefined,
      partial: false,
      status: input.finalStatus,
      error: undefined,
    }),
    output: ({ context }) => ({ status: context.status ?? 'failed', error: context.error }),
    states: {
      start: {
        always: [
          { guard: 'ended', target: 'finished' },
          { guard: 'decided', target: 'route' },
          { guard: 'planned', target: 'decide' },
          { guard: 'askedAuto', target: 'triage' },
          { guard: 'askedSingle', target: 'decide' },
          { description: 'asked fan-out', target: 'plan' },
        ],
      },
      triage: {
        invoke: {
          src: 'triage',
          onDone: [
            {
              description: 'stopped',
              guard: ({ event }) => event.output.status !== 'ok',
              target: 'finished',
              actions: assign({ status: ({ event }) => event.output.status as TaskStatus }),
            },
            {
              description: 'no plan needed',
              guard: ({ event }) => event.output.noPlanReason !== undefined,
              target: 'decide',
              actions: assign({
                triage: ({ event }) => event.output.triage,
                noPlanReason: ({ event }) => event.output.noPlanReason,
              }),
            },
            {
              description: 'parallel or large',
              target: 'plan',
              actions: assign({ triage: ({ event }) => event.output.triage }),
            },
          ],
          onError: {
            description: 'threw',
            target: 'finished',
            actions: assign({ status: 'failed' as const, error: ({ event }) => event.error }),
          },
        },
      },
      plan: {
        invoke: {
          src: 'plan',
          onDone: [
            {
              description: 'stopped',
              guard: ({ event }) => event.output.status !== 'ok',
              target: 'finished',
              actions: assign({ status: ({ event }) => event.output.status as TaskStatus }),
            },
            {
              description: 'planned',
              target: 'decide',
              actions: assign({
                plan: ({ event }) => event.output.plan,
                noPlanReason: ({ event }) => event.output.noPlanReason,
              }),
            },
          ],
          onError: {
            description: 'threw',
            target: 'finished',
            actions: assign({ status: 'failed' as const, error: ({ event }) => event.error }),
          },
        },
      },
      decide: {
        invoke: {
          src: 'decide',
          input: ({ context }) => ({ plan: context.plan, noPlanReason: context.noPlanReason }),
          onDone: {
            description: 'priced',
            target: 'route',
            actions: assign({ decision: ({ event }) => event.output }),
          },
          onError: {
            description: 'threw',
            target: 'finished',
            actions: assign({ status: 'failed' as const, error: ({ event }) => event.error }),
          },
        },
      },
      route: {
        always: [
          { guard: 'fanOutChosen', target: 'fanOut' },
          { description: 'single chosen', target: 'single' },
        ],
      },
      single: {
        invoke: {
          src: 'single',
          onDone: {
            target: 'finished',
            actions: assign({ status: ({ event }) => event.output.status }),
          },
          onError: {
            description: 'threw',
            target: 'finished',
            actions: assign({ status: 'failed' as const, error: ({ event }) => event.error }),
          },
        },
      },
      fanOut: {
        invoke: {
          src: 'fanOut',
          onDone: [
            {
              description: 'aborted',
              guard: ({ event }) => event.output.status === 'aborted',
              target: 'finished',
              actions: assign({ status: 'aborted' as const }),
            },
            {
              description: 'a subagent failed',
              guard: ({ event }) => event.output.status === 'failed',
              target: 'finished',
              actions: assign({
                status: 'failed' as const,
                error: ({ event }) => event.output.error,
              }),
            },
            {
              description: 'collapsed or capped',
              guard: ({ event }) => event.output.status === 'ok' && event.output.continuation,
              target: 'continuation',
            },
            {
              description: 'reports in',
              target: 'synthesize',
              actions: assign({ partial: ({ event }) => event.output.status !== 'ok' }),
            },
          ],
          onError: {
            description: 'threw',
            target: 'finished',
            actions: assign({ status: 'failed' as const, error: ({ event }) => event.error }),
          },
        },
      },
      continuation: {
        invoke: {
          src: 'continuation',
          onDone: {
            target: 'finished',
            actions: assign({ status: ({ event }) => event.output.status }),
          },
          onError: {
            description: 'threw',
            target: 'finished',
            actions: assign({ status: 'failed' as const, error: ({ event }) => event.error }),
          },
        },
      },
      synthesize: {
        invoke: {
          src: 'synthesize',
          input: ({ context }) => ({ partial: context.partial }),
          onDone: {
            target: 'finished',
            // A synthesis of partial work still ends the task as budget-exhausted.
            actions: assign({
              status: ({ context, event }) =>
                context.partial && event.output.status === 'done'
                  ? 'budgetExhausted'
                  : event.output.status,
            }),
          },
          onError: {
            description: 'threw',
            target: 'finished',
            actions: assign({ status: 'failed' as const, error: ({ event }) => event.error }),
          },
        },
      },
      finished: {
        always: [
          { guard: 'isDone', target: 'done' },
          { guard: 'isBudgetExhausted', target: 'budgetExhausted' },
          { guard: 'isAborted', target: 'aborted' },
          { description: 'otherwise', target: 'failed' },
        ],
      },
      done: { type: 'final' },
      budgetExhausted: { type: 'final' },
      failed: { type: 'final' },
      aborted: { type: 'final' },
    },
  });
}

/** The machine's type, for those who drive it themselves. */
export type OrchestratorMachine = ReturnType<typeof createOrchestratorMachine>;
