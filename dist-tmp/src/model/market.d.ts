/**
 * Market: one country's stock and flows of one commodity, as fluid levels between events.
 *
 * Rates (tonnes per day) are piecewise constant: the rate solver sets them, and `advanceTo`
 * integrates level and the day's flow totals over the time since the last update. Shipments
 * arrive and leave as discrete lumps through `receive` and `dispatch`.
 */
import type { MarketSpec } from "./world-spec.js";
/** A facility's claim on, or contribution to, a market: tonnes per tonne of throughput. */
export interface FacilityLink {
    readonly facility: number;
    readonly tonnesPerTonne: number;
}
/** Runtime state of one (country, commodity) market. */
export declare class Market {
    readonly index: number;
    readonly country: number;
    readonly commodity: number;
    readonly coverDays: number;
    readonly imports: MarketSpec["imports"];
    readonly demandGrowthPerYear: number;
    /** Facilities producing this commodity in this country. */
    readonly producers: FacilityLink[];
    /** Facilities consuming this commodity in this country. */
    readonly consumers: FacilityLink[];
    /** Stockpiles that can release into this market (hosted here or shared with this country). */
    readonly stockpiles: number[];
    /** For each entry of `stockpiles`, this market's slot in that reserve's member list. */
    readonly stockpileSlots: number[];
    /** Stockpiles hosted in this country for this commodity (their level is reported here). */
    readonly hostedStockpiles: number[];
    /** Commercial inventory, tonnes, as of `lastTime`. */
    level: number;
    lastTime: number;
    /** Demand at the start date before growth and demand-change events, tonnes/day. */
    readonly baseDemandTonnesPerDay: number;
    /** Product of demand-change factors applied so far. */
    demandFactor: number;
    demandRate: number;
    consumedRate: number;
    productionRate: number;
    inputUseRate: number;
    /** Stockpile releases into this inventory from reserves hosted in this country. */
    releaseInRate: number;
    /** Releases from reserves hosted abroad, counted as imports. */
    transferInRate: number;
    /** Releases from reserves hosted here to other members, counted as exports. */
    transferOutRate: number;
    /** Net change of inventory per day. */
    netRate: number;
    /** Facility input requested at nominal rates, tonnes/day (for planning orders). */
    nominalInputRate: number;
    /** Share of claims served while dry (1 when stock is on hand). */
    servedShare: number;
    demandToday: number;
    consumedToday: number;
    productionToday: number;
    inputUseToday: number;
    importsToday: number;
    exportsToday: number;
    /** Tonnes shipped to this market and not yet arrived. */
    inTransitTonnes: number;
    /** Tonnes awaiting a licence decision for this market. */
    awaitingLicenceTonnes: number;
    /** Id of the pending "runs dry" event, or -1. */
    dryEventId: number;
    /** Time of the pending "runs dry" event. */
    dryEventTime: number;
    /** Whether any demand, stock or flow was ever seen (markets never touched are not reported). */
    isActive: boolean;
    constructor(index: number, spec: MarketSpec);
    /** Integrates level and today's flows up to time `t` at the current rates. */
    advanceTo(t: number): void;
    /** Use at full service: final demand plus facility input at nominal rates, tonnes/day. */
    get useRate(): number;
    /** Commercial inventory target, tonnes. */
    get targetTonnes(): number;
    /** Tonnes this market can sell abroad now without dipping below its own target. */
    get exportableTonnes(): number;
    /** Adds an arriving shipment (already advanced to now). */
    receive(tonnes: number): void;
    /** Removes a departing shipment (already advanced to now). */
    dispatch(tonnes: number): void;
}
