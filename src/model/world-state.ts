/**
 * WorldState: everything one run mutates (markets, facilities, reserves, controls, the
 * environment) plus the bookkeeping that keeps rates consistent: which groups of countries
 * need their rates re-solved, and the scheduling of the exact times stocks run dry or an end-use
 * control starts or stops applying. Its lookups come from the world index (world-index.ts), built
 * once.
 */
import { Environment, Priority, type RandomStreams } from "../engine/index.js";
import { EndUseRule } from "./end-use-rule.js";
import { ExportControl } from "./export-control.js";
import { Facility } from "./facility.js";
import { InflowContent } from "./inflow-content.js";
import { Market } from "./market.js";
import { ModelError } from "./model-error.js";
import { isDryWith, RateSolver, type RateGroup } from "./rate-solver.js";
import { ReleaseDecisions } from "./release-decisions.js";
import { Stockpile } from "./stockpile.js";
import { EMPTY_TONNES, TIME_TOLERANCE } from "./tolerance.js";
import { buildWorldIndex } from "./world-index.js";
import type { WorldSpec } from "./world-spec.js";

/**
 * Most times the rates may be re-solved at one instant before the run is stopped as stuck. A
 * healthy instant re-solves a few times per event that lands then (rounds, arrivals, dry-outs
 * waking each other); a hundred thousand is far beyond any shipped scenario's busiest day and
 * still stops a model that chatters (two markets draining each other without end) in seconds.
 */
const MAX_SOLVES_PER_INSTANT = 100_000;

/** Mutable state of one run, with the operations every part of the model shares. */
export class WorldState {
  readonly spec: WorldSpec;
  /** Epoch day of simulation time 0: the start of the warm-up. */
  readonly originEpochDay: number;
  readonly env: Environment;
  readonly streams: RandomStreams;
  readonly markets: readonly Market[];
  readonly facilities: readonly Facility[];
  readonly stockpiles: readonly Stockpile[];
  readonly controls: readonly ExportControl[];
  /** What end-use controls allow each market's defence class (read by the rate solver). */
  readonly endUse: EndUseRule;
  /** Each market's scarcity price index (1: the baseline), moved by the market response (response/prices.ts). */
  readonly priceIndex: Float64Array;
  readonly groups: readonly RateGroup[];
  /** Tracked origins (countries whose controls follow their goods abroad), and each country's slot (-1: not tracked). */
  readonly origins: readonly number[];
  readonly originCount: number;
  readonly originSlot: Int32Array;
  /** Markets of each commodity, by commodity index. */
  readonly marketsByCommodity: readonly (readonly number[])[];
  /** The group each market is solved in. */
  private readonly marketGroup: Int32Array;
  /** The group each facility is solved in (that of its markets). */
  private readonly facilityGroup: Int32Array;
  /** Control indices by (exporting country, commodity): index exporter * commodityCount + commodity. */
  private readonly controlsByRoute: readonly (readonly number[])[];
  private readonly marketLookup: Int32Array;
  private readonly solver: RateSolver;
  private readonly inflow: InflowContent;
  /** Id and time of each market's pending "runs dry" event (id -1: none). */
  private readonly dryEventId: Float64Array;
  private readonly dryEventTime: Float64Array;
  /** Id of each reserve's pending "reaches its floor" event, or -1. */
  private readonly floorEventId: Float64Array;
  private readonly dirtyGroups: number[] = [];
  private readonly isGroupDirty: boolean[];
  private readonly onMarketDry = (m: number): void => this.handleMarketDry(m);
  private readonly onStockpileFloor = (s: number): void => this.handleStockpileFloor(s);
  private readonly onEndUseChange = (c: number): void => this.handleEndUseChange(c);
  /** Id of each end-use control's pending "may start or stop applying" event, or -1. */
  private readonly endUseEventId: Float64Array;
  /** Reserves' release decisions: shortage episodes, decisions and their lapse. */
  private readonly releases: ReleaseDecisions;
  private sameInstantSolves = 0;
  private lastSolveTime = -1;

