/**
 * Analytic cases with known answers: a supply cut, a stockpile that covers it, a licence that
 * delays every shipment. The world is one importer (AA) and one producer (BB).
 */
import { describe, expect, it } from "vitest";
import { isoFromEpochDay, simulateWorld, type TimelineResult, type TimelineColumn } from "../../src/model/index.js";
import { buildWorld, START, type SmallWorld } from "./small-world.js";

const DEMAND = 7; // t/day, so that run-out times fall inside days

function oneRoute(extra: Partial<SmallWorld> = {}, market: Partial<NonNullable<SmallWorld["markets"]>[number]> = {}): SmallWorld {
  return {
    countries: ["AA", "BB"],
    commodities: ["x"],
    days: 400,
    transitDays: 20,
    orderIntervalDays: 30,
    facilities: [{ id: "mine", country: "BB", capacityTonnesPerDay: 100, outputs: { x: 1 } }],
    markets: [{ country: "AA", commodity: "x", demand: DEMAND, coverDays: 30, imports: { BB: 1 }, ...market }],
    ...extra,
  };
}

function series(result: TimelineResult, country: string, column: TimelineColumn): Float64Array {
  const s = result.timeline.series.findIndex((x) => x.country === country && x.commodity === "x");
  return result.timeline.seriesValues(column, s);
}

/** Checks that shortfall begins exactly at time `t` (days) and is total afterwards. */
function expectShortfallFrom(result: TimelineResult, t: number, until = result.timeline.dayCount): void {
  const shortfall = series(result, "AA", "shortfall_t");
  const day = Math.floor(t);
  for (let d = 0; d < day; d++) expect(shortfall[d]).toBe(0);
  expect(shortfall[day]).toBeCloseTo(DEMAND * (day + 1 - t), 9);
  for (let d = day + 1; d < until; d++) expect(shortfall[d]).toBeCloseTo(DEMAND, 9);
  const kpi = result.kpis.find((k) => k.country === "AA");
  expect(kpi?.firstShortfallDate).toBe(isoFromEpochDay(START + day));
}

const ban = (effectiveDay: number): SmallWorld["controls"] => [
  { id: "ban", exporter: "BB", commodities: ["x"], measure: { kind: "ban" }, effectiveDay },
];

describe("a supply cut", () => {
  it("with stock S and demand d, shortfall starts exactly at S/d", () => {
    const stock = 1000;
    const result = simulateWorld(buildWorld(oneRoute({ controls: ban(0) }, { inventory: stock })), { seed: 1 });
    expectShortfallFrom(result, stock / DEMAND);
  });

  it("at day t0, shortfall starts at t0 + (stock + in transit) / d", () => {
    const t0 = 100;
    const result = simulateWorld(buildWorld(oneRoute({ controls: ban(t0) })), { seed: 1 });
    const inventory = series(result, "AA", "inventory_t");
    const shipped = series(result, "BB", "exports_t").slice(0, t0).reduce((a, b) => a + b, 0);
    const received = series(result, "AA", "imports_t").slice(0, t0).reduce((a, b) => a + b, 0);
    const inTransit = shipped - received;
    expect(inTransit).toBeGreaterThan(0); // the case is only interesting with cargo at sea
    expectShortfallFrom(result, t0 + (inventory[t0 - 1] + inTransit) / DEMAND);
  });
});

describe("a stockpile", () => {
  const stock = 1000;
  const reserve = 350;

  it("released at a rate r >= d delays the shortfall by K/d", () => {
    const world = oneRoute(
      { controls: ban(0), stockpiles: [{ id: "reserve", country: "AA", commodity: "x", tonnes: reserve, maxRelease: 50 }] },
      { inventory: stock },
    );
    const result = simulateWorld(buildWorld(world), { seed: 1 });
    expectShortfallFrom(result, (stock + reserve) / DEMAND);
    const kpi = result.kpis.find((k) => k.country === "AA");
    expect(kpi?.stockpileEmptyDate).toBe(isoFromEpochDay(START + Math.floor((stock + reserve) / DEMAND)));
  });

  it("released at a rate r < d covers r of the demand from S/d until K/r later, then runs dry", () => {
    const rate = 3;
    const world = oneRoute(
      { controls: ban(0), stockpiles: [{ id: "reserve", country: "AA", commodity: "x", tonnes: reserve, maxRelease: rate }] },
      { inventory: stock },
    );
    const result = simulateWorld(buildWorld(world), { seed: 1 });
    const dry = stock / DEMAND;
    const empty = dry + reserve / rate;
    const shortfall = series(result, "AA", "shortfall_t");
    const middle = Math.ceil(dry) + 1;
    expect(shortfall[middle]).toBeCloseTo(DEMAND - rate, 9);
    expect(shortfall[Math.ceil(empty) + 1]).toBeCloseTo(DEMAND, 9);
    const withReserve = result.kpis.find((k) => k.country === "AA")!;
    const without = simulateWorld(buildWorld(oneRoute({ controls: ban(0) }, { inventory: stock })), { seed: 1 }).kpis.find((k) => k.country === "AA")!;
    expect(without.unmetTonnes - withReserve.unmetTonnes).toBeCloseTo(reserve, 6);
    expect(withReserve.firstShortfallDate).toBe(without.firstShortfallDate);
    expect(withReserve.stockpileEmptyDate).toBe(isoFromEpochDay(START + Math.floor(empty)));
  });
});

