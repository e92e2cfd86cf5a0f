/**
 * Market: one country's stock and flows of one commodity, as fluid levels between events.
 *
 * Rates (tonnes per day) are piecewise constant: the rate solver sets them, and `advanceTo`
 * moves the level over the time since the last update in one step (so the path of the world
 * never depends on how much of it is recorded) and hands the days it crosses to the run's
 * DailyRecord. Shipments arrive and leave as discrete lumps through `receive` and `dispatch`.
 *
 * Each part of its state has one writer; everyone else reads it through a read-only view (the
 * `demand` and `rates` records, typed read-only, and getters):
 *
 * - the stock (level, origin content, whether it is drained, the open day's flows): the market
 *   itself, as it advances and as lumps come and go (`receive`, `receiveRelease`, `dispatch`,
 *   `draw`, `setOpeningStock`, `markDrained`);
 * - demand (`demand`): the Demand module (`setDemand`, `setClassShares`);
 * - flow rates (`rates`): the rate solver (`setRates`), and the origin content of the inflow
 *   those rates bring: the world state after each solve (`setInflowContent`);
 * - the trade position: shipping (`expectCargo`, and the landing), the licence office
 *   (`applicationFiled`, `applicationDecided`), the trade desk (`takeExportedTonnes`).
 */
import type { DailyRecord } from "./daily-record.js";
import { ModelError } from "./model-error.js";
import type { MarketDemand, MarketRates, SolvedRates } from "./market-rates.js";
import { OpenDay } from "./open-day.js";
import { addedShare, mixFactor, mixedWith, removedShare } from "./origin-content.js";
import type { MarketSpec } from "./world-spec.js";

/** A facility's claim on, or contribution to, a market: tonnes per tonne of throughput. */
export interface FacilityLink {
  readonly facility: number;
  readonly tonnesPerTonne: number;
}

/** What a market is linked to, found by the world index. */
export interface MarketLinks {
  /** Facilities producing this commodity in this country. */
  readonly producers: readonly FacilityLink[];
  /** Facilities consuming this commodity in this country. */
  readonly consumers: readonly FacilityLink[];
  /** Stockpiles that can release into this market (hosted here or shared with this country). */
  readonly stockpiles: readonly number[];
  /** For each entry of `stockpiles`, this market's slot in that reserve's member list. */
  readonly stockpileSlots: readonly number[];
  /** Stockpiles hosted in this country for this commodity (their level is reported here). */
  readonly hostedStockpiles: readonly number[];
}

/** Runtime state of one (country, commodity) market. */
export class Market implements MarketLinks {
  readonly index: number;
  readonly country: number;
  readonly commodity: number;
  readonly coverDays: number;
  readonly imports: MarketSpec["imports"];
  readonly demandGrowthPerYear: number;
  /** Demand at the start date before growth and demand-change events, tonnes/day. */
  readonly baseDemandTonnesPerDay: number;
  readonly producers: readonly FacilityLink[];
  readonly consumers: readonly FacilityLink[];
  readonly stockpiles: readonly number[];
  readonly stockpileSlots: readonly number[];
  readonly hostedStockpiles: readonly number[];

  // The stock: written only here.
  /** Commercial inventory, tonnes, as of `lastTime`. */
  private stock: number;
  private lastTime = 0;
  /** Whether it ran out within rounding of an event (see `markDrained`). */
  private drained = false;
  /**
   * Content share of each tracked origin (a controlling exporter) in this stock, by origin
   * slot (read-only outside the market: it moves with the stock).
   */
  readonly content: Float64Array;
  /** Content share of each tracked origin in this market's inflow between events (production, releases). */
  private readonly inflowContent: Float64Array;
  /** The flows of the day being accumulated, handed to the record as days are crossed. */
  private readonly openDay = new OpenDay();
  /** Tonnes of origin content departing shipments asked of this stock beyond what it held (0 while origin is conserved). */
  private originImbalance = 0;
  /** Where its days go; undefined when nothing of it is recorded (no demand and no timeline kept). */
  private record: DailyRecord | undefined;

  /** Demand, written by Demand (`setDemand`, `setClassShares`); read-only to the rest. */
  readonly demand: Readonly<MarketDemand>;
  private readonly demandFigures: MarketDemand;
  /** Flow rates, written by the rate solver (`setRates`); read-only to the rest. */
  readonly rates: Readonly<MarketRates>;
  private readonly solved: MarketRates = { production: 0, nominalInput: 0, inputUse: 0, consumed: 0, consumedDefence: 0, consumedCritical: 0, releaseIn: 0, transferIn: 0, transferOut: 0, net: 0 };

  // The trade position: written by shipping, the licence office and the trade desk.
  private cargoAtSea = 0;
  private expectedLicensed = 0;
  private exportedSinceRound = 0;

