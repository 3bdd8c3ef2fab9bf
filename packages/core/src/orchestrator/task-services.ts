import { serialPlanThreshold, statusOfAgent } from './task-defaults';
import type { TaskRun } from './task-run';
import type { AgentStatus } from '../agent/agent-events';
import { type AgentResult } from '../agent/run-agent';
import type { Lane } from '../pricing/price-call';
import { cheapenAfterRefusal } from './cheapen-after-refusal';
import { decideShape } from './decide-shape';
import { runFanOut, subagentName, type AgentLaunch } from './fan-out';
import {
  type OrchestratorServices,
  type StepStatus,
  type TaskStatus,
  type WorkOutput,
} from './orchestrator-machine';
import { fitToBudget } from './fit-to-budget';
import { parsePlan, parseTriage } from './parse-role-output';
import { continuationPrompt, synthesisPrompt } from './role-prompts';
import { defaultWorkEstimates, singlePlan } from './work-estimates';

/**
 * The machine's actors over a task run: triage, plan, decide, single,
 * fan-out, continuation and synthesis, each settling into the run's state
 * and saving a checkpoint.
 * @internal
 */
export function createTaskServices(run: TaskRun): OrchestratorServices {
  const { settings } = run;
  const stepStatus = (status: AgentStatus): StepStatus =>
    status === 'completed' ? 'ok' : (statusOfAgent[status] as Exclude<TaskStatus, 'done'>);
  // The working agents' configuration: the planner's choice once it has decided.
  const configured = () => ({
    workModel: run.decision?.configuration?.workModel ?? settings.models.work,
    synthesizeModel: run.decision?.configuration?.synthesizeModel ?? settings.models.synthesize,
    prune: run.decision?.configuration?.prune ?? false,
    maxTokens: run.decision?.configuration?.maxTokens ?? settings.maxTokens,
  });
  const planInput = () => ({
    task: run.options.task,
    prefixTokens: run.prefixTokens,
    model: configured().workModel,
    synthesizeModel: configured().synthesizeModel,
    maxTokens: configured().maxTokens,
    estimates: { ...defaultWorkEstimates, ...run.options.estimates },
    lane: run.taskLane,
    latencyTolerant: run.latencyTolerant(),
    // The slots left in the whole tree (nested fan-outs share them).
    maxAgents: Math.max(0, settings.maxAgents - settings.nesting.counter.used),
  });
  const finish = async (agent: string, result: AgentResult): Promise<WorkOutput> => {
    run.final = {
      status: result.status,
      text: result.text,
      model: run.agents.get(run.name(agent))?.model ?? '',
    };
    await run.checkpointQuietly();
    return { status: statusOfAgent[result.status] };
  };

  return {
    triage: async () => {
      const result = await run.launch({
        agent: 'triage',
        role: 'triage',
        model: run.modelFor('triage', run.options.task, settings.models.triage),
        prompt: run.options.task,
        maxTokens: 256,
        prune: false,
      });
      // A budget too small to judge the task is not the end: one agent may still fit.
      if (result.status === 'budget_exhausted')
        return {
          status: 'ok',
          triage: undefined,
          noPlanReason: 'the budget cannot hold a triage call',
        };
      if (result.status !== 'completed')
        return { status: stepStatus(result.status), triage: undefined, noPlanReason: undefined };
      run.triage = parseTriage(result.text);
      await run.checkpointQuietly();
      if (run.triage === undefined)
        return { status: 'ok', triage: undefined, noPlanReason: undefined };
      // Serial work is planned only when it is long enough for isolated
      // contexts to beat one growing context.
      const serial = !run.triage.parallelizable && run.triage.subtasks <= serialPlanThreshold;
      return {
        status: 'ok',
        triage: run.triage,
        noPlanReason: serial
          ? `triage: the work does not parallelize (${run.triage.size}, ${String(run.triage.subtasks)} subtasks)`
          : undefined,
      };
    },
    plan: async () => {
      const planLaunch: AgentLaunch = {
        agent: 'plan',
        role: 'plan',
        model: run.modelFor('plan', run.options.task, settings.models.plan),
        prompt: run.options.task,
        // Sized to the subtasks triage expects, so a small budget can still hold it.
        maxTokens: Math.min(2048, 256 + 160 * Math.max(4, run.triage?.subtasks ?? 8)),
        prune: false,
      };
      let result = await run.launch(planLaunch);
      if (result.status === 'budget_exhausted')
        return {
          status: 'ok',
          plan: undefined,
          noPlanReason: 'the budget cannot hold a planning call',
        };
      if (result.status !== 'completed')
        return { status: stepStatus(result.status), plan: undefined, noPlanReason: undefined };
      run.plan = parsePlan(result.text);
      // A malformed plan, with a router: once more, one tier up (the failed try stays paid).
      const next =
        run.plan === undefined
          ? run.options.router?.escalate(planLaunch.model, {
              kind: 'malformed-output',
              reason: 'the plan did not parse',
            })
          : undefined;
      if (next !== undefined) {
        run.decide('escalate', `plan: ${next.reason}`);
        result = await run.launch({ ...planLaunch, agent: 'plan#2', model: next.model });
        if (result.status === 'completed') run.plan = parsePlan(result.text);
      }
      await run.checkpointQuietly();
      return {
        status: 'ok',
        plan: run.plan,
        noPlanReason: run.plan === undefined ? 'the plan came back malformed' : undefined,
      };
    },
    decide: async ({ plan, noPlanReason }) => {
      const shaped = decideShape({
        ...planInput(),
        requested: settings.requested,
        plan,
        ...(noPlanReason === undefined ? {} : { noPlanReason }),
        snapshot: settings.budget.snapshot(),
        priceTable: settings.budget.priceTable,
        maxFanOutPremium: settings.premium,
      });
      const decision = fitToBudget(run, shaped, plan);
      run.decision = decision;
      run.decide(
        'shape',
        `${decision.shape}: ${decision.reason}`,
        decision.shape === 'fanOut' ? decision.projectedSingle : decision.projectedFanOut,
        decision.shape === 'fanOut' ? decision.projectedFanOut : decision.projectedSingle,
      );
      run.emit({
        type: 'task.shape',
        taskId: settings.taskId,
        shape: decision.shape,
        reason: decision.reason,
        single: decision.projectedSingle,
        fanOut: decision.projectedFanOut,
      });
      await run.checkpointQuietly();
      return decision;
    },
    single: async () => {
      let model = run.modelFor('single', run.options.task, configured().workModel);
      let maxTokens = configured().maxTokens;
      let prune = configured().prune;
      let lane: Lane = run.taskLane;
      const subtasks = run.plan?.subtasks ?? [
        { id: 'task', question: run.options.task, dependsOn: [] },
      ];
      const assessment = run.governor.assess(singlePlan({ ...planInput(), subtasks }));
      for (const action of assessment.decision?.actions ?? []) {
        if (action.kind === 'downgrade') model = action.steps[0]?.to ?? model;
        if (action.kind === 'cap-output') maxTokens = Math.min(maxTokens, action.maxTokens);
        if (action.kind === 'prune') prune = true;
        if (action.kind === 'batch') lane = 'batch';
      }
      if (assessment.decision !== undefined) {
        // One agent is all the work: a projected stop would leave nothing, so
        // it runs with the other steps and the hard limit ends it if it must.
        const { actions, reason, before, after } = assessment.decision;
        const stops = actions.some((action) => action.kind === 'stop');
        run.pressure(
          actions.filter((action) => action.kind !== 'stop'),
          stops ? `${reason}; no stop: one agent runs until the hard limit ends it` : reason,
          before.total,
          after.total,
        );
      }
      let result = await run.launch({
        agent: 'single',
        role: 'single',
        model,
        prompt: run.options.task,
        maxTokens,
        prune,
        lane,
      });
      // Refused alone: go on once more, cheaper, from where it stopped.
      const step = singlePlan({ ...planInput(), subtasks }).steps[0];
      const cheaper =
        result.status === 'budget_exhausted' && step !== undefined
          ? cheapenAfterRefusal(settings.budget, { ...step, model, maxTokens }, run.ladder)
          : undefined;
      if (cheaper !== undefined) {
        run.pressure(cheaper.actions, cheaper.reason, undefined, undefined);
        result = await run.launch({
          agent: 'single',
          role: 'single',
          model: cheaper.model,
          prompt: run.options.task,
          messages: result.messages,
          maxTokens: cheaper.maxTokens,
          prune,
          lane,
        });
      }
      return finish('single', result);
    },
    fanOut: async () => {
      const plan = run.plan;
      if (plan === undefined) throw new Error('fan-out without a plan');
      const counter = settings.nesting.counter;
      const result = await runFanOut({
        subtasks: plan.subtasks,
        finished: run.subtasks,
        concurrency: settings.concurrency,
        claimSlot: () => {
          if (counter.used >= settings.maxAgents) return false;
          counter.used += 1;
          return true;
        },
        planInput: planInput(),
        governor: run.governor,
        ladder: run.ladder,
        modelFor: (subtask) => run.modelFor('subagent', subtask.question, configured().workModel),
        launch: (launch) => run.launch(launch),
        prune: configured().prune,
        signal: run.options.signal,
        onStart: (subtask, agent, model) => {
          run.emit({
            type: 'task.subagent.start',
            taskId: settings.taskId,
            agent: run.name(agent),
            subtask: subtask.id,
            model,
          });
        },
        onSettled: async (subtask, outcome, agentResult) => {
          if (agentResult.status === 'completed') run.subtasks.set(subtask.id, outcome);
          run.emit({
            type: 'task.subagent.finish',
            taskId: settings.taskId,
            agent: run.name(subagentName(subtask)),
            subtask: subtask.id,
            status: agentResult.status,
            cost: agentResult.cost,
          });
          await run.checkpointQuietly();
        },
        onPressure: (actions, reason) => {
          run.pressure(actions, reason, undefined, undefined);
        },
      });
      run.merged = [...result.merged];
      if (result.merged.length > 0)
        run.decide(
          'collapse',
          `${String(result.merged.length)} subtask(s) handed to one continuing agent: ${result.merged.join(', ')}`,
        );
      await run.checkpointQuietly();
      if (result.stopped === 'failed')
        return { status: 'failed', continuation: false, error: result.error };
      return {
        status:
          result.stopped === undefined
            ? 'ok'
            : result.stopped === 'budget'
              ? 'budgetExhausted'
              : 'aborted',
        continuation: result.merged.length > 0,
      };
    },
    continuation: async () => {
      const findings = [...run.subtasks.values()].map((outcome) => outcome.text);
      const result = await run.launch({
        agent: 'continuation',
        role: 'continuation',
        model: run.modelFor('continuation', run.options.task, configured().workModel),
        prompt: continuationPrompt(run.options.task, findings),
        maxTokens: configured().maxTokens,
        prune: false,
      });
      return finish('continuation', result);
    },
    synthesize: async () => {
      const plan = run.plan;
      const reports = (plan?.subtasks ?? []).flatMap((subtask) => {
        const outcome = run.subtasks.get(subtask.id);
        return outcome === undefined ? [] : [{ question: subtask.question, text: outcome.text }];
      });
      const result = await run.launch({
        agent: 'synthesize',
        role: 'synthesize',
        model: run.modelFor('synthesize', run.options.task, configured().synthesizeModel),
        prompt: synthesisPrompt(run.options.task, reports),
        maxTokens: settings.maxTokens,
        prune: false,
      });
      return finish('synthesize', result);
    },
  };
}
