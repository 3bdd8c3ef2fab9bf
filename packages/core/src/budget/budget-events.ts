import type { AgentIdentity } from '../model/model-request';
import type { Nanodollars } from '../money/nanodollars';
import type { InferenceGeo, Lane, Speed } from '../pricing/price-call';
import type { TokenClass, Usage } from '../usage/usage';
import type { DegradationAction } from './degradation-ladder';
import type { PressureLevel } from './pressure';
import type { Projection } from './projection';

/** An amount in both of a budget's dimensions. */
export interface Amount {
  readonly usd: Nanodollars;
  readonly tokens: number;
}

interface EventBase {
  /** The budget's name (`task`, `task/researcher-2`). */
  readonly budget: string;
  /** The budget's clock, in ms (`Date.now` unless one was given). */
  readonly at: number;
}

/** Every event a budget or governor emits; `type` is dotted so `budget.*` matches. */
export type BudgetEvent =
  | (EventBase & {
      readonly type: 'budget.reservation.create';
      readonly reservation: string;
      readonly label: string | undefined;
      readonly held: Amount;
    })
  | (EventBase & {
      readonly type: 'budget.reservation.refuse';
      readonly label: string | undefined;
      readonly needed: Amount;
      readonly available: Amount;
      readonly reason: string;
    })
  | (EventBase & {
      readonly type: 'budget.reservation.charge';
      readonly reservation: string;
      /** The reservation's label (`researcher-2 turn 3`), for people reading events. */
      readonly label: string | undefined;
      /** The agent whose call it was, when the call said (ledgers read this, not the label). */
      readonly agent: AgentIdentity | undefined;
      /** The model the charge was priced at (canonical id). */
      readonly model: string;
      readonly lane: Lane;
      readonly speed: Speed;
      readonly inferenceGeo: InferenceGeo;
      /** The cost by token class, nano-dollars; the classes add up to `cost.usd` exactly. */
      readonly byClass: Readonly<Record<TokenClass, Nanodollars>>;
      readonly usage: Usage;
      readonly cost: Amount;
      /** What the charge went past the reservation's hold (zero when the bound held). */
      readonly overrun: Amount;
    })
  | (EventBase & {
      readonly type: 'budget.reservation.renew';
      readonly reservation: string;
      readonly added: Amount;
    })
  | (EventBase & {
      readonly type: 'budget.reservation.release';
      readonly reservation: string;
      readonly released: Amount;
    })
  | (EventBase & {
      readonly type: 'budget.allowance.create';
      readonly child: string;
      readonly limit: Amount;
    })
  | (EventBase & {
      readonly type: 'budget.allowance.close';
      readonly child: string;
      readonly spent: Amount;
      readonly returned: Amount;
      /** Reservations still open at close, released by it (a leak in the caller). */
      readonly leaked: number;
    })
  | (EventBase & {
      readonly type: 'budget.pressure.change';
      readonly from: PressureLevel;
      readonly to: PressureLevel;
      readonly projection: Projection;
    })
  | (EventBase & {
      readonly type: 'budget.decision';
      readonly actions: readonly DegradationAction[];
      readonly reason: string;
      readonly before: Projection;
      readonly after: Projection;
    });

/** Receives budget events; must not throw (an error in it is reported, not raised). */
export type BudgetEventListener = (event: BudgetEvent) => void;

/** A {@link BudgetEvent} before the budget stamps its name and time. */
export type BudgetEventInput = BudgetEvent extends infer Event
  ? Event extends BudgetEvent
    ? Omit<Event, 'budget' | 'at'>
    : never
  : never;
