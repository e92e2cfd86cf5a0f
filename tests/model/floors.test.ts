/**
 * Price floors (src/model/response/floors.ts): a government floor keeps a glutted producer at
 * full output and costs its payer (floor - price) x tonnes sold plus floor x tonnes taken; a
 * tariff floor holds the member's price at the floor and leaves a non-member's alone, its
 * buyers paying the gap; a floor's price signal brings expansion that does not come without
 * it; a floor not in force changes nothing.
 */
import { describe, expect, it } from "vitest";
import { simulateWorld, type CommodityResponse, type ShortfallKpi, type TimelineColumn, type TimelineResult } from "../../src/model/index.js";
import { buildWorld, type SmallWorld } from "./small-world.js";

const PRICE = 1000; // US$/t
const DAYS = 400;

function values(result: TimelineResult, country: string, column: TimelineColumn): Float64Array {
  const s = result.timeline.series.findIndex((x) => x.country === country && x.commodity === "x");
  if (s < 0) throw new Error(`no series ${country} x`);
  return result.timeline.seriesValues(column, s);
}

function kpiOf(result: TimelineResult, country: string): ShortfallKpi {
  const kpi = result.kpis.find((k) => k.country === country);
  if (kpi === undefined) throw new Error(`no KPI for ${country}`);
  return kpi;
}

const sum = (xs: Float64Array): number => xs.reduce((a, b) => a + b, 0);

/** Countries each with a mine of 150 t/day against a demand of 100 t/day, no trade: a glut. */
function gluts(countries: string[], response: Partial<CommodityResponse>, floors: SmallWorld["floors"] = [], days = DAYS): SmallWorld {
  return {
    countries,
    commodities: ["x"],
    prices: { x: PRICE },
    days,
    facilities: countries.map((c) => ({ id: `mine-${c}`, country: c, capacityTonnesPerDay: 150, outputs: { x: 1 } })),
    markets: countries.map((c) => ({ country: c, commodity: "x", demand: 100, coverDays: 30, inventory: 3000 })),
    response: { priceStepDays: 7, all: response },
    floors,
  };
}

describe("a government floor", () => {
  const floor = 1.5;
  const covered: SmallWorld["floors"] = [{ id: "ppa", commodity: "x", index: floor, paidBy: "government", facilities: ["mine-AA"] }];

  it("keeps a glutted producer at full output, and its payer pays (floor - price) x tonnes sold + floor x tonnes taken", () => {
    // The price is held at the baseline (minPrice 1), so every tonne's top-up is (floor - 1).
    const response = { storageDays: 30, minPrice: 1 };
    const without = simulateWorld(buildWorld(gluts(["AA"], response)), { seed: 1 });
    expect(values(without, "AA", "production_t")[DAYS - 1]).toBeCloseTo(100, 6);
    expect(kpiOf(without, "AA").reserveCost).toBe(0);

    const result = simulateWorld(buildWorld(gluts(["AA"], response, covered)), { seed: 1 });
    const production = values(result, "AA", "production_t");
    const inventory = values(result, "AA", "inventory_t");
    const consumed = values(result, "AA", "consumed_t");
    for (const tonnes of production) expect(tonnes).toBeCloseTo(150, 9);
    for (const price of values(result, "AA", "price_index")) expect(price).toBe(1);
    // What the payer took: all made, less all used, less the stock's growth (it holds its limit).
    const taken = 3000 + sum(production) - sum(consumed) - inventory[DAYS - 1];
    expect(taken).toBeGreaterThan(5000);
    for (const level of inventory) expect(level).toBeLessThanOrEqual(30 * 150 + 7 * 50 + 1e-6);
    const sold = sum(production) - taken;
    expect(kpiOf(result, "AA").reserveCost).toBeCloseTo((floor - 1) * PRICE * sold + floor * PRICE * taken, 2);
  });

  it("leaves the market price to fall with the glut: the payer tops up, it does not set the price", () => {
    const result = simulateWorld(buildWorld(gluts(["AA"], { storageDays: 30 }, covered)), { seed: 1 });
    for (const tonnes of values(result, "AA", "production_t")) expect(tonnes).toBeCloseTo(150, 9);
    const price = values(result, "AA", "price_index");
    expect(price[DAYS - 1]).toBeLessThan(0.8);
    expect(kpiOf(result, "AA").reserveCost).toBeGreaterThan((floor - 1) * PRICE * 100 * DAYS);
  });

  it("costs nothing and changes nothing while it is not in force", () => {
    const plain = simulateWorld(buildWorld(gluts(["AA"], { storageDays: 30 })), { seed: 1 });
    const later = simulateWorld(buildWorld(gluts(["AA"], { storageDays: 30 }, [{ ...covered[0], fromDay: DAYS + 10 }])), { seed: 1 });
    expect(later.kpis).toEqual(plain.kpis);
    for (const column of ["production_t", "inventory_t", "price_index", "consumed_t"] as const) expect(values(later, "AA", column)).toEqual(values(plain, "AA", column));
  });

  it("is a price signal: it brings expansion that does not come without it", () => {
    const response = { storageDays: Infinity, expansionThreshold: 1.5, expansionAfterDays: 0, expansionLeadDays: 28, expansionPerYear: 0.5, expansionMax: 0.5 };
    const without = values(simulateWorld(buildWorld(gluts(["AA"], response)), { seed: 1 }), "AA", "production_t");
    expect(Math.max(...without)).toBeCloseTo(150, 9);
    const withFloor = values(simulateWorld(buildWorld(gluts(["AA"], response, [{ ...covered[0], index: 2 }])), { seed: 1 }), "AA", "production_t");
    expect(withFloor[DAYS - 1]).toBeCloseTo(225, 6);
  });
});