  /**
   * A market of `spec` with its links. Its starting stock is all of its own country's origin
   * where that is tracked (`originSlot[country]` >= 0), else as its import shares say.
   */
  constructor(index: number, spec: MarketSpec, links: MarketLinks, originSlot: Int32Array, originCount: number) {
    this.index = index;
    this.country = spec.country;
    this.commodity = spec.commodity;
    this.coverDays = spec.coverDays;
    this.imports = spec.imports;
    this.demandGrowthPerYear = spec.demandGrowthPerYear;
    this.baseDemandTonnesPerDay = spec.demandTonnesPerDay;
    this.producers = links.producers;
    this.consumers = links.consumers;
    this.stockpiles = links.stockpiles;
    this.stockpileSlots = links.stockpileSlots;
    this.hostedStockpiles = links.hostedStockpiles;
    this.demandFigures = { grossRate: 0, wantedRate: 0, defenceShare: spec.priority.defence, criticalShare: spec.priority.critical };
    this.demand = this.demandFigures;
    this.rates = this.solved;
    this.stock = spec.initialInventoryTonnes ?? 0;
    this.content = new Float64Array(originCount);
    this.inflowContent = new Float64Array(originCount);
    const own = originSlot[spec.country];
    if (own >= 0) this.content[own] = 1;
    else for (const share of spec.imports) if (originSlot[share.supplier] >= 0) this.content[originSlot[share.supplier]] += share.share;
  }

  /** Commercial inventory, tonnes, as of the last time the market was advanced. */
  get level(): number {
    return this.stock;
  }

  /** The level at time `t` (at or after the last update) at the current rates, without advancing. */
  levelAt(t: number): number {
    return Math.max(0, this.stock + this.solved.net * (t - this.lastTime));
  }

  /**
   * Whether it ran out within rounding of an event and counts as dry while a residue of tonnes
   * stays in stock; cleared when stock arrives or production covers its claims.
   */
  get isDrained(): boolean {
    return this.drained;
  }

  /** Tonnes shipped to this market and not yet arrived. */
  get inTransitTonnes(): number {
    return this.cargoAtSea;
  }

  /**
   * Tonnes this market expects from licence applications still pending: each application's
   * tonnes times its approval probability, which importers know from the rules and the record.
   */
  get expectedFromLicencesTonnes(): number {
    return this.expectedLicensed;
  }

  /** Use at full service: final demand plus facility input at nominal rates, tonnes/day. */
  get useRate(): number {
    return this.demandFigures.wantedRate + this.solved.nominalInput;
  }

  /** Commercial inventory target, tonnes. */
  get targetTonnes(): number {
    return this.coverDays * this.useRate;
  }

  /** Tonnes this market can sell abroad now without dipping below its own target. */
  get exportableTonnes(): number {
    return Math.max(0, this.stock - this.targetTonnes);
  }

  /**
   * Moves the market to time `t` at the current rates: the level in one step, and every day
   * boundary crossed handed to the record (the partly covered open day, then the whole days
   * after it in a single run). Markets are advanced only when something touches them.
   */
  advanceTo(t: number): void {
    const lastTime = this.lastTime;
    if (t <= lastTime) return;
    const rates = this.solved;
    const record = this.record;
    if (record !== undefined) this.openDay.cross(record, this.index, lastTime, t, this.stock, rates, this.demandFigures);
    const content = this.content;
    if (content.length > 0) {
      const inflow = rates.production + rates.releaseIn + rates.transferIn;
      const outflow = rates.consumed + rates.inputUse + rates.transferOut;
      const factor = mixFactor(this.stock, inflow, outflow, t - lastTime);
      if (!Number.isNaN(factor)) for (let o = 0; o < content.length; o++) content[o] = mixedWith(content[o], this.inflowContent[o], factor);
    }
    const level = this.stock + rates.net * (t - lastTime);
    // Rounding can leave a hair below zero at the instant a stock runs dry.
    this.stock = level > 0 ? level : 0;
    this.lastTime = t;
  }

  /** Where its days go from now on (a market left without a record only moves its level). */
  attachRecord(record: DailyRecord): void {
    this.record = record;
  }

  /** The stock it starts the run with (a market starting in steady state), before time moves. */
  setOpeningStock(tonnes: number): void {
    if (this.lastTime !== 0) throw new ModelError("late-opening-stock", `market ${this.index}: its opening stock is set at day ${this.lastTime}, after the start`);
    this.stock = tonnes;
  }

  /**
   * An arriving shipment (the market already advanced to now) lands in this stock: no longer
   * at sea, an import, of the given origin content by origin slot.
   */
  receive(tonnes: number, content: Float64Array): void {
    this.cargoAtSea = Math.max(0, this.cargoAtSea - tonnes);
    for (let o = 0; o < this.content.length; o++) this.content[o] = addedShare(this.content[o], this.stock, tonnes, content[o]);
    this.stock += tonnes;
    this.drained = false;
    this.openDay.addImports(tonnes);
  }

