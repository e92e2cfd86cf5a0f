/** Runtime state of one (country, commodity) market. */
export class Market {
    index;
    country;
    commodity;
    coverDays;
    imports;
    demandGrowthPerYear;
    /** Facilities producing this commodity in this country. */
    producers = [];
    /** Facilities consuming this commodity in this country. */
    consumers = [];
    /** Stockpiles that can release into this market (hosted here or shared with this country). */
    stockpiles = [];
    /** For each entry of `stockpiles`, this market's slot in that reserve's member list. */
    stockpileSlots = [];
    /** Stockpiles hosted in this country for this commodity (their level is reported here). */
    hostedStockpiles = [];
    /** Commercial inventory, tonnes, as of `lastTime`. */
    level;
    lastTime = 0;
    /** Demand at the start date before growth and demand-change events, tonnes/day. */
    baseDemandTonnesPerDay;
    /** Product of demand-change factors applied so far. */
    demandFactor = 1;
    // Rates in tonnes per day, set by the rate solver.
    demandRate = 0;
    consumedRate = 0;
    productionRate = 0;
    inputUseRate = 0;
    /** Stockpile releases into this inventory from reserves hosted in this country. */
    releaseInRate = 0;
    /** Releases from reserves hosted abroad, counted as imports. */
    transferInRate = 0;
    /** Releases from reserves hosted here to other members, counted as exports. */
    transferOutRate = 0;
    /** Net change of inventory per day. */
    netRate = 0;
    /** Facility input requested at nominal rates, tonnes/day (for planning orders). */
    nominalInputRate = 0;
    /** Share of claims served while dry (1 when stock is on hand). */
    servedShare = 1;
    // Flow totals of the current reporting day, tonnes.
    demandToday = 0;
    consumedToday = 0;
    productionToday = 0;
    inputUseToday = 0;
    importsToday = 0;
    exportsToday = 0;
    /** Tonnes shipped to this market and not yet arrived. */
    inTransitTonnes = 0;
    /** Tonnes awaiting a licence decision for this market. */
    awaitingLicenceTonnes = 0;
    /** Id of the pending "runs dry" event, or -1. */
    dryEventId = -1;
    /** Time of the pending "runs dry" event. */
    dryEventTime = 0;
    /** Whether any demand, stock or flow was ever seen (markets never touched are not reported). */
    isActive = false;
    constructor(index, spec) {
        this.index = index;
        this.country = spec.country;
        this.commodity = spec.commodity;
        this.coverDays = spec.coverDays;
        this.imports = spec.imports;
        this.demandGrowthPerYear = spec.demandGrowthPerYear;
        this.baseDemandTonnesPerDay = spec.demandTonnesPerDay;
        this.level = spec.initialInventoryTonnes;
    }
    /** Integrates level and today's flows up to time `t` at the current rates. */
    advanceTo(t) {
        const dt = t - this.lastTime;
        if (dt <= 0)
            return;
        this.lastTime = t;
        this.level += this.netRate * dt;
        // Rounding can leave a hair below zero at the instant a stock runs dry.
        if (this.level < 0)
            this.level = 0;
        this.demandToday += this.demandRate * dt;
        this.consumedToday += this.consumedRate * dt;
        this.productionToday += this.productionRate * dt;
        this.inputUseToday += this.inputUseRate * dt;
        this.importsToday += this.transferInRate * dt;
        this.exportsToday += this.transferOutRate * dt;
    }
    /** Use at full service: final demand plus facility input at nominal rates, tonnes/day. */
    get useRate() {
        return this.demandRate + this.nominalInputRate;
    }
    /** Commercial inventory target, tonnes. */
    get targetTonnes() {
        return this.coverDays * this.useRate;
    }
    /** Tonnes this market can sell abroad now without dipping below its own target. */
    get exportableTonnes() {
        return Math.max(0, this.level - this.targetTonnes);
    }
    /** Adds an arriving shipment (already advanced to now). */
    receive(tonnes) {
        this.level += tonnes;
        this.importsToday += tonnes;
    }
    /** Removes a departing shipment (already advanced to now). */
    dispatch(tonnes) {
        this.level = Math.max(0, this.level - tonnes);
        this.exportsToday += tonnes;
    }
}
//# sourceMappingURL=market.js.map