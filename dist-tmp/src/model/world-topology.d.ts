import type { WorldSpec } from "./world-spec.js";
/**
 * Commodity indices in topological order of the recipe graph (every input before every
 * output made from it); ties keep declaration order. Throws if recipes form a loop.
 */
export declare function commodityOrder(spec: WorldSpec): number[];
/** Groups of countries linked by shared reserves; each country's group index. */
export declare function countryGroups(spec: WorldSpec): {
    groupOfCountry: number[];
    groupCount: number;
};
