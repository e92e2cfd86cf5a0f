/**
 * WorldState: everything one run mutates (markets, facilities, reserves, controls, the
 * environment) plus the bookkeeping that keeps rates consistent: which groups of countries
 * need their rates re-solved, and the scheduling of the exact times stocks run dry.
 */
import { Environment, type RandomStreams } from "../engine/index.js";
import { ExportControl } from "./export-control.js";
import { Facility } from "./facility.js";
import { Market } from "./market.js";
import { type RateGroup, type SolverState } from "./rate-solver.js";
import { Stockpile } from "./stockpile.js";
import type { WorldSpec } from "./world-spec.js";
/** Mutable state of one run, with the operations every part of the model shares. */
export declare class WorldState implements SolverState {
    readonly spec: WorldSpec;
    readonly env: Environment;
    readonly streams: RandomStreams;
    readonly markets: Market[];
    readonly facilities: Facility[];
    readonly stockpiles: Stockpile[];
    readonly controls: ExportControl[];
    readonly groups: RateGroup[];
    /** Group index of each country. */
    readonly groupOfCountry: number[];
    /** Control indices by exporting country. */
    readonly controlsByExporter: number[][];
    /** Markets of each commodity, by commodity index. */
    readonly marketsByCommodity: number[][];
    private readonly marketLookup;
    private readonly isDry;
    private readonly deficit;
    private readonly dirtyGroups;
    private readonly isGroupDirty;
    private readonly onMarketDry;
    private readonly onStockpileFloor;
    private sameInstantSolves;
    private lastSolveTime;
    constructor(spec: WorldSpec, streams: RandomStreams);
    /** The market of `commodity` in `country`, or undefined. */
    marketAt(country: number, commodity: number): Market | undefined;
    /** The group that market `m` is solved in. */
    groupOfMarket(m: number): number;
    /** Whether market `m` was dry at the last solve. */
    isMarketDry(m: number): boolean;
    /** Flags a group for re-solving at the next `settle()`. */
    markGroupDirty(g: number): void;
    /** Flags every group for re-solving. */
    markAllDirty(): void;
    /**
     * Call after a discrete change to a market's level (already advanced to now): re-solves its
     * group if the market starts or stops being dry, else only moves its dry-out time.
     */
    touchMarket(m: number): void;
    /** Advances every market and stockpile to time `t`. */
    advanceAll(t: number): void;
    /** Re-solves every dirty group at the current time and reschedules its threshold events. */
    settle(): void;
    private scheduleDryOut;
    private scheduleFloor;
    private handleMarketDry;
    private handleStockpileFloor;
    private requireMarket;
}
