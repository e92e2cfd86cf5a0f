import type { WorldState } from "./world-state.js";
/** Runs ordering rounds, licence decisions, shipments and supplier qualification. */
export declare class TradeDesk {
    private readonly state;
    private readonly countryCount;
    private readonly transitDays;
    private readonly expectedLeadDays;
    /** supplierState[m * countryCount + s]: whether market m may buy from country s. */
    private readonly supplierState;
    private readonly unfilledTonnes;
    private readonly pending;
    private pendingCount;
    private readonly screen;
    private readonly requestedBySupplier;
    private readonly quotaRequested;
    private readonly shipmentMarket;
    private readonly shipmentTonnes;
    private readonly freeShipments;
    private readonly applicationMarket;
    private readonly applicationSupplier;
    private readonly applicationTonnes;
    private readonly applicationApproved;
    private readonly freeApplications;
    /** Stockpile purchases still to be bought, tonnes, by stockpile. */
    readonly purchaseOutstanding: Float64Array;
    private readonly onRound;
    private readonly onArrival;
    private readonly onDecision;
    private readonly onQualified;
    constructor(state: WorldState);
    /** Schedules the first ordering round at the start. */
    start(): void;
    private transit;
    private runRound;
    /** Tonnes market `m` orders this round. */
    private orderTonnes;
    private tradeCommodity;
    /** Spare supply of country `s` that `destination` could buy now (0 if banned). */
    private spareOf;
    /** Screens one order against controls; queues it for filling, a licence, or records it unfilled. */
    private placeOrder;
    /** Fills the round's pending orders of commodity `k`: quotas first, then suppliers' spare, pro rata. */
    private fillPending;
    private applyQuotas;
    private chargeQuotas;
    /** Sends `tonnes` from country `supplier` to market `m` now. */
    private ship;
    private arrive;
    /** Files a licence application: the decision and its date are drawn now, from per-route streams. */
    private applyForLicence;
    private decide;
    /** Starts qualifying every other country that produces or holds spare supply of this commodity. */
    private startQualification;
    /** Raises a reserve's target by `tonnes`, to be bought through trade like any refill. */
    purchase(s: number, tonnes: number): void;
    /** Tonnes a market orders this round on behalf of its hosted reserves. */
    private refillAllowance;
    private refillTonnes;
    /** Moves commercial stock above cover into reserves that are due a refill. */
    private refillStockpiles;
}
