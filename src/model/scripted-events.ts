/**
 * Scripted events: dated changes written in the scenario (impose, suspend, extend or lift a
 * control; change a licensing control's approval, review time or authority capacity; grant a
 * general licence; a facility goes offline or online; demand changes; a reserve releases or buys).
 * Whether and when an uncertain event happens is drawn per replicate by the scenario layer; an
 * event handed over with a probability between 0 and 1 is drawn once at the start from its own
 * stream, so it never depends on what else the model draws.
 */
import { Priority } from "../engine/index.js";
import { isoFromEpochDay } from "./calendar.js";
import type { Demand } from "./demand.js";
import type { FacilityOperations } from "./facility-operations.js";
import { ModelError } from "./model-error.js";
import type { TradeDesk } from "./trade-desk.js";
import type { EventAction, EventSpec } from "./world-spec.js";
import type { WorldState } from "./world-state.js";

/** What became of one scripted event in this run. */
export interface RealizedEvent {
  readonly id: string;
  /** Whether it happened (its probability came up). */
  readonly happened: boolean;
  /** The date it happened or would have (ISO), or null when it did not happen. */
  readonly date: string | null;
}

/** Draws, schedules and applies the scenario's scripted events. */
export class ScriptedEvents {
  private readonly state: WorldState;
  private readonly operations: FacilityOperations;
  private readonly trade: TradeDesk;
  private readonly demand: Demand;
  private readonly onEvent = (e: number): void => this.apply(this.state.spec.events[e].action);
  /** Outcomes, in declaration order. */
  readonly realized: RealizedEvent[] = [];

  constructor(state: WorldState, operations: FacilityOperations, trade: TradeDesk, demand: Demand) {
    this.state = state;
    this.operations = operations;
    this.trade = trade;
    this.demand = demand;
  }

  /** Draws every event's outcome and schedules those that happen before `endTime`. */
  start(endTime: number): void {
    const { spec, env, streams } = this.state;
    const due: { time: number; index: number }[] = [];
    spec.events.forEach((event: EventSpec, index) => {
      const stream = streams.stream(`event/${event.id}`);
      const happened = event.probability >= 1 || stream.bernoulli(event.probability);
      const epochDay = Math.floor(event.epochDay);
      this.realized.push({ id: event.id, happened, date: happened ? isoFromEpochDay(epochDay) : null });
      const time = epochDay - this.state.originEpochDay;
      if (happened && time < endTime) due.push({ time: Math.max(0, time), index });
    });
    // Events dated before the warm-up take effect when it begins, in date order.
    due.sort((a, b) => a.time - b.time || a.index - b.index);
    for (const { time, index } of due) env.scheduleAt(time, this.onEvent, index, Priority.EARLY);
  }

  private apply(action: EventAction): void {
    const state = this.state;
    const now = state.env.now;
    const timeOf = (epochDay: number) => epochDay - state.originEpochDay;
    switch (action.kind) {
      // Importers re-plan when the rules change, and when a suspension ends by itself.
      case "impose":
        for (const c of action.controls) state.controls[c].impose(now);
        this.trade.replan();
        return;
      case "suspend":
      case "extend":
        for (const c of action.controls) {
          state.controls[c].suspendUntil(timeOf(action.untilEpochDay));
          this.trade.replanAt(timeOf(action.untilEpochDay), c);
        }
        this.trade.replan();
        return;
      case "lift":
        for (const c of action.controls) state.controls[c].lift();
        this.trade.replan();
        return;
      case "facility-offline":
        this.operations.takeOffline(action.facility, action.untilEpochDay === null ? null : timeOf(action.untilEpochDay));
        return;
      case "facility-online":
        this.operations.bringOnline(action.facility);
        return;
      case "demand-change":
        for (const m of action.markets) this.demand.scale(m, action.factor, action.priorityClass);
        state.settle();
        return;
      case "stockpile-release": {
        const stockpile = state.stockpiles[action.stockpile];
        // The host records its reserve's level day by day: bring both up to now first.
        state.markets[stockpile.hostMarket].advanceTo(now);
        stockpile.advanceTo(now);
        const tonnes = stockpile.release(action.tonnes);
        state.markets[stockpile.hostMarket].receiveRelease(tonnes, stockpile.content);
        state.touchMarket(stockpile.hostMarket);
        state.markGroupDirty(state.groupOfMarket(stockpile.hostMarket));
        state.settle();
        return;
      }
      case "stockpile-purchase":
        this.trade.purchase(action.stockpile, action.tonnes);
        return;
      case "licensing-change":
        this.trade.licences.change(
          action.controls.map((c) => state.controls[c]),
          action.approvalByCountry,
          action.processingDays,
          action.capacity,
        );
        return;
      case "general-licence": {
        const until = action.untilEpochDay === null ? Infinity : timeOf(action.untilEpochDay);
        for (const c of action.controls) for (const d of action.destinations) state.controls[c].grantGeneralLicence(d, until, action.share);
        return;
      }
      default: {
        // Every action is handled above: a new kind that is not fails the type check here.
        const unhandled: never = action;
        throw new ModelError("unhandled-event", `unhandled event action ${JSON.stringify(unhandled)}`);
      }
    }
  }
}
