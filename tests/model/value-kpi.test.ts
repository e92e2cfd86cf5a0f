/**
 * Value KPIs on a small world with known answers: unmet and given-up demand valued at the
 * reference price (tonnes x price, exactly), and a reserve's cost over the horizon (the tonnes
 * held at the start at the price, plus the yearly holding cost on the tonne-days held, which a
 * release at a known rate makes a triangle). The world is one importer (AA) and one producer (BB).
 */
import { describe, expect, it } from "vitest";
import { DAYS_PER_YEAR, simulateWorld, type ShortfallKpi } from "../../src/model/index.js";
import { buildWorld, type SmallWorld } from "./small-world.js";

const DEMAND = 7; // t/day
const PRICE = 56_000; // US$/t
const DAYS = 400;

function oneRoute(extra: Partial<SmallWorld> = {}, market: Partial<NonNullable<SmallWorld["markets"]>[number]> = {}): SmallWorld {
  return {
    countries: ["AA", "BB"],
    commodities: ["x"],
    prices: { x: PRICE },
    days: DAYS,
    transitDays: 20,
    orderIntervalDays: 30,
    facilities: [{ id: "mine", country: "BB", capacityTonnesPerDay: 100, outputs: { x: 1 } }],
    markets: [{ country: "AA", commodity: "x", demand: DEMAND, coverDays: 30, imports: { BB: 1 }, ...market }],
    ...extra,
  };
}

const ban: SmallWorld["controls"] = [{ id: "ban", exporter: "BB", commodities: ["x"], measure: { kind: "ban" }, effectiveDay: 0 }];

function kpiOf(world: SmallWorld): ShortfallKpi {
  const kpi = simulateWorld(buildWorld(world), { seed: 1 }).kpis.find((k) => k.country === "AA");
  if (kpi === undefined) throw new Error("no KPI for AA");
  return kpi;
}

describe("value KPIs", () => {
  it("value unmet and given-up demand at the reference price: tonnes x price", () => {
    const kpi = kpiOf(oneRoute({ controls: ban }, { inventory: 1000 }));
    expect(kpi.unmetTonnes).toBeGreaterThan(1000);
    expect(kpi.unmetValue).toBe(kpi.unmetTonnes * PRICE);
    expect(kpi.givenUpValue).toBe(kpi.givenUpTonnes * PRICE);
  });

  it("are 0 for a commodity without a reference price, whatever goes unmet", () => {
    const kpi = kpiOf(oneRoute({ controls: ban, prices: {} }, { inventory: 1000 }));
    expect(kpi.unmetTonnes).toBeGreaterThan(1000);
    expect([kpi.unmetValue, kpi.givenUpValue]).toEqual([0, 0]);
  });
});

describe("a reserve's cost", () => {
  const reserve = 350;
  const holding = 0.05;

  it("held untouched over the horizon: price x tonnes x (1 + yearly holding x years)", () => {
    const kpi = kpiOf(oneRoute({ stockpiles: [{ id: "r", country: "AA", commodity: "x", tonnes: reserve, maxRelease: 50, holdingCost: holding }] }));
    expect(kpi.reserveTonnes).toBe(reserve);
    expect(kpi.reserveCost).toBeCloseTo(PRICE * reserve * (1 + (holding * DAYS) / DAYS_PER_YEAR), 4);
  });

  it("released at the demand's rate from S/d on: the held tonne-days are a rectangle and a triangle", () => {
    const stock = 1000;
    const emptiesFrom = stock / DEMAND;
    const tonneDays = reserve * emptiesFrom + (reserve * reserve) / (2 * DEMAND);
    const kpi = kpiOf(oneRoute({ controls: ban, stockpiles: [{ id: "r", country: "AA", commodity: "x", tonnes: reserve, maxRelease: 50, holdingCost: holding }] }, { inventory: stock }));
    expect(kpi.reserveCost).toBeCloseTo(PRICE * (reserve + (holding * tonneDays) / DAYS_PER_YEAR), 4);
  });

  it("is only what it holds at the start when holding is free, and 0 with no reserve", () => {
    expect(kpiOf(oneRoute({ stockpiles: [{ id: "r", country: "AA", commodity: "x", tonnes: reserve, maxRelease: 50 }] })).reserveCost).toBe(PRICE * reserve);
    expect(kpiOf(oneRoute()).reserveCost).toBe(0);
    expect(kpiOf(oneRoute()).reserveTonnes).toBe(0);
  });

  it("counts every tonne bought into it to refill, at the price", () => {
    const stock = 1000;
    const bought = kpiOf(oneRoute({ controls: [{ ...ban![0], endDay: 250 } as never], stockpiles: [{ id: "r", country: "AA", commodity: "x", tonnes: reserve, maxRelease: 50, refill: 5 }] }, { inventory: stock }));
    // Released in full from S/d (day 143 to 193), then bought back to its level at 5 t/day once the ban ends on day 250.
    expect(bought.reserveCost).toBeCloseTo(PRICE * 2 * reserve, 2);
  });
});
