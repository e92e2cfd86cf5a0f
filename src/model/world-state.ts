/**
 * WorldState: everything one run mutates (markets, facilities, reserves, controls, the
 * environment) plus the bookkeeping that keeps rates consistent: which groups of countries
 * need their rates re-solved, and the scheduling of the exact times stocks run dry.
 */
import { Environment, Priority, type RandomStreams } from "../engine/index.js";
import { ExportControl } from "./export-control.js";
import { Facility } from "./facility.js";
import { Market } from "./market.js";
import { ModelError } from "./model-error.js";
import { isDryWith, solveRates, type RateGroup, type SolverState } from "./rate-solver.js";
import { ReleaseDecisions } from "./release-decisions.js";
import { Stockpile } from "./stockpile.js";
import { EMPTY_TONNES, TIME_TOLERANCE } from "./tolerance.js";
import type { WorldSpec } from "./world-spec.js";
import { commodityOrder, solveGroups } from "./world-topology.js";

/** Mutable state of one run, with the operations every part of the model shares. */
export class WorldState implements SolverState {
  readonly spec: WorldSpec;
  /** Epoch day of simulation time 0: the start of the warm-up. */
  readonly originEpochDay: number;
  readonly env: Environment;
  readonly streams: RandomStreams;
  readonly markets: Market[];
  readonly facilities: Facility[];
  readonly stockpiles: Stockpile[];
  readonly controls: ExportControl[];
  readonly groups: RateGroup[];
  /** The group each market is solved in. */
  private readonly marketGroup: Int32Array;
  /** The group each facility is solved in (that of its markets). */
  private readonly facilityGroup: Int32Array;
  /** Tracked origins (countries whose controls follow their goods abroad), and each country's slot (-1: not tracked). */
  readonly origins: readonly number[];
  readonly originCount: number;
  readonly originSlot: Int32Array;
  /** Tonnes of output per tonne of throughput, by facility (for content of what it makes). */
  private readonly facilityOutputTonnes: Float64Array;
  /** Control indices by (exporting country, commodity): index exporter * commodityCount + commodity. */
  private readonly controlsByRoute: number[][];
  /** Markets of each commodity, by commodity index. */
  readonly marketsByCommodity: number[][];
  private readonly marketLookup: Int32Array;
  private readonly isDry: boolean[];
  private readonly deficit: Float64Array;
  private readonly dirtyGroups: number[] = [];
  private readonly isGroupDirty: boolean[];
  private readonly onMarketDry = (m: number): void => this.handleMarketDry(m);
  private readonly onStockpileFloor = (s: number): void => this.handleStockpileFloor(s);
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
    // Origins tracked through stocks: exporters with a control that follows its goods abroad.
    this.originSlot = new Int32Array(countryCount).fill(-1);
    const origins: number[] = [];
    for (const control of this.controls) {
      if (control.followsOrigin && this.originSlot[control.exporter] < 0) {
        this.originSlot[control.exporter] = origins.length;
        origins.push(control.exporter);
      }
    }
    this.origins = origins;
    this.originCount = origins.length;

    this.marketLookup = new Int32Array(commodityCount * countryCount).fill(-1);
    this.markets = spec.markets.map((marketSpec, i) => {
      const key = marketSpec.country * commodityCount + marketSpec.commodity;
      if (this.marketLookup[key] !== -1) {
        throw new ModelError("duplicate-market", `two markets for country ${marketSpec.country}, commodity ${marketSpec.commodity}`);
      }
      this.marketLookup[key] = i;
      const market = new Market(i, marketSpec, this.originCount);
      // Starting stock: all of its own country's origin where that is tracked, else as its import shares say.
      const own = this.originSlot[marketSpec.country];
      if (own >= 0) market.content[own] = 1;
      else for (const share of marketSpec.imports) if (this.originSlot[share.supplier] >= 0) market.content[this.originSlot[share.supplier]] += share.share;
      return market;
    });
    this.marketsByCommodity = Array.from({ length: commodityCount }, () => []);
    for (const market of this.markets) this.marketsByCommodity[market.commodity].push(market.index);

    this.facilities = spec.facilities.map((facilitySpec, i) => {
      const online = Math.floor(facilitySpec.onlineEpochDay);
      const facility = new Facility(i, facilitySpec, online - this.originEpochDay);
      for (const term of facilitySpec.inputs) {
        this.requireMarket(facilitySpec.country, term.commodity, `facility ${facilitySpec.id} input`).consumers.push({
          facility: i,
          tonnesPerTonne: term.tonnesPerTonne,
        });
      }
      for (const term of facilitySpec.outputs) {
        this.requireMarket(facilitySpec.country, term.commodity, `facility ${facilitySpec.id} output`).producers.push({
          facility: i,
          tonnesPerTonne: term.tonnesPerTonne,
        });
      }
      return facility;
    });