  constructor(spec: WorldSpec, streams: RandomStreams) {
    this.spec = spec;
    this.originEpochDay = spec.startEpochDay - spec.warmUpDays;
    this.streams = streams;
    this.env = new Environment(0);
    const commodityCount = spec.commodities.length;
    const countryCount = spec.countries.length;
    this.controls = spec.controls.map((c, i) => new ExportControl(i, c, commodityCount, countryCount, this.originEpochDay));
    const index = buildWorldIndex(spec, this.controls);
    this.marketLookup = index.marketByKey;
    this.marketsByCommodity = index.marketsByCommodity;
    this.origins = index.origins;
    this.originCount = index.origins.length;
    this.originSlot = index.originSlot;
    this.controlsByRoute = index.controlsByRoute;
    this.groups = index.groups;
    this.marketGroup = index.groupOfMarket;
    this.facilityGroup = index.groupOfFacility;
    const markets = spec.markets.map((marketSpec, m) => new Market(m, marketSpec, index.marketLinks[m], index.originSlot, this.originCount));
    this.markets = markets;
    this.priceIndex = new Float64Array(markets.length).fill(1);
    this.facilities = spec.facilities.map((facilitySpec, f) => new Facility(f, facilitySpec, Math.floor(facilitySpec.onlineEpochDay) - this.originEpochDay));
    this.stockpiles = spec.stockpiles.map((stockpileSpec, s) => {
      const host = index.reserveHosts[s];
      return new Stockpile(s, stockpileSpec, host, index.reserveMembers[s], markets[host].content, spec.warmUpDays);
    });
    this.endUse = new EndUseRule(this.controls, markets, index.originSlot);
    this.endUseEventId = new Float64Array(this.controls.length).fill(-1);
    this.solver = new RateSolver(this);
    this.inflow = new InflowContent(this);
    this.releases = new ReleaseDecisions(this);
    this.dryEventId = new Float64Array(markets.length).fill(-1);
    this.dryEventTime = new Float64Array(markets.length);
    this.floorEventId = new Float64Array(spec.stockpiles.length).fill(-1);
    this.isGroupDirty = new Array<boolean>(this.groups.length).fill(false);
  }

  /** Indices of the controls that may govern exports of `commodity` by `exporter` (in force or not). */
  controlsOn(exporter: number, commodity: number): readonly number[] {
    return this.controlsByRoute[exporter * this.spec.commodities.length + commodity];
  }

  /** The market of `commodity` in `country`, or undefined. */
  marketAt(country: number, commodity: number): Market | undefined {
    const m = this.marketLookup[country * this.spec.commodities.length + commodity];
    return m === -1 ? undefined : this.markets[m];
  }

  /** The group that market `m` is solved in. */
  groupOfMarket(m: number): number {
    return this.marketGroup[m];
  }

  /** The group facility `f` is solved in. */
  groupOfFacility(f: number): number {
    return this.facilityGroup[f];
  }

  /** Whether market `m` was dry at the last solve. */
  isMarketDry(m: number): boolean {
    return this.solver.isDry(m);
  }

  /** Defence demand of market `m`, holding stock, that end-use controls left unserved by its stock at the last solve, tonnes/day. */
  refusedDefenceRate(m: number): number {
    return this.solver.refusedDefenceRate(m);
  }

  /** Schedules a re-solve of each end-use control's markets at the first time it may start or stop applying. */
  scheduleEndUseChanges(): void {
    if (!this.endUse.hasAny) return;
    for (const control of this.controls) if (control.isDefenceOnly) this.scheduleEndUseChange(control);
  }

  /**
   * Call after control `c`'s life cycle changed (imposed, suspended, extended, lifted, a general
   * licence granted): for an end-use control, its markets are re-solved now and at its next change.
   */
  controlChanged(c: number): void {
    const control = this.controls[c];
    if (!control.isDefenceOnly) return;
    for (const m of this.endUse.marketsOf(c)) this.markGroupDirty(this.marketGroup[m]);
    this.scheduleEndUseChange(control);
    this.settle();
  }

