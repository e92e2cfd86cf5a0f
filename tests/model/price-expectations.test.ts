/**
 * Prices with expectations (src/model/response/expected-scarcity.ts, prices.ts): an announced
 * control moves the price before its effective date by the share of supply it is expected to
 * cut over the horizon, and no announcement moves nothing; the expectation lasts while buyers
 * re-source (the qualification lag) and then leaves the price to the physical signal; an
 * exporter is controlling only while its control is in force, and then its price follows its own
 * physical balance (no glut priced from expectations); the cap is the commodity's.
 */
import { describe, expect, it } from "vitest";
import { simulateWorld, type CommodityResponse, type TimelineColumn, type TimelineResult } from "../../src/model/index.js";
import { buildWorld, type SmallWorld } from "./small-world.js";

function values(result: TimelineResult, country: string, commodity: string, column: TimelineColumn): Float64Array {
  const s = result.timeline.series.findIndex((x) => x.country === country && x.commodity === commodity);
  if (s < 0) throw new Error(`no series ${country} ${commodity}`);
  return result.timeline.seriesValues(column, s);
}

const ANNOUNCED = 203;
const EFFECTIVE = 252;
const HORIZON = 100;
/** The qualification lag of the ban world: the expectation of a control lasts this long after it bites. */
const BAN_LAG = 90;

/**
 * BB mines plenty and sells 80 t/day to AA (which makes none and keeps no cover, so its
 * physical signal is the share of its use it is served: 1 until the ban bites); BB uses 40 t/day.
 * Prices jump to their targets at each weekly step (adjustment 0), so they can be read exactly.
 */
function banWorld(announcedDay: number | undefined, response: Partial<CommodityResponse> = {}): SmallWorld {
  return {
    countries: ["AA", "BB"],
    commodities: ["x"],
    days: 420,
    qualificationLagDays: BAN_LAG,
    facilities: [{ id: "mine", country: "BB", capacityTonnesPerDay: 200, outputs: { x: 1 } }],
    markets: [
      { country: "AA", commodity: "x", demand: 80, coverDays: 0, imports: { BB: 1 } },
      { country: "BB", commodity: "x", demand: 40, coverDays: 30, inventory: 1200 },
    ],
    controls: [{ id: "ban", exporter: "BB", commodities: ["x"], measure: { kind: "ban" }, effectiveDay: EFFECTIVE, announcedDay }],
    response: { priceStepDays: 7, all: { adjustmentDays: 0, relaxationDays: 0, horizonDays: HORIZON, ...response } },
  };
}

describe("an announced control", () => {
  it("moves the importer's price before its effective date by the share of the horizon it will bite before buyers re-source: (1 - (min(t + horizon, effective + lag) - effective) / horizon)^-1", () => {
    const price = values(simulateWorld(buildWorld(banWorld(ANNOUNCED)), { seed: 1 }), "AA", "x", "price_index");
    for (let day = 0; day < ANNOUNCED; day++) expect(price[day]).toBe(1);
    // Steps fall on days that are multiples of 7; the price holds from one step to the next.
    for (let step = ANNOUNCED; step < EFFECTIVE; step += 7) {
      const inForce = (Math.min(step + HORIZON, EFFECTIVE + BAN_LAG) - EFFECTIVE) / HORIZON;
      const expected = inForce > 0 ? 1 / (1 - inForce) : 1;
      expect(price[step]).toBeCloseTo(expected, 9);
    }
    expect(price[EFFECTIVE - 1]).toBeGreaterThan(1.9);
  });

  it("with no announcement moves nothing before its effective date", () => {
    const price = values(simulateWorld(buildWorld(banWorld(undefined)), { seed: 1 }), "AA", "x", "price_index");
    for (let day = 0; day < EFFECTIVE; day++) expect(price[day]).toBe(1);
    expect(price[EFFECTIVE + 10]).toBeGreaterThan(1);
  });

  it("with a horizon of 0 days moves nothing before its effective date (expectations off)", () => {
    const price = values(simulateWorld(buildWorld(banWorld(ANNOUNCED, { horizonDays: 0 })), { seed: 1 }), "AA", "x", "price_index");
    for (let day = 0; day < EFFECTIVE; day++) expect(price[day]).toBe(1);
  });
});