    this.stockpiles = spec.stockpiles.map((stockpileSpec, i) => {
      const host = this.requireMarket(stockpileSpec.country, stockpileSpec.commodity, `stockpile ${stockpileSpec.id}`);
      const members = stockpileSpec.members.map((c) => this.requireMarket(c, stockpileSpec.commodity, `stockpile ${stockpileSpec.id} member`));
      host.hostedStockpiles.push(i);
      members.forEach((member, slot) => {
        member.stockpiles.push(i);
        member.stockpileSlots.push(slot);
      });
      const stockpile = new Stockpile(i, stockpileSpec, host.index, members.map((m) => m.index), this.originCount);
      stockpile.content.set(host.content);
      return stockpile;
    });

    for (const market of this.markets) {
      for (const share of market.imports) this.requireMarket(share.supplier, market.commodity, `import source of market ${market.index}`);
    }

    // The controls that may govern each (exporter, commodity): its own exporter's, and those that
    // follow their origin into every other country's exports (re-export rules, extraterritorial reach).
    this.controlsByRoute = Array.from({ length: countryCount * commodityCount }, () => []);
    for (const control of this.controls) {
      for (const k of spec.controls[control.index].commodities) {
        for (let exporter = 0; exporter < countryCount; exporter++) {
          if (exporter !== control.exporter && !(control.followsOrigin && this.marketLookup[exporter * commodityCount + k] >= 0)) continue;
          this.controlsByRoute[exporter * commodityCount + k].push(control.index);
        }
      }
    }
    this.facilityOutputTonnes = Float64Array.from(spec.facilities, (f) => f.outputs.reduce((sum, t) => sum + t.tonnesPerTonne, 0));

    const order = commodityOrder(spec);
    const { groupOfMarket, groupCount } = solveGroups(spec, (c, k) => this.marketLookup[c * commodityCount + k]);
    this.marketGroup = groupOfMarket;
    this.facilityGroup = Int32Array.from(this.facilities, (f) => groupOfMarket[this.marketLookup[f.spec.country * commodityCount + f.spec.outputs[0].commodity]]);
    const marketsOfGroup: number[][] = Array.from({ length: groupCount }, () => []);
    for (let m = 0; m < this.markets.length; m++) marketsOfGroup[groupOfMarket[m]].push(m);
    this.groups = Array.from({ length: groupCount }, (_, g) => {
      const layers: number[][] = [];
      const stockpilesByLayer: number[][] = [];
      const mine = new Set(marketsOfGroup[g]);
      for (const k of order) {
        const layer = this.marketsByCommodity[k].filter((m) => mine.has(m));
        if (layer.length === 0) continue;
        layers.push(layer);
        stockpilesByLayer.push(this.stockpiles.filter((s) => s.spec.commodity === k && mine.has(s.hostMarket)).map((s) => s.index));
      }
      const facilities = this.facilities.filter((f) => this.facilityGroup[f.index] === g).map((f) => f.index);
      return {
        index: g,
        layers: layers.map((layer) => Int32Array.from(layer)),
        facilities: Int32Array.from(facilities),
        stockpilesByLayer: stockpilesByLayer.map((list) => Int32Array.from(list)),
        markets: Int32Array.from(layers.flat()),
        stockpiles: Int32Array.from(stockpilesByLayer.flat()),
      };
    });
    this.isDry = new Array<boolean>(this.markets.length).fill(false);
    this.releases = new ReleaseDecisions(this);
    this.deficit = new Float64Array(this.markets.length);
    this.isGroupDirty = new Array<boolean>(groupCount).fill(false);
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
    return this.isDry[m];
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
   * Call after a discrete change to a market's level (already advanced to now): re-solves its
   * group if the market starts or stops being dry, else only moves its dry-out time.
   */
  touchMarket(m: number): void {
    const market = this.markets[m];
    const wouldBeDry = isDryWith(market.level, market.isDrained, market.productionRate, market.demandRate + market.nominalInputRate);
    if (wouldBeDry !== this.isDry[m]) this.markGroupDirty(this.groupOfMarket(m));
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
      if (++this.sameInstantSolves > 100_000) {
        throw new ModelError("solver-stuck", `rates were re-solved more than 100000 times at day ${t}: the model is chattering`);
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
      solveRates(this, group, this.isDry, this.deficit);
      if (this.originCount > 0) this.updateInflowContent(group);
      for (let i = 0; i < groupStockpiles.length; i++) {
        const stockpile = stockpiles[groupStockpiles[i]];
        if (!stockpile.isReflex) this.releases.review(stockpile);
      }
      for (let i = 0; i < groupMarkets.length; i++) this.scheduleDryOut(markets[groupMarkets[i]]);
      for (let i = 0; i < groupStockpiles.length; i++) this.scheduleFloor(stockpiles[groupStockpiles[i]]);
    }
    dirty.length = 0;
  }