  /** Flags a group for re-solving at the next `settle()`. */
  markGroupDirty(g: number): void {
    if (this.isGroupDirty[g]) return;
    this.isGroupDirty[g] = true;
    this.dirtyGroups.push(g);
  }

  /** Flags every group for re-solving. */
  markAllDirty(): void {
    for (let g = 0; g < this.groups.length; g++) this.markGroupDirty(g);
  }

  /**
   * Recomputes facility `f`'s nominal rate at time `t` (after its state changed) and flags its
   * group when the rate changes (solving the group advances its markets to now before the new
   * rate takes effect); returns whether it changed.
   */
  refreshFacility(f: number, t: number = this.env.now): boolean {
    if (!this.facilities[f].refreshNominal(t)) return false;
    this.markGroupDirty(this.facilityGroup[f]);
    return true;
  }

  /**
   * Call after a discrete change to a market's level (already advanced to now): re-solves its
   * group if the market starts or stops being dry, else only moves its dry-out time.
   */
  touchMarket(m: number): void {
    const market = this.markets[m];
    const wouldBeDry = isDryWith(market.level, market.isDrained, market.rates.production, market.demand.wantedRate + market.rates.nominalInput);
    if (wouldBeDry !== this.solver.isDry(m)) this.markGroupDirty(this.groupOfMarket(m));
    else this.scheduleDryOut(market);
  }

  /** Advances every market and stockpile to time `t`. */
  advanceAll(t: number): void {
    // Indexed loops: called every round and event batch, often before the optimizer sees it.
    const markets = this.markets;
    for (let m = 0; m < markets.length; m++) markets[m].advanceTo(t);
    const stockpiles = this.stockpiles;
    for (let s = 0; s < stockpiles.length; s++) stockpiles[s].advanceTo(t);
  }

  /** Re-solves every dirty group at the current time and reschedules its threshold events. */
  settle(): void {
    if (this.dirtyGroups.length === 0) return;
    const t = this.env.now;
    if (t === this.lastSolveTime) {
      if (++this.sameInstantSolves > MAX_SOLVES_PER_INSTANT) {
        throw new ModelError("solver-stuck", `rates were re-solved more than ${MAX_SOLVES_PER_INSTANT} times at day ${t}: the model is chattering`);
      }
    } else {
      this.lastSolveTime = t;
      this.sameInstantSolves = 0;
    }
    // Sorted so that the order of solving never depends on the order of marking (an insertion
    // sort: the list is short, and a sort with a comparator allocates on every call).
    const dirty = this.dirtyGroups;
    for (let i = 1; i < dirty.length; i++) {
      const g = dirty[i];
      let j = i - 1;
      while (j >= 0 && dirty[j] > g) {
        dirty[j + 1] = dirty[j];
        j--;
      }
      dirty[j + 1] = g;
    }
    // Indexed loops throughout: this runs for most events.
    const markets = this.markets;
    const stockpiles = this.stockpiles;
    for (let d = 0; d < dirty.length; d++) {
      const g = dirty[d];
      this.isGroupDirty[g] = false;
      const group = this.groups[g];
      const groupMarkets = group.markets;
      const groupStockpiles = group.stockpiles;
      for (let i = 0; i < groupMarkets.length; i++) markets[groupMarkets[i]].advanceTo(t);
      for (let i = 0; i < groupStockpiles.length; i++) stockpiles[groupStockpiles[i]].advanceTo(t);
      this.solver.solve(group, t);
      if (this.originCount > 0) this.inflow.update(group);
      for (let i = 0; i < groupStockpiles.length; i++) {
        const stockpile = stockpiles[groupStockpiles[i]];
        if (!stockpile.isReflex) this.releases.review(stockpile);
      }
      for (let i = 0; i < groupMarkets.length; i++) this.scheduleDryOut(markets[groupMarkets[i]]);
      for (let i = 0; i < groupStockpiles.length; i++) this.scheduleFloor(stockpiles[groupStockpiles[i]]);
    }
    dirty.length = 0;
  }

