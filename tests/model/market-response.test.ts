/**
 * The market response: analytic cases with known answers (the price settles where the demand
 * curve says; priority classes and a defence-only reserve), switching it off reproduces the
 * model without it exactly, and its bounds (substitution cap and unwind, the supply ramp, the
 * storage limit) hold on random worlds and price paths.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulateWorld, TIMELINE_COLUMNS, type CommodityResponse, type TimelineColumn, type TimelineResult } from "../../src/model/index.js";
import { steppedSubstitution } from "../../src/model/response/substitution.js";
import { randomWorld } from "./random-world.js";
import { buildWorld, QUIET_RESPONSE, type SmallWorld } from "./small-world.js";

function values(result: TimelineResult, country: string, commodity: string, column: TimelineColumn): Float64Array {
  const s = result.timeline.series.findIndex((x) => x.country === country && x.commodity === commodity);
  if (s < 0) throw new Error(`no series ${country} ${commodity}`);
  return result.timeline.seriesValues(column, s);
}


/** One country whose mine makes `supply` t/day against a demand of 100 t/day. */
function island(supply: number, response: Partial<CommodityResponse>, days = 4000): SmallWorld {
  return {
    countries: ["AA"],
    commodities: ["x"],
    days,
    facilities: [{ id: "mine", country: "AA", capacityTonnesPerDay: supply, outputs: { x: 1 } }],
    markets: [{ country: "AA", commodity: "x", demand: 100, coverDays: 30, inventory: 3000 }],
    response: { priceStepDays: 7, all: response },
  };
}

describe("the scarcity price", () => {
  it("settles where a constant-elasticity demand curve meets a fixed supply: price = (supply / demand)^(1 / elasticity)", () => {
    for (const [supply, elasticity] of [
      [80, -0.5],
      [60, -0.3],
      [90, -1],
    ]) {
      const result = simulateWorld(buildWorld(island(supply, { elasticity, adjustmentDays: 60, relaxationDays: 60 })), { seed: 1 });
      const price = values(result, "AA", "x", "price_index");
      const expected = Math.pow(supply / 100, 1 / elasticity);
      // Over the last year: the price, and the demand it leaves, where the curve says.
      for (let d = price.length - 365; d < price.length; d++) expect(Math.abs(price[d] / expected - 1)).toBeLessThan(0.01);
      const consumed = values(result, "AA", "x", "consumed_t");
      const givenUp = values(result, "AA", "x", "given_up_t");
      const last = price.length - 1;
      expect(consumed[last]).toBeCloseTo(supply, 0);
      expect(givenUp[last]).toBeCloseTo(100 - supply, 0);
    }
  });

  it("stays at the baseline where cover never falls below target", () => {
    const result = simulateWorld(buildWorld(island(150, { elasticity: -0.5, storageDays: Infinity }, 400)), { seed: 1 });
    expect([...values(result, "AA", "x", "price_index")].every((p) => p === 1)).toBe(true);
    expect(result.kpis[0].peakPriceIndex).toBe(1);
    expect(result.kpis[0].givenUpTonnes).toBe(0);
  });

  it("rises for the importer and falls for the exporter when the exporter bans exports (a two-tier price)", () => {
    const world: SmallWorld = {
      countries: ["AA", "BB"],
      commodities: ["x"],
      days: 720,
      facilities: [{ id: "mine", country: "BB", capacityTonnesPerDay: 120, outputs: { x: 1 } }],
      markets: [
        { country: "AA", commodity: "x", demand: 80, coverDays: 45, imports: { BB: 1 } },
        { country: "BB", commodity: "x", demand: 40, coverDays: 45 },
      ],
      controls: [{ id: "ban", exporter: "BB", commodities: ["x"], measure: { kind: "ban" }, effectiveDay: 180 }],
      response: { all: { elasticity: -0.2, storageDays: 60 } },
    };
    const result = simulateWorld(buildWorld(world), { seed: 1 });
    const importer = values(result, "AA", "x", "price_index");
    const exporter = values(result, "BB", "x", "price_index");
    expect(importer[170]).toBe(1);
    expect(importer[400]).toBeGreaterThan(2);
    expect(exporter[600]).toBeLessThan(0.8);
    // The exporter cut output to what it uses once it could store no more.
    const production = values(result, "BB", "x", "production_t");
    expect(production[700]).toBeCloseTo(40, 0);
  });
});

