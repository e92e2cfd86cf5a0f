/**
 * Open day: a market's flow totals of the day being accumulated, and the hand-over of its days
 * to the run's DailyRecord as the market advances: the partly covered open day, then the whole
 * days after it in a single run at the rates that held (one call, however long), so that a run
 * does O(1) work per market per event whatever the number of days crossed.
 */
import type { DailyRecord, DayFlows } from "./daily-record.js";
import type { MarketDemand, MarketRates } from "./market-rates.js";

/** The open day of one market (the market owns it; nothing else writes it). */
export class OpenDay {
  /** The simulation day whose flows are being accumulated. */
  private day = 0;
  /** Flow totals of the open day, tonnes. */
  private readonly flows: DayFlows = emptyFlows();
  /** The flows of a whole day at the current rates (reused for every run of whole days). */
  private readonly wholeDay: DayFlows = emptyFlows();

  /**
   * Accumulates the flows from `from` to `t` at `rates` and `demand`, handing `record` every
   * day boundary crossed; `level` is the stock at `from`, moving at `rates.net`.
   */
  cross(record: DailyRecord, m: number, from: number, t: number, level: number, rates: Readonly<MarketRates>, demand: Readonly<MarketDemand>): void {
    let start = from;
    if (t >= this.day + 1) {
      const boundary = this.day + 1;
      this.accumulate(rates, demand, boundary - start);
      record.days(m, this.day, 1, this.flows, level, from, rates.net);
      this.reset();
      const wholeDays = Math.floor(t) - boundary;
      if (wholeDays > 0) record.days(m, boundary, wholeDays, this.wholeDayFlows(rates, demand), level, from, rates.net);
      this.day = boundary + wholeDays;
      start = this.day;
    }
    this.accumulate(rates, demand, t - start);
  }

  /** Adds a lump of imports (a shipment landing) to the open day. */
  addImports(tonnes: number): void {
    this.flows.imports += tonnes;
  }

  /** Adds a lump of exports (a shipment leaving) to the open day. */
  addExports(tonnes: number): void {
    this.flows.exports += tonnes;
  }

  private accumulate(rates: Readonly<MarketRates>, demand: Readonly<MarketDemand>, dt: number): void {
    const flows = this.flows;
    flows.demand += demand.grossRate * dt;
    flows.givenUp += (demand.grossRate - demand.wantedRate) * dt;
    flows.consumed += rates.consumed * dt;
    flows.consumedDefence += rates.consumedDefence * dt;
    flows.consumedCritical += rates.consumedCritical * dt;
    flows.wantedDefence += demand.defenceShare * demand.wantedRate * dt;
    flows.wantedCritical += demand.criticalShare * demand.wantedRate * dt;
    flows.production += rates.production * dt;
    flows.inputUse += rates.inputUse * dt;
    flows.imports += rates.transferIn * dt;
    flows.exports += rates.transferOut * dt;
  }

  private wholeDayFlows(rates: Readonly<MarketRates>, demand: Readonly<MarketDemand>): DayFlows {
    const day = this.wholeDay;
    day.demand = demand.grossRate;
    day.givenUp = demand.grossRate - demand.wantedRate;
    day.consumed = rates.consumed;
    day.consumedDefence = rates.consumedDefence;
    day.consumedCritical = rates.consumedCritical;
    day.wantedDefence = demand.defenceShare * demand.wantedRate;
    day.wantedCritical = demand.criticalShare * demand.wantedRate;
    day.production = rates.production;
    day.inputUse = rates.inputUse;
    day.imports = rates.transferIn;
    day.exports = rates.transferOut;
    return day;
  }

  /** Starts a new day: clears the open day's flow totals. */
  private reset(): void {
    const flows = this.flows;
    flows.demand = 0;
    flows.givenUp = 0;
    flows.consumed = 0;
    flows.consumedDefence = 0;
    flows.consumedCritical = 0;
    flows.wantedDefence = 0;
    flows.wantedCritical = 0;
    flows.production = 0;
    flows.inputUse = 0;
    flows.imports = 0;
    flows.exports = 0;
  }
}

function emptyFlows(): DayFlows {
  return { demand: 0, givenUp: 0, consumed: 0, wantedDefence: 0, wantedCritical: 0, consumedDefence: 0, consumedCritical: 0, production: 0, inputUse: 0, imports: 0, exports: 0 };
}
