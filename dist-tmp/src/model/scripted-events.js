/**
 * Scripted events: dated changes written in the scenario (impose, suspend, extend or lift a
 * control; a facility goes offline or online; demand changes; a reserve releases or buys).
 * Whether an uncertain event happens, and when, is drawn once at the start from the event's
 * own stream, so it never depends on what else the model draws.
 */
import { Priority, sample } from "../engine/index.js";
import { isoFromEpochDay } from "./calendar.js";
/** Draws, schedules and applies the scenario's scripted events. */
export class ScriptedEvents {
    state;
    operations;
    trade;
    onEvent = (e) => this.apply(this.state.spec.events[e].action);
    /** Outcomes, in declaration order. */
    realized = [];
    constructor(state, operations, trade) {
        this.state = state;
        this.operations = operations;
        this.trade = trade;
    }
    /** Draws every event's outcome and schedules those that happen within the horizon. */
    start(horizonDays) {
        const { spec, env, streams } = this.state;
        const due = [];
        spec.events.forEach((event, index) => {
            const stream = streams.stream(`event/${event.id}`);
            const happened = event.probability >= 1 || stream.bernoulli(event.probability);
            const epochDay = Math.floor(sample(event.epochDay, stream));
            this.realized.push({ id: event.id, happened, date: happened ? isoFromEpochDay(epochDay) : null });
            const time = epochDay - spec.startEpochDay;
            if (happened && time < horizonDays)
                due.push({ time: Math.max(0, time), index });
        });
        // Events dated before the start take effect at the start, in date order.
        due.sort((a, b) => a.time - b.time || a.index - b.index);
        for (const { time, index } of due)
            env.scheduleAt(time, this.onEvent, index, Priority.EARLY);
    }
    apply(action) {
        const state = this.state;
        const now = state.env.now;
        const timeOf = (epochDay) => epochDay - state.spec.startEpochDay;
        switch (action.kind) {
            case "impose":
                state.controls[action.control].impose(now);
                return;
            case "suspend":
                state.controls[action.control].suspend(timeOf(action.untilEpochDay));
                return;
            case "extend":
                state.controls[action.control].extendSuspension(timeOf(action.untilEpochDay));
                return;
            case "lift":
                state.controls[action.control].lift();
                return;
            case "facility-offline":
                this.operations.takeOffline(action.facility, action.untilEpochDay === null ? null : timeOf(action.untilEpochDay));
                return;
            case "facility-online":
                this.operations.bringOnline(action.facility);
                return;
            case "demand-change":
                state.advanceAll(now);
                for (const m of action.markets) {
                    const market = state.markets[m];
                    market.demandFactor *= action.factor;
                    market.demandRate *= action.factor;
                    state.markGroupDirty(state.groupOfMarket(m));
                }
                state.settle();
                return;
            case "stockpile-release": {
                state.advanceAll(now);
                const stockpile = state.stockpiles[action.stockpile];
                const tonnes = Math.min(action.tonnes, stockpile.availableTonnes);
                stockpile.level -= tonnes;
                state.markets[stockpile.hostMarket].level += tonnes;
                state.touchMarket(stockpile.hostMarket);
                state.markGroupDirty(state.groupOfMarket(stockpile.hostMarket));
                state.settle();
                return;
            }
            case "stockpile-purchase":
                this.trade.purchase(action.stockpile, action.tonnes);
                return;
        }
    }
}
//# sourceMappingURL=scripted-events.js.map