describe("switching the response off", () => {
  it("with zero elasticity, no substitution, no supply response and unlimited storage reproduces the model without a response exactly", () => {
    fc.assert(
      fc.property(randomWorld({ response: false }), fc.integer({ min: 0, max: 1000 }), (world, seed) => {
        const without = simulateWorld(buildWorld(world), { seed });
        const quiet = simulateWorld(buildWorld({ ...world, response: { priceStepDays: 3, all: { ...QUIET_RESPONSE, coverSensitivity: 2 } } }), { seed });
        for (const column of TIMELINE_COLUMNS) {
          if (column === "price_index") continue;
          expect(quiet.timeline.columns[column]).toEqual(without.timeline.columns[column]);
        }
        expect(quiet.kpis.map((k) => ({ ...k, peakPriceIndex: 0 }))).toEqual(without.kpis.map((k) => ({ ...k, peakPriceIndex: 0 })));
      }),
      { numRuns: 60 },
    );
  });

  it("per commodity: a commodity switched off keeps its price at the baseline and gives up nothing", () => {
    const world = island(50, { elasticity: -0.5 }, 400);
    const off = simulateWorld(buildWorld({ ...world, response: { all: { elasticity: -0.5 }, byCommodity: { x: null } } }), { seed: 1 });
    expect(off.kpis[0].peakPriceIndex).toBe(1);
    expect(off.kpis[0].givenUpTonnes).toBe(0);
    expect(off.kpis[0].unmetTonnes).toBeGreaterThan(0);
  });
});

describe("substitution and thrifting", () => {
  const response = { ...QUIET_RESPONSE, substitutionThreshold: 1.5, substitutionPerYear: 0.1, substitutionMax: 0.3, unwindPerYear: 0.05 };

  it("never exceeds its cap or its yearly rate, and unwinds while the price is below the threshold", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.2, max: 10, noNaN: true }), { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 30 }), (prices, step) => {
        let share = 0;
        for (const price of prices) {
          const next = steppedSubstitution(response, share, price, step);
          expect(next).toBeLessThanOrEqual(response.substitutionMax);
          expect(next).toBeGreaterThanOrEqual(0);
          expect(next - share).toBeLessThanOrEqual((response.substitutionPerYear * step) / 365.25 + 1e-15);
          if (price <= response.substitutionThreshold) expect(next).toBeLessThanOrEqual(share);
          share = next;
        }
      }),
    );
  });

  it("in a run: the share given up stays within the cap while the price is high, and comes back once the shock ends", () => {
    // Supply cut to 40 t/day for two years (an outage), then back to 150 t/day.
    const world: SmallWorld = {
      ...island(150, { ...response }, 3650),
      events: [{ id: "cut", day: 0, action: { kind: "facility-offline", facility: 0, untilEpochDay: 20_000 + 730 } }],
      facilities: [
        { id: "mine", country: "AA", capacityTonnesPerDay: 110, outputs: { x: 1 } },
        { id: "small-mine", country: "AA", capacityTonnesPerDay: 40, outputs: { x: 1 } },
      ],
    };
    const result = simulateWorld(buildWorld(world), { seed: 1 });
    const givenUp = values(result, "AA", "x", "given_up_t");
    const price = values(result, "AA", "x", "price_index");
    expect(Math.max(...price.slice(0, 730))).toBeGreaterThan(1.5);
    for (let d = 0; d < givenUp.length; d++) expect(givenUp[d]).toBeLessThanOrEqual(0.3 * 100 + 1e-9);
    const peak = Math.max(...givenUp);
    expect(peak).toBeGreaterThan(5);
    // Unwinding at 5% of demand a year takes the substituted share back to zero within six years.
    expect(givenUp[givenUp.length - 1]).toBeLessThan(peak);
    expect(givenUp[givenUp.length - 1]).toBeLessThan(1e-9);
  });
});