  /** Schedules a look at each decided-release reserve on the first day its policy allows a release. */
  scheduleReleaseWindows(): void {
    this.releases.scheduleWindows();
  }

  /** A day's look at the reserves whose release triggers move without a re-solve (price, cover, controls). */
  reviewReleaseTriggers(): void {
    this.releases.reviewWatched();
  }

  /** Whether reserve `s`'s release trigger ever held, and whether a release was ever decided. */
  releaseHistory(s: number): { readonly triggered: boolean; readonly decided: boolean } {
    return { triggered: this.releases.hasTriggered(s), decided: this.releases.hasDecided(s) };
  }

  private scheduleDryOut(market: Market): void {
    const m = market.index;
    if (market.rates.net < 0 && market.level > EMPTY_TONNES) {
      const time = this.env.now + market.level / -market.rates.net;
      // A vanishing rate can put the dry-out beyond any horizon: it never comes.
      if (!Number.isFinite(time)) {
        this.dryEventId[m] = -1;
        return;
      }
      // Keep a pending event that is not later: an earlier one that finds stock left simply
      // looks again (fewer stale events to pop). A later one, even by rounding, would let the
      // stock run below empty, consuming tonnes it does not hold.
      if (this.dryEventId[m] !== -1 && this.dryEventTime[m] <= time) return;
      this.dryEventTime[m] = time;
      this.dryEventId[m] = this.env.scheduleAt(time, this.onMarketDry, m, Priority.NORMAL);
    } else {
      this.dryEventId[m] = -1;
    }
  }

  private scheduleEndUseChange(control: ExportControl): void {
    const time = this.endUse.nextChangeAfter(control, this.env.now);
    this.endUseEventId[control.index] = Number.isFinite(time) ? this.env.scheduleAt(time, this.onEndUseChange, control.index, Priority.EARLY) : -1;
  }

  private handleEndUseChange(c: number): void {
    if (this.env.currentEventId !== this.endUseEventId[c]) return; // superseded by a later change
    this.controlChanged(c);
  }

  private scheduleFloor(stockpile: Stockpile): void {
    const s = stockpile.index;
    if (stockpile.totalReleaseRate > 0) {
      const delay = stockpile.availableTonnes / stockpile.totalReleaseRate;
      if (!Number.isFinite(delay)) {
        this.floorEventId[s] = -1;
        return;
      }
      this.floorEventId[s] = this.env.scheduleAt(this.env.now + delay, this.onStockpileFloor, s, Priority.NORMAL);
    } else {
      this.floorEventId[s] = -1;
    }
  }

  private handleMarketDry(m: number): void {
    const market = this.markets[m];
    if (this.env.currentEventId !== this.dryEventId[m]) return; // superseded by a later solve
    market.advanceTo(this.env.now);
    this.dryEventId[m] = -1;
    // Woken early (stock arrived after this was scheduled): schedule the true time instead.
    const remaining = market.rates.net < 0 ? market.level / -market.rates.net : Infinity;
    if (remaining > TIME_TOLERANCE * Math.max(1, this.env.now)) {
      this.scheduleDryOut(market);
      return;
    }
    // Out within rounding of now: it is dry from now on. The residue stays in stock, so no
    // tonne is rounded away, and counting it as dry stops markets that drain one another from
    // waking each other an instant apart without end.
    market.markDrained();
    this.markGroupDirty(this.groupOfMarket(m));
    this.settle();
  }

  private handleStockpileFloor(s: number): void {
    const stockpile = this.stockpiles[s];
    if (this.env.currentEventId !== this.floorEventId[s]) return;
    stockpile.advanceTo(this.env.now);
    stockpile.reachFloor(this.env.now);
    this.floorEventId[s] = -1;
    this.markGroupDirty(this.marketGroup[stockpile.hostMarket]);
    this.settle();
  }
}
