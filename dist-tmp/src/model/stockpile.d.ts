/**
 * Stockpile: a government reserve at run time. It releases into member markets that run
 * short, at up to its maximum rate and down to its floor; a shared reserve splits its rate
 * among short members in proportion to their deficits.
 */
import type { StockpileSpec } from "./world-spec.js";
/** Runtime state of one reserve. */
export declare class Stockpile {
    readonly index: number;
    readonly spec: StockpileSpec;
    /** Market index of the host country's market for this commodity. */
    readonly hostMarket: number;
    /** Market index for each member country (same order as spec.members). */
    readonly memberMarkets: number[];
    level: number;
    lastTime: number;
    /** Target level for refills (raised by purchases). */
    targetTonnes: number;
    /** Current release into each member market, tonnes/day (same order as memberMarkets). */
    readonly releaseRates: number[];
    /** Sum of releaseRates. */
    totalReleaseRate: number;
    /** Id of the pending "reaches its floor" event, or -1. */
    floorEventId: number;
    /** First simulation time it reached its floor after releasing, or -1. */
    firstEmptyTime: number;
    constructor(index: number, spec: StockpileSpec, hostMarket: number, memberMarkets: number[]);
    /** Tonnes above the floor. */
    get availableTonnes(): number;
    /** Whether it can release now. */
    get canRelease(): boolean;
    /** Integrates the level to time `t` at the current release rate. */
    advanceTo(t: number): void;
}