describe("a licence", () => {
  it("with processing time L and approval 1 delays every shipment by exactly L", () => {
    const L = 13;
    const licensed = oneRoute({
      controls: [
        { id: "licence", exporter: "BB", commodities: ["x"], measure: { kind: "licensing", approval: 1, processingDays: { kind: "fixed", value: L } }, effectiveDay: 0 },
      ],
    });
    const free = simulateWorld(buildWorld(oneRoute()), { seed: 1 });
    const held = simulateWorld(buildWorld(licensed), { seed: 1 });
    const daysWith = (values: Float64Array) => [...values.keys()].filter((d) => values[d] > 0);
    const rounds = daysWith(series(free, "BB", "exports_t"));
    expect(rounds.every((d) => d % 30 === 0)).toBe(true);
    // Every export now leaves L days after its ordering round, and lands transit days later.
    const heldExports = daysWith(series(held, "BB", "exports_t"));
    expect(heldExports.length).toBeGreaterThan(3);
    expect(heldExports.every((d) => (d - L) % 30 === 0)).toBe(true);
    const heldImports = daysWith(series(held, "AA", "imports_t"));
    expect(heldImports).toEqual(heldExports.map((d) => d + 20).filter((d) => d < 400));
    expect(daysWith(series(free, "AA", "imports_t"))).toEqual(rounds.map((d) => d + 20).filter((d) => d < 400));
  });

  it("with approval 0 never lets anything through", () => {
    const denied = oneRoute({
      controls: [
        { id: "licence", exporter: "BB", commodities: ["x"], measure: { kind: "licensing", approval: 0, processingDays: { kind: "fixed", value: 10 } }, effectiveDay: 0 },
      ],
    });
    const result = simulateWorld(buildWorld(denied), { seed: 1 });
    expect(series(result, "AA", "imports_t").every((v) => v === 0)).toBe(true);
  });
});

describe("a facility", () => {
  it("turns inputs into co-products at fixed ratios and stops when an input runs dry", () => {
    const world: SmallWorld = {
      countries: ["AA"],
      commodities: ["ore", "a", "b"],
      days: 100,
      facilities: [
        { id: "mine", country: "AA", capacityTonnesPerDay: 10, outputs: { ore: 1 }, onlineDay: -10 },
        { id: "plant", country: "AA", capacityTonnesPerDay: 20, inputs: { ore: 1 }, outputs: { a: 0.25, b: 0.05 } },
      ],
      markets: [
        { country: "AA", commodity: "ore", inventory: 100 },
        { country: "AA", commodity: "a", demand: 1 },
        { country: "AA", commodity: "b", demand: 1 },
      ],
    };
    const result = simulateWorld(buildWorld(world), { seed: 1 });
    const col = (commodity: string, column: TimelineColumn) =>
      result.timeline.seriesValues(column, result.timeline.series.findIndex((s) => s.commodity === commodity));
    // The plant draws 20 t/day of ore against 10 t/day mined: 100 t of stock lasts 10 days.
    expect(col("ore", "input_use_t")[0]).toBeCloseTo(20, 9);
    expect(col("a", "production_t")[0]).toBeCloseTo(5, 9);
    expect(col("b", "production_t")[0]).toBeCloseTo(1, 9);
    expect(col("ore", "input_use_t")[20]).toBeCloseTo(10, 9);
    expect(col("a", "production_t")[20]).toBeCloseTo(2.5, 9);
    expect(col("b", "production_t")[20]).toBeCloseTo(0.5, 9);
    // b is now made at half its demand: exactly half of it goes unmet.
    expect(col("b", "shortfall_t")[30]).toBeCloseTo(0.5, 9);
  });
});

describe("extraterritorial reach", () => {
  // CN sells oxide to JP, JP makes magnets, US buys JP magnets. CN bans magnets to the US.
  const chain = (extraterritorialInputs: string[] | undefined): SmallWorld => ({
    countries: ["CN", "JP", "US"],
    commodities: ["oxide", "magnet"],
    days: 300,
    facilities: [
      { id: "cn-oxide", country: "CN", capacityTonnesPerDay: 50, outputs: { oxide: 1 } },
      { id: "jp-magnets", country: "JP", capacityTonnesPerDay: 20, inputs: { oxide: 0.3 }, outputs: { magnet: 1 } },
    ],
    markets: [
      { country: "JP", commodity: "oxide", imports: { CN: 1 } },
      { country: "JP", commodity: "magnet", demand: 5 },
      { country: "US", commodity: "magnet", demand: 10, imports: { JP: 1 } },
    ],
    controls: [
      {
        id: "magnet-ban",
        exporter: "CN",
        commodities: ["magnet"],
        destinations: { mode: "only", countries: ["US"] },
        measure: { kind: "ban" },
        effectiveDay: 0,
        extraterritorialInputs,
      },
    ],
  });
  const usImports = (world: SmallWorld) => {
    const result = simulateWorld(buildWorld(world), { seed: 1 });
    return result.trade.filter((f) => f.importer === "US").reduce((sum, f) => sum + f.tonnes, 0);
  };

  it("does not touch third countries without it", () => {
    expect(usImports(chain(undefined))).toBeGreaterThan(1000);
  });

  it("stops a third country's exports made from the exporter's inputs", () => {
    expect(usImports(chain(["oxide"]))).toBe(0);
  });
});