describe("a tariff floor", () => {
  it("holds the member's price at the floor and not a non-member's; the member's buyers pay the gap", () => {
    const floor = 0.9;
    const result = simulateWorld(buildWorld(gluts(["AA", "BB"], { storageDays: 30 }, [{ id: "forge", commodity: "x", index: floor, paidBy: "tariff", countries: ["AA"] }])), { seed: 1 });
    const member = values(result, "AA", "price_index");
    const other = values(result, "BB", "price_index");
    // BB is AA without the tariff: its path is the price AA would have had.
    expect(other[DAYS - 1]).toBeLessThan(0.8);
    for (let d = 0; d < DAYS; d++) expect(member[d]).toBe(Math.max(other[d], floor));
    const consumed = values(result, "AA", "consumed_t");
    let premium = 0;
    for (let d = 0; d < DAYS; d++) premium += (member[d] - other[d]) * PRICE * consumed[d];
    expect(premium).toBeGreaterThan(0);
    expect(kpiOf(result, "AA").reserveCost).toBeCloseTo(premium, 2);
    expect(kpiOf(result, "BB").reserveCost).toBe(0);
    // The tariff buys nothing: the member's producer is cut like the other's.
    expect(values(result, "AA", "production_t")[DAYS - 1]).toBeCloseTo(100, 6);
  });
  it("above the baseline price: the member's buyers answer the floor (demand = base x floor^elasticity), between its dates only", () => {
    const floor = 2;
    const elasticity = -0.5;
    const tariff: SmallWorld["floors"] = [{ id: "forge", commodity: "x", index: floor, paidBy: "tariff", countries: ["AA"], fromDay: 70, untilDay: 279 }];
    const result = simulateWorld(buildWorld(gluts(["AA", "BB"], { storageDays: Infinity, elasticity }, tariff)), { seed: 1 });
    const member = values(result, "AA", "price_index");
    const consumed = values(result, "AA", "consumed_t");
    // Steps of the clock fall on days 70 and 280: the floor holds from the first to the last step in force.
    for (let d = 0; d < DAYS; d++) {
      const inForce = d >= 70 && d < 280;
      expect(member[d]).toBe(inForce ? floor : 1);
      expect(consumed[d]).toBeCloseTo(inForce ? 100 * Math.pow(floor, elasticity) : 100, 9);
    }
    expect(values(result, "BB", "price_index").every((p) => p === 1)).toBe(true);
    // The premium: (2 - 1) x price x what the member's buyers used while it held.
    expect(kpiOf(result, "AA").reserveCost).toBeCloseTo(210 * (floor - 1) * PRICE * 100 * Math.pow(floor, elasticity), 2);
  });
});