  /**
   * Cargo bought for a reserve this market hosts lands in the reserve (the market already
   * advanced to now): no longer at sea, and counted here as an import.
   */
  receiveForReserve(tonnes: number): void {
    this.cargoAtSea = Math.max(0, this.cargoAtSea - tonnes);
    this.openDay.addImports(tonnes);
  }

  /** A reserve's release by event lands in this stock (not an import), of the given origin content. */
  receiveRelease(tonnes: number, content: Float64Array): void {
    for (let o = 0; o < this.content.length; o++) this.content[o] = addedShare(this.content[o], this.stock, tonnes, content[o]);
    this.stock += tonnes;
    this.drained = false;
  }

  /**
   * A departing shipment (the market already advanced to now) leaves this stock: an export.
   * `content` is the shipment's own (by default the stock's mix; less of an origin when its
   * tonnes were held back).
   */
  dispatch(tonnes: number, content?: Float64Array): void {
    if (content !== undefined) {
      const left = this.stock - tonnes;
      let tracked = 0;
      for (let o = 0; o < this.content.length; o++) {
        const exact = left > 0 ? (this.content[o] * this.stock - content[o] * tonnes) / left : this.content[o];
        this.content[o] = removedShare(this.content[o], this.stock, tonnes, content[o]);
        // What the stock cannot give of an origin as the shipment's content asks (the share clamped).
        if (left > 0) this.originImbalance += Math.abs(exact - this.content[o]) * left;
        tracked += this.content[o];
      }
      if (left > 0 && tracked > 1) this.originImbalance += (tracked - 1) * left;
    }
    this.stock = Math.max(0, this.stock - tonnes);
    this.openDay.addExports(tonnes);
    this.exportedSinceRound += tonnes;
  }

  /**
   * Tonnes of origin content its departing shipments took beyond what its stock held of an
   * origin (or of other origin), summed over the run: a check that origin is conserved, 0 within
   * rounding when it is.
   */
  get originImbalanceTonnes(): number {
    return this.originImbalance;
  }

  /** Tonnes of the stock's own mix move into a reserve this market hosts (neither an export nor a use). */
  draw(tonnes: number): void {
    this.stock -= tonnes;
  }

  /** It ran out within rounding of now: it counts as dry, while the residue stays in stock. */
  markDrained(): void {
    this.drained = true;
  }

  /** Demand from now (the market already advanced to now): gross and what buyers want, tonnes/day. */
  setDemand(grossRate: number, wantedRate: number): void {
    this.demandFigures.grossRate = grossRate;
    this.demandFigures.wantedRate = wantedRate;
  }

  /** The defence and critical classes' shares of final demand from now. */
  setClassShares(defence: number, critical: number): void {
    this.demandFigures.defenceShare = defence;
    this.demandFigures.criticalShare = critical;
  }

  /**
   * The rates of a solve (the market already advanced to now), and whether the solve found it
   * dry: one that is not is no longer drained.
   */
  setRates(rates: Readonly<SolvedRates>, isDry: boolean): void {
    const solved = this.solved;
    solved.production = rates.production;
    solved.nominalInput = rates.nominalInput;
    solved.inputUse = rates.inputUse;
    solved.consumed = rates.consumed;
    solved.consumedDefence = rates.consumedDefence;
    solved.consumedCritical = rates.consumedCritical;
    solved.releaseIn = rates.releaseIn;
    solved.transferIn = rates.transferIn;
    solved.transferOut = rates.transferOut;
    solved.net = rates.production + rates.releaseIn + rates.transferIn - rates.inputUse - rates.consumed;
    if (!isDry) this.drained = false;
  }

  /** The origin content of its inflow until the next solve, by origin slot. */
  setInflowContent(content: Float64Array): void {
    this.inflowContent.set(content);
  }

  /** Cargo bound for this market has left its supplier: at sea until it lands. */
  expectCargo(tonnes: number): void {
    this.cargoAtSea += tonnes;
  }

  /** A licence application for it was filed: `expectedTonnes` (its tonnes times its approval probability) are expected. */
  applicationFiled(expectedTonnes: number): void {
    this.expectedLicensed += expectedTonnes;
  }

  /** A licence application for it was decided: the `expectedTonnes` it was counted at are expected no more. */
  applicationDecided(expectedTonnes: number): void {
    this.expectedLicensed = Math.max(0, this.expectedLicensed - expectedTonnes);
  }

  /** Tonnes shipped abroad since the last call (an ordering round's), counting from zero again. */
  takeExportedTonnes(): number {
    const tonnes = this.exportedSinceRound;
    this.exportedSinceRound = 0;
    return tonnes;
  }
}