describe("the controlling exporter", () => {
  it("follows its customers' price until its control is in force, then its own physical balance: no glut while it can store what it keeps", () => {
    const result = simulateWorld(buildWorld(banWorld(ANNOUNCED, { storageDays: Infinity })), { seed: 1 });
    const exporter = values(result, "BB", "x", "price_index");
    const importer = values(result, "AA", "x", "price_index");
    // Announced, not in force: not controlling, so tied to AA's price (a step behind).
    expect(exporter[EFFECTIVE - 1]).toBeGreaterThan(1.5);
    expect(exporter[EFFECTIVE - 1]).toBeCloseTo(importer[EFFECTIVE - 8], 9);
    // In force: its own balance. Its stock covers its own use, and what the ban keeps at home
    // is stored, not priced as a glut: the baseline price, while AA's doubles.
    expect(exporter[EFFECTIVE + 7]).toBe(1);
    expect(importer[EFFECTIVE + 7]).toBeGreaterThan(2);
  });

  it("falls below the baseline once its producers cut the output they cannot store (the physical glut)", () => {
    const exporter = values(simulateWorld(buildWorld(banWorld(ANNOUNCED, { storageDays: 30 })), { seed: 1 }), "BB", "x", "price_index");
    expect(Math.min(...exporter.subarray(EFFECTIVE))).toBeLessThan(0.9);
  });
});

describe("an expectation while buyers re-source", () => {
  const LAG = 120;
  /**
   * AA buys half from BB and half from CC, which has capacity for all of AA's use; BB's ban is
   * announced. AA keeps 60 days of cover, so its physical signal stays near 1 once CC fills the
   * gap: the price the ban is expected to cause is the expectation alone.
   */
  const twoSuppliers = (): SmallWorld => ({
    countries: ["AA", "BB", "CC"],
    commodities: ["x"],
    days: 700,
    qualificationLagDays: LAG,
    facilities: [
      { id: "mine-b", country: "BB", capacityTonnesPerDay: 100, outputs: { x: 1 } },
      { id: "mine-c", country: "CC", capacityTonnesPerDay: 200, outputs: { x: 1 } },
    ],
    markets: [
      { country: "AA", commodity: "x", demand: 80, coverDays: 60, imports: { BB: 0.5, CC: 0.5 } },
      { country: "BB", commodity: "x", demand: 40, coverDays: 30, inventory: 1200 },
      { country: "CC", commodity: "x", demand: 10, coverDays: 30, inventory: 300 },
    ],
    controls: [{ id: "ban", exporter: "BB", commodities: ["x"], measure: { kind: "ban" }, effectiveDay: EFFECTIVE, announcedDay: ANNOUNCED }],
    response: { priceStepDays: 7, all: { adjustmentDays: 0, relaxationDays: 0, horizonDays: HORIZON, storageDays: Infinity } },
  });

  it("prices the ban's share of supply until the qualification lag after it bites, then lets go: (1 - share x days of transition left in the horizon / horizon)^-1", () => {
    const price = values(simulateWorld(buildWorld(twoSuppliers()), { seed: 1 }), "AA", "x", "price_index");
    // At the effective date the whole horizon lies within the transition: half the supply cut.
    const firstStep = Math.ceil(EFFECTIVE / 7) * 7;
    expect(price[firstStep]).toBeGreaterThanOrEqual(2 - 1e-9);
    // Late in the transition only its rest counts (the physical signal is at most that here).
    const late = firstStep + 7 * Math.floor((LAG - HORIZON / 2 - (firstStep - EFFECTIVE)) / 7);
    const left = (EFFECTIVE + LAG - late) / HORIZON;
    expect(price[late]).toBeGreaterThanOrEqual(1 / (1 - 0.5 * left) - 1e-9);
    // Past the transition the expectation is gone: CC has covered, the price is back at the baseline.
    const after = EFFECTIVE + LAG + 60;
    expect(price[after]).toBeCloseTo(1, 9);
  });
});

describe("the price cap", () => {
  /** One country whose mine makes 20 t/day against a demand of 100 t/day that does not bend. */
  const island = (maxPrice: number): SmallWorld => ({
    countries: ["AA"],
    commodities: ["x"],
    days: 900,
    facilities: [{ id: "mine", country: "AA", capacityTonnesPerDay: 20, outputs: { x: 1 } }],
    markets: [{ country: "AA", commodity: "x", demand: 100, coverDays: 30, inventory: 3000 }],
    response: { priceStepDays: 7, all: { maxPrice } },
  });

  it("lets a commodity's price pass 10 where its cap allows, and never past the cap", () => {
    const high = values(simulateWorld(buildWorld(island(30)), { seed: 1 }), "AA", "x", "price_index");
    expect(Math.max(...high)).toBeGreaterThan(10);
    expect(Math.max(...high)).toBeLessThanOrEqual(30);
    const capped = values(simulateWorld(buildWorld(island(10)), { seed: 1 }), "AA", "x", "price_index");
    expect(Math.max(...capped)).toBeLessThanOrEqual(10);
  });
});