describe("supply that answers", () => {
  it("restarts idle capacity outside the controlling country after the delay, at most the ramp share of world output a year", () => {
    const world: SmallWorld = {
      countries: ["AA", "BB", "CC"],
      commodities: ["x"],
      days: 1460,
      facilities: [
        { id: "bb-mine", country: "BB", capacityTonnesPerDay: 100, outputs: { x: 1 } },
        { id: "cc-mine", country: "CC", capacityTonnesPerDay: 200, utilization: 0.2, outputs: { x: 1 } },
      ],
      markets: [
        { country: "AA", commodity: "x", demand: 100, coverDays: 45, imports: { BB: 0.7, CC: 0.3 } },
        { country: "CC", commodity: "x", demand: 10, coverDays: 45 },
      ],
      controls: [{ id: "ban", exporter: "BB", commodities: ["x"], measure: { kind: "ban" }, effectiveDay: 100 }],
      qualificationLagDays: 0,
      response: { all: { elasticity: -0.1, supplyThreshold: 1.2, restartDays: 90, supplyRampPerYear: 0.04 } },
    };
    const result = simulateWorld(buildWorld(world), { seed: 1 });
    const cc = values(result, "CC", "x", "production_t");
    // CC sells to AA freely, so its price follows AA's up.
    const seen = values(result, "CC", "x", "price_index");
    const worldOutput = 100 + 40;
    expect(cc[99]).toBeCloseTo(40, 9);
    const firstHigh = seen.findIndex((p) => p >= 1.2);
    expect(firstHigh).toBeGreaterThan(0);
    // Nothing restarts before the price has stayed high for the delay.
    for (let d = 0; d < firstHigh + 90 - 7; d++) expect(cc[d]).toBeCloseTo(40, 9);
    expect(cc[cc.length - 1]).toBeGreaterThan(41);
    // Never faster than 4% of world output a year: each weekly step adds at most 7 days' worth.
    for (let d = 7; d < cc.length; d++) expect(cc[d] - cc[d - 7]).toBeLessThanOrEqual((0.04 * worldOutput * 7) / 365.25 + 1e-9);
    // And it ramps at that pace while the price stays high: a year after the restart, close to 4% more.
    const restart = cc.findIndex((x) => x > 40 + 1e-9);
    expect(cc[restart + 364] - cc[restart - 1]).toBeGreaterThan(0.9 * 0.04 * worldOutput);
    // The controlling country's mine never restarts anything (it has no idle capacity to begin with, and is excluded).
    const bb = values(result, "BB", "x", "production_t");
    expect(Math.max(...bb)).toBeLessThanOrEqual(100 + 1e-9);
  });

  it("cuts output to what the market uses and sells once its stock passes the storage limit", () => {
    const result = simulateWorld(buildWorld(island(150, { storageDays: 30 }, 400)), { seed: 1 });
    const inventory = values(result, "AA", "x", "inventory_t");
    const production = values(result, "AA", "x", "production_t");
    // 30 days of 150 t/day is 4,500 t, plus at most one price step of surplus.
    for (const level of inventory) expect(level).toBeLessThanOrEqual(30 * 150 + 7 * 50 + 1e-6);
    expect(production[399]).toBeCloseTo(100, 6);
  });
});