  /**
   * The origin content of each market's inflow until the next solve: what its facilities make
   * (all of its own country's origin where that is tracked, else the content of their inputs per
   * tonne of output) and what reserves release into it.
   */
  private updateInflowContent(group: RateGroup): void {
    const origins = this.originCount;
    const markets = this.markets;
    const groupMarkets = group.markets;
    for (let i = 0; i < groupMarkets.length; i++) {
      const market = markets[groupMarkets[i]];
      const inflow = market.productionRate + market.releaseInRate + market.transferInRate;
      const into = market.inflowContent;
      into.fill(0);
      if (!(inflow > 0)) continue;
      const own = this.originSlot[market.country];
      for (let j = 0; j < market.producers.length; j++) {
        const link = market.producers[j];
        const facility = this.facilities[link.facility];
        const tonnes = facility.throughputRate * link.tonnesPerTonne;
        if (!(tonnes > 0)) continue;
        if (own >= 0) {
          into[own] += tonnes;
          continue;
        }
        const perOutput = 1 / this.facilityOutputTonnes[link.facility];
        for (const input of facility.spec.inputs) {
          const source = this.marketAt(market.country, input.commodity) as Market;
          for (let o = 0; o < origins; o++) into[o] += tonnes * Math.min(1, input.tonnesPerTonne * perOutput) * source.content[o];
        }
      }
      for (let j = 0; j < market.stockpiles.length; j++) {
        const stockpile = this.stockpiles[market.stockpiles[j]];
        const rate = stockpile.releaseRates[market.stockpileSlots[j]];
        if (rate > 0) for (let o = 0; o < origins; o++) into[o] += rate * stockpile.content[o];
      }
      for (let o = 0; o < origins; o++) into[o] = Math.min(1, into[o] / inflow);
    }
  }

  /** Schedules a look at each decided-release reserve on the first day its policy allows a release. */
  scheduleReleaseWindows(): void {
    this.releases.scheduleWindows();
  }

  private scheduleDryOut(market: Market): void {
    if (market.netRate < 0 && market.level > EMPTY_TONNES) {
      const time = this.env.now + market.level / -market.netRate;
      // A vanishing rate can put the dry-out beyond any horizon: it never comes.
      if (!Number.isFinite(time)) {
        market.dryEventId = -1;
        return;
      }
      // Keep a pending event that is not later: an earlier one that finds stock left simply
      // looks again (fewer stale events to pop). A later one, even by rounding, would let the
      // stock run below empty, consuming tonnes it does not hold.
      if (market.dryEventId !== -1 && market.dryEventTime <= time) return;
      market.dryEventTime = time;
      market.dryEventId = this.env.scheduleAt(time, this.onMarketDry, market.index, Priority.NORMAL);
    } else {
      market.dryEventId = -1;
    }
  }

  private scheduleFloor(stockpile: Stockpile): void {
    if (stockpile.totalReleaseRate > 0) {
      const delay = stockpile.availableTonnes / stockpile.totalReleaseRate;
      if (!Number.isFinite(delay)) {
        stockpile.floorEventId = -1;
        return;
      }
      stockpile.floorEventId = this.env.scheduleAt(this.env.now + delay, this.onStockpileFloor, stockpile.index, Priority.NORMAL);
    } else {
      stockpile.floorEventId = -1;
    }
  }

  private handleMarketDry(m: number): void {
    const market = this.markets[m];
    if (this.env.currentEventId !== market.dryEventId) return; // superseded by a later solve
    market.advanceTo(this.env.now);
    market.dryEventId = -1;
    // Woken early (stock arrived after this was scheduled): schedule the true time instead.
    const remaining = market.netRate < 0 ? market.level / -market.netRate : Infinity;
    if (remaining > TIME_TOLERANCE * Math.max(1, this.env.now)) {
      this.scheduleDryOut(market);
      return;
    }
    // Out within rounding of now: it is dry from now on. The residue stays in stock, so no
    // tonne is rounded away, and counting it as dry stops markets that drain one another from
    // waking each other an instant apart without end.
    market.isDrained = true;
    this.markGroupDirty(this.groupOfMarket(m));
    this.settle();
  }

  private handleStockpileFloor(s: number): void {
    const stockpile = this.stockpiles[s];
    if (this.env.currentEventId !== stockpile.floorEventId) return;
    stockpile.advanceTo(this.env.now);
    stockpile.level = stockpile.spec.floorTonnes;
    stockpile.floorEventId = -1;
    if (stockpile.firstEmptyTime < 0) stockpile.firstEmptyTime = this.env.now;
    this.markGroupDirty(this.marketGroup[stockpile.hostMarket]);
    this.settle();
  }

  private requireMarket(country: number, commodity: number, what: string): Market {
    const market = this.marketAt(country, commodity);
    if (market === undefined) {
      throw new ModelError(
        "missing-market",
        `${what}: no market for ${this.spec.commodities[commodity]?.id ?? commodity} in ${this.spec.countries[country]?.id ?? country}`,
      );
    }
    return market;
  }
}
