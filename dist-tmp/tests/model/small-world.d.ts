/**
 * Builders for small hand-made worlds used by the model tests: named countries and
 * commodities instead of indices, defaults for everything else.
 */
import { type Distribution } from "../../src/engine/index.js";
import type { EventAction, WorldSpec } from "../../src/model/index.js";
export declare const START = 20000;
export interface SmallWorld {
    countries: string[];
    commodities: string[];
    days: number;
    facilities?: {
        id: string;
        country: string;
        capacityTonnesPerDay: number;
        inputs?: Record<string, number>;
        outputs: Record<string, number>;
        utilization?: number;
        onlineDay?: number;
        rampUpDays?: number;
        outages?: {
            ratePerYear: number;
            durationDays: Distribution;
        };
    }[];
    markets?: {
        country: string;
        commodity: string;
        demand?: number;
        growth?: number;
        coverDays?: number;
        inventory?: number;
        imports?: Record<string, number>;
    }[];
    stockpiles?: {
        id: string;
        country: string;
        commodity: string;
        members?: string[];
        tonnes: number;
        floor?: number;
        maxRelease: number;
        refill?: number;
    }[];
    controls?: {
        id: string;
        exporter: string;
        commodities: string[];
        destinations?: {
            mode: "all" | "only" | "except";
            countries: string[];
        };
        measure: {
            kind: "ban";
        } | {
            kind: "quota";
            tonnesPerYear: number;
        } | {
            kind: "licensing";
            approval: number;
            processingDays: Distribution;
        };
        effectiveDay?: number | null;
        endDay?: number | null;
    }[];
    events?: {
        id: string;
        day: number | Distribution;
        probability?: number;
        action: EventAction;
    }[];
    orderIntervalDays?: number;
    transitDays?: number;
    qualificationLagDays?: number;
}
/** Builds a WorldSpec; every (country, commodity) pair referenced gets a market. */
export declare function buildWorld(w: SmallWorld): WorldSpec;