describe("who is served first", () => {
  /** One country, demand 100 t/day (defence 20%, critical 30%), a mine of `supply` t/day, no stock. */
  const classes = (supply: number, extra: Partial<SmallWorld> = {}): SmallWorld => ({
    countries: ["AA"],
    commodities: ["x"],
    days: 100,
    facilities: [{ id: "mine", country: "AA", capacityTonnesPerDay: supply, outputs: { x: 1 } }],
    markets: [{ country: "AA", commodity: "x", demand: 100, coverDays: 0, inventory: 0, priority: { defence: 0.2, critical: 0.3 } }],
    ...extra,
  });

  it("serves defence, then critical civilian, then the rest", () => {
    for (const [supply, defence, critical] of [
      [35, 0, 15],
      [10, 10, 30],
      [60, 0, 0],
    ]) {
      const kpi = simulateWorld(buildWorld(classes(supply)), { seed: 1 }).kpis[0];
      expect(kpi.unmetTonnes).toBeCloseTo((100 - supply) * 100, 6);
      expect(kpi.defenceUnmetTonnes).toBeCloseTo(defence * 100, 6);
      expect(kpi.criticalUnmetTonnes).toBeCloseTo(critical * 100, 6);
    }
  });

  it("a defence-only reserve serves defence and nothing else", () => {
    const world = classes(0, { stockpiles: [{ id: "nds", country: "AA", commodity: "x", tonnes: 10_000, maxRelease: 1000, serves: "defence" }] });
    const result = simulateWorld(buildWorld(world), { seed: 1 });
    const consumed = values(result, "AA", "x", "consumed_t");
    const reserve = values(result, "AA", "x", "stockpile_t");
    for (const c of consumed) expect(c).toBeCloseTo(20, 9);
    expect(reserve[99]).toBeCloseTo(10_000 - 100 * 20, 6);
    expect(result.kpis[0].defenceUnmetTonnes).toBeCloseTo(0, 9);
    expect(result.kpis[0].criticalUnmetTonnes).toBeCloseTo(30 * 100, 6);
  });

  it("on random worlds: no class is short of more than its own demand, and the classes' unmet adds up to at most the total", () => {
    fc.assert(
      fc.property(randomWorld(), fc.integer({ min: 0, max: 1000 }), (world, seed) => {
        const result = simulateWorld(buildWorld(world), { seed });
        for (const k of result.kpis) {
          const wanted = k.demandTonnes - k.givenUpTonnes;
          const spec = world.markets?.find((m) => m.country === k.country && m.commodity === k.commodity)?.priority;
          expect(k.defenceUnmetTonnes).toBeLessThanOrEqual((spec?.defence ?? 0) * wanted * (1 + 1e-9) + 1e-9);
          expect(k.criticalUnmetTonnes).toBeLessThanOrEqual((spec?.critical ?? 0) * wanted * (1 + 1e-9) + 1e-9);
          expect(k.defenceUnmetTonnes + k.criticalUnmetTonnes).toBeLessThanOrEqual(k.unmetTonnes * (1 + 1e-9) + 1e-9);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("investment", () => {
  it("adds capacity outside the controlling country a lead time after the price has stayed high, up to its maximum", () => {
    const world: SmallWorld = {
      countries: ["AA", "BB", "CC"],
      commodities: ["x"],
      days: 3000,
      facilities: [
        { id: "bb-mine", country: "BB", capacityTonnesPerDay: 100, outputs: { x: 1 } },
        { id: "cc-mine", country: "CC", capacityTonnesPerDay: 40, outputs: { x: 1 } },
      ],
      markets: [
        { country: "AA", commodity: "x", demand: 100, coverDays: 45, imports: { BB: 0.7, CC: 0.3 } },
        { country: "CC", commodity: "x", demand: 10, coverDays: 45 },
      ],
      controls: [{ id: "ban", exporter: "BB", commodities: ["x"], measure: { kind: "ban" }, effectiveDay: 100 }],
      qualificationLagDays: 0,
      response: { all: { elasticity: -0.1, investmentThreshold: 1.5, investmentAfterDays: 180, investmentLeadDays: 730, investmentShare: 0.5, investmentMax: 1 } },
    };
    const result = simulateWorld(buildWorld(world), { seed: 1 });
    const price = values(result, "CC", "x", "price_index");
    const cc = values(result, "CC", "x", "production_t");
    const bb = values(result, "BB", "x", "production_t");
    const high = price.findIndex((p) => p >= 1.5);
    expect(high).toBeGreaterThan(0);
    // The first decision comes 180 days after the price passed the threshold (on a weekly clock),
    // the capacity 730 days later: nothing new before, 20 t/day more after.
    const online = cc.findIndex((x) => x > 40 + 1e-9);
    expect(online).toBeGreaterThanOrEqual(high + 180 + 730 - 7);
    expect(online).toBeLessThanOrEqual(high + 180 + 730 + 7);
    expect(cc[online]).toBeCloseTo(60, 6);
    // Never more than the maximum (doubling), and the controlling exporter never invests.
    expect(Math.max(...cc)).toBeLessThanOrEqual(80 + 1e-9);
    expect(Math.max(...bb)).toBeLessThanOrEqual(100 + 1e-9);
  });
});

describe("a market that keeps no cover", () => {
  it("still prices its scarcity, by the share of its use it is served", () => {
    const world = island(50, { elasticity: -0.5 }, 400);
    const noCover = { ...world, markets: [{ country: "AA", commodity: "x", demand: 100, coverDays: 0, inventory: 0 }] };
    const result = simulateWorld(buildWorld(noCover), { seed: 1 });
    const price = values(result, "AA", "x", "price_index");
    expect(price[399]).toBeGreaterThan(1.5);
    // Below the clearing price (50 / 100)^(1 / -0.5) = 4: demand stays above supply, some of it unmet.
    expect(price[399]).toBeLessThan(4);
    expect(values(result, "AA", "x", "shortfall_t")[399]).toBeGreaterThan(0);
  });
});

describe("priority classes, on any split and any supply", () => {
  it("serve defence, then critical civilian, then the rest: each class's unmet is what is left of it in that order", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 150, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), (supply, defence, critical) => {
        const world: SmallWorld = {
          countries: ["AA"],
          commodities: ["x"],
          days: 30,
          facilities: supply > 0 ? [{ id: "mine", country: "AA", capacityTonnesPerDay: supply, outputs: { x: 1 } }] : [],
          markets: [{ country: "AA", commodity: "x", demand: 100, coverDays: 0, inventory: 0, priority: { defence, critical } }],
        };
        const kpi = simulateWorld(buildWorld(world), { seed: 1 }).kpis[0];
        const toDefence = Math.min(100 * defence, supply);
        const toCritical = Math.min(100 * critical, supply - toDefence);
        const tolerance = 1e-6 * 30 * 100;
        expect(Math.abs(kpi.defenceUnmetTonnes - 30 * (100 * defence - toDefence))).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(kpi.criticalUnmetTonnes - 30 * (100 * critical - toCritical))).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(kpi.unmetTonnes - 30 * Math.max(0, 100 - supply))).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 200 },
    );
  });
});

describe("a demand change on one priority class", () => {
  it("scales that class alone and moves the shares: a defence surge is served first, out of what the others had", () => {
    const world: SmallWorld = {
      countries: ["AA"],
      commodities: ["x"],
      days: 100,
      facilities: [{ id: "mine", country: "AA", capacityTonnesPerDay: 70, outputs: { x: 1 } }],
      markets: [{ country: "AA", commodity: "x", demand: 100, coverDays: 0, inventory: 0, priority: { defence: 0.2, critical: 0.3 } }],
      events: [{ id: "surge", day: 50, action: { kind: "demand-change", markets: [0], factor: 3, priorityClass: "defence" } }],
    };
    const result = simulateWorld(buildWorld(world), { seed: 1 });
    const demand = values(result, "AA", "x", "demand_t");
    expect(demand[49]).toBeCloseTo(100, 9);
    expect(demand[50]).toBeCloseTo(140, 9); // defence 20 -> 60
    const kpi = result.kpis[0];
    // Days 0-49: 70 t serve defence 20 and critical 30, other gets 20 of 50. Days 50-99: defence 60, critical 10 of 30, other none.
    expect(kpi.defenceUnmetTonnes).toBeCloseTo(0, 6);
    expect(kpi.criticalUnmetTonnes).toBeCloseTo(50 * 20, 6);
    expect(kpi.unmetTonnes).toBeCloseTo(50 * 30 + 50 * 70, 6);
  });
});
