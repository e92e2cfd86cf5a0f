/**
 * Brownfield expansion (src/model/response/expansion.ts): analytic timing and size of the new
 * capacity under a price held above the threshold, idle capacity used before any is built, and
 * the controlling exporter left out.
 */
import { describe, expect, it } from "vitest";
import { simulateWorld, type CommodityResponse, type TimelineColumn, type TimelineResult } from "../../src/model/index.js";
import { buildWorld, type SmallWorld } from "./small-world.js";

const DAYS_PER_YEAR = 365.25;

function values(result: TimelineResult, country: string, commodity: string, column: TimelineColumn): Float64Array {
  const s = result.timeline.series.findIndex((x) => x.country === country && x.commodity === commodity);
  if (s < 0) throw new Error(`no series ${country} ${commodity}`);
  return result.timeline.seriesValues(column, s);
}

/**
 * One country whose mine (`capacity` t/day at `utilization`) serves a demand of 100 t/day with
 * no stock: it measures scarcity by the share served, so the price index sits at 100 / output
 * from the first step (no lag), above 1.5 until output passes 66.7 t/day.
 */
function island(capacity: number, utilization: number, response: Partial<CommodityResponse>, days: number): SmallWorld {
  return {
    countries: ["AA"],
    commodities: ["x"],
    days,
    facilities: [{ id: "mine", country: "AA", capacityTonnesPerDay: capacity, utilization, outputs: { x: 1 } }],
    markets: [{ country: "AA", commodity: "x", demand: 100, coverDays: 0, inventory: 0 }],
    response: { priceStepDays: 7, all: { adjustmentDays: 0, ...response } },
  };
}

describe("brownfield expansion", () => {
  it("a price held above the threshold from day t brings perYear x capacity a year online from t + after + lead, in weekly steps, up to the maximum", () => {
    const after = 182;
    const lead = 728;
    const perYear = 0.1;
    const max = 0.25;
    const response = { expansionThreshold: 1.5, expansionAfterDays: after, expansionLeadDays: lead, expansionPerYear: perYear, expansionMax: max };
    const result = simulateWorld(buildWorld(island(50, 1, response, 4000)), { seed: 1 });
    const price = values(result, "AA", "x", "price_index");
    const production = values(result, "AA", "x", "production_t");
    const t = price.findIndex((p) => p >= 1.5);
    expect(t).toBeGreaterThanOrEqual(0);
    // The price stays above the threshold throughout: output never passes 50 x 1.25 = 62.5 t/day.
    for (let d = t; d < price.length; d++) expect(price[d]).toBeGreaterThanOrEqual(1.5);
    const perStep = 50 * perYear * (7 / DAYS_PER_YEAR);
    const first = t + after + lead;
    for (let d = 0; d < production.length; d++) {
      const steps = d < first ? 0 : Math.floor((d - first) / 7) + 1;
      expect(production[d]).toBeCloseTo(Math.min(50 + steps * perStep, 50 * (1 + max)), 9);
    }
    // A year after the first capacity arrives, perYear of capacity more is online (to within one step).
    expect(Math.abs(production[first + 364] - 50 - 50 * perYear)).toBeLessThanOrEqual(perStep);
    expect(production[production.length - 1]).toBeCloseTo(50 * (1 + max), 9);
  });

  it("builds nothing while the price stays below the threshold, and nothing when perYear is 0", () => {
    const below = simulateWorld(buildWorld(island(80, 1, { expansionThreshold: 1.5, expansionAfterDays: 0, expansionLeadDays: 7, expansionPerYear: 0.5 }, 1500)), { seed: 1 });
    expect(Math.max(...values(below, "AA", "x", "production_t"))).toBeCloseTo(80, 9);
    const off = simulateWorld(buildWorld(island(50, 1, { expansionThreshold: 1.5, expansionAfterDays: 0, expansionLeadDays: 7, expansionPerYear: 0 }, 1500)), { seed: 1 });
    expect(Math.max(...values(off, "AA", "x", "production_t"))).toBeCloseTo(50, 9);
  });

  it("uses idle capacity first: utilization below 100% leaves spare capacity that restarts fill, and only then is capacity added", () => {
    // 60 t/day of nameplate at 50%: 30 t/day made, 30 t/day idle; the price stays above 1.25 at any output below 80 t/day.
    const response = {
      supplyThreshold: 1.25,
      restartDays: 0,
      supplyRampPerYear: 1,
      expansionThreshold: 1.25,
      expansionAfterDays: 0,
      expansionLeadDays: 35,
      expansionPerYear: 0.2,
      expansionMax: 0.5,
    };
    const result = simulateWorld(buildWorld(island(60, 0.5, response, 2500)), { seed: 1 });
    const production = values(result, "AA", "x", "production_t");
    expect(production[0]).toBeCloseTo(30, 9);
    // The restart ramp: at most all of the world's output at the start (30 t/day) a year, so about half the idle capacity in half a year.
    expect(production[183]).toBeGreaterThan(40);
    expect(production[183]).toBeLessThan(46);
    // Nothing beyond the nameplate while idle capacity is left: the idle capacity is used in full
    // (output reaches 60 t/day) before any capacity is decided, which then arrives 35 days later
    // and runs at the normal 50% utilization: at most 60 + 0.5 x 60 x 50% = 75 t/day.
    const full = production.findIndex((x) => x >= 60 - 1e-9);
    expect(full).toBeGreaterThan(183);
    for (let d = 0; d < full + 35; d++) expect(production[d]).toBeLessThanOrEqual(60 + 1e-9);
    expect(production[production.length - 1]).toBeCloseTo(75, 9);
  });

  it("leaves the controlling exporter out: its customers' scarcity never expands its own capacity", () => {
    const world: SmallWorld = {
      countries: ["AA", "BB", "CC"],
      commodities: ["x"],
      days: 2500,
      facilities: [
        { id: "bb-mine", country: "BB", capacityTonnesPerDay: 100, outputs: { x: 1 } },
        { id: "cc-mine", country: "CC", capacityTonnesPerDay: 40, outputs: { x: 1 } },
      ],
      markets: [
        { country: "AA", commodity: "x", demand: 100, coverDays: 45, imports: { BB: 0.7, CC: 0.3 } },
        { country: "BB", commodity: "x", demand: 10, coverDays: 45 },
        { country: "CC", commodity: "x", demand: 10, coverDays: 45 },
      ],
      controls: [{ id: "licence", exporter: "BB", commodities: ["x"], measure: { kind: "ban" }, effectiveDay: 100 }],
      qualificationLagDays: 0,
      response: { all: { elasticity: -0.1, expansionThreshold: 1.2, expansionAfterDays: 90, expansionLeadDays: 365, expansionPerYear: 0.2, expansionMax: 1 } },
    };
    const result = simulateWorld(buildWorld(world), { seed: 1 });
    expect(Math.max(...values(result, "AA", "x", "price_index"))).toBeGreaterThan(1.2);
    // CC, free to sell to AA, sees AA's price and expands; BB, controlling, does not.
    expect(Math.max(...values(result, "CC", "x", "production_t"))).toBeGreaterThan(40 + 1);
    expect(Math.max(...values(result, "BB", "x", "production_t"))).toBeLessThanOrEqual(100 + 1e-9);
  });
});
