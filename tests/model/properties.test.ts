/**
 * Invariants on random small worlds: tonnes are conserved on every row, no level or flow is
 * ever negative, the same seed gives the same numbers, and a larger reserve never leaves its
 * holder with more unmet demand.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulateWorld, TIMELINE_COLUMNS, type TimelineResult } from "../../src/model/index.js";
import { randomWorld } from "./random-world.js";
import { buildWorld, type SmallWorld } from "./small-world.js";

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) };

function run(world: SmallWorld, seed: number): TimelineResult {
  return simulateWorld(buildWorld(world), { seed });
}

/** Throws unless every row of every series conserves tonnes and nothing is negative. */
function expectConserved(timeline: TimelineResult["timeline"]): void {
  for (const s of timeline.reportedSeries) {
    const v = (column: (typeof TIMELINE_COLUMNS)[number], day: number) => timeline.value(column, day, s);
    for (let day = 0; day < timeline.dayCount; day++) {
      for (const column of TIMELINE_COLUMNS) {
        const value = v(column, day);
        if (!(value >= 0)) throw new Error(`${column} on day ${day} of ${JSON.stringify(timeline.series[s])} is ${value}`);
      }
      const demand = v("demand_t", day);
      // Demand before any response is consumed, unmet, or given up in answer to price.
      expect(Math.abs(demand - v("consumed_t", day) - v("shortfall_t", day) - v("given_up_t", day))).toBeLessThanOrEqual(1e-9 * (1 + demand));
      if (day === 0) continue;
      const change = v("inventory_t", day) + v("stockpile_t", day) - v("inventory_t", day - 1) - v("stockpile_t", day - 1);
      const flows = v("production_t", day) + v("imports_t", day) - v("exports_t", day) - v("consumed_t", day) - v("input_use_t", day);
      const scale = 1 + v("inventory_t", day) + v("stockpile_t", day) + v("production_t", day) + v("imports_t", day) + v("exports_t", day);
      if (Math.abs(change - flows) > 1e-7 * scale) {
        throw new Error(`day ${day} of ${JSON.stringify(timeline.series[s])}: stock changed by ${change}, flows say ${flows}`);
      }
    }
  }
}

describe("on random worlds", () => {
  it("conserves tonnes on every row and never goes negative", () => {
    fc.assert(
      fc.property(randomWorld(), fc.integer({ min: 0, max: 1000 }), (world, seed) => expectConserved(run(world, seed).timeline)),
      RUNS,
    );
  });

  it("conserves tonnes when a stock runs dry at a high rate within a whisker of a day's start (a shrunk counterexample)", () => {
    // A plant draws 18.6 t/day from 0.00027 t of ore: the stock runs out 1.45e-5 days into day
    // 11. The dry-out was once allowed to fire up to a rounding tolerance late, so the plant
    // drew 1.5e-7 t the stock did not hold.
    const world = JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures/worlds/dry-out-at-full-rate.json"), "utf8")) as SmallWorld;
    expectConserved(run(world, 0).timeline);
  });

  it("ends when markets that feed one another run out within rounding of each other (a fast-check counterexample that once never ended)", () => {
    // Three tiny stocks, drained by plants that also feed them: each running out re-solved the
    // others, whose dry-out moved 3e-8 days later, and so on without end.
    const { world, seed } = JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures/worlds/drain-cascade.json"), "utf8")) as { world: SmallWorld; seed: number };
    expectConserved(run(world, seed).timeline);
  });

  it("never releases a negative rate when two reserves serve one short market (a fast-check counterexample)", () => {
    // The first reserve covered the deficit up to rounding, leaving -2.6e-18 t/day for the second.
    const { world, seed } = JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures/worlds/two-reserves-one-deficit.json"), "utf8")) as { world: SmallWorld; seed: number };
    expectConserved(run(world, seed).timeline);
  });

  it("a larger reserve never leaves its holder more unmet demand when suppliers cut output at a storage limit (a fast-check counterexample)", () => {
    // With a 10-day storage limit, AA's 20 t reserve once left it 93.5 t unmet against 92.5 t
    // without one. Its suppliers cut output to what they shipped, which their stock capped
    // (AA ordered 116 t and got 11), so they cut to nothing once their stock passed the limit,
    // a day apart in the two runs as rounding fell. They now cut to what their buyers order of
    // them over ordering rounds: AA's orders outrun their output, so neither run cuts.
    const { world, seed } = JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures/worlds/reserve-throttles-suppliers.json"), "utf8")) as { world: SmallWorld; seed: number };
    const unmet = (factor: number) =>
      run({ ...world, stockpiles: (world.stockpiles ?? []).map((s, i) => (i === 0 ? { ...s, tonnes: s.tonnes * factor } : s)) }, seed)
        .kpis.filter((k) => k.country === "AA")
        .reduce((sum, k) => sum + k.unmetTonnes, 0);
    expect(unmet(1)).toBeLessThanOrEqual(unmet(0) + 1e-6);
    // 75.333 t until importers re-planned at a control's dates (issue 17): the rounds fall elsewhere.
    expect(unmet(0)).toBeCloseTo(85.455, 3);
  });

  it("counts a reserve drawn during the warm-up out of the monotone check (a fast-check counterexample)", () => {
    // AA's 20 t reserve goes during the 40-day warm-up; AA's smaller orders then led BB's mine to
    // cut output at its 2-day storage limit, and the cut was still easing when the window opened:
    // 35.207 t unmet against 35.008 t without the reserve, the reserve's 20 t of good unreported.
    const { world, seed } = JSON.parse(readFileSync(path.join(import.meta.dirname, "../fixtures/worlds/reserve-drawn-in-warm-up.json"), "utf8")) as { world: SmallWorld; seed: number };
    const at = (factor: number) => run({ ...world, stockpiles: (world.stockpiles ?? []).map((s, i) => (i === 0 ? { ...s, tonnes: s.tonnes * factor } : s)) }, seed);
    const [without, withReserve] = [at(0), at(1)];
    const aa = without.timeline.series.findIndex((x) => x.country === "AA");
    expect(withReserve.timeline.value("stockpile_t", 0, aa)).toBe(without.timeline.value("stockpile_t", 0, aa));
    const unmet = (r: TimelineResult) => r.kpis.filter((k) => k.country === "AA").reduce((sum, k) => sum + k.unmetTonnes, 0);
    expect(unmet(withReserve) - unmet(without)).toBeCloseTo(0.199, 3);
    expect(() => expectMonotoneReserve(world, seed, 1)).toThrow(fc.PreconditionFailure);
  });

  it("gives identical numbers for the same seed", () => {
    fc.assert(
      fc.property(randomWorld(), fc.integer({ min: 0, max: 1000 }), (world, seed) => {
        const a = run(world, seed);
        const b = run(world, seed);
        expect(a.timeline.reportedSeries).toEqual(b.timeline.reportedSeries);
        for (const column of TIMELINE_COLUMNS) expect(a.timeline.columns[column]).toEqual(b.timeline.columns[column]);
        expect(a.kpis).toEqual(b.kpis);
        expect(a.events).toEqual(b.events);
      }),
      { numRuns: 50 },
    );
  });

  it("never leaves a country more unmet demand when its reserve is larger (same seed)", () => {
    fc.assert(
      fc.property(randomWorld({ singleStage: true, noStockpileEvents: true, stressedHolder: true }), fc.integer({ min: 0, max: 1000 }), fc.double({ min: 1, max: 5, noNaN: true }), (world, seed, scale) =>
        expectMonotoneReserve(world, seed, scale),
      ),
      RUNS,
    );
  });

  it("never leaves a country more unmet demand when its reserve is larger, with suppliers that cut output at a storage limit", () => {
    fc.assert(
      fc.property(
        randomWorld({ singleStage: true, noStockpileEvents: true, stressedHolder: true }),
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 1, max: 5, noNaN: true }),
        fc.double({ min: 2, max: 60, noNaN: true }),
        (world, seed, scale, storageDays) => {
          fc.pre(world.response !== undefined);
          const response = world.response as NonNullable<SmallWorld["response"]>;
          expectMonotoneReserve({ ...world, response: { ...response, all: { ...response.all, storageDays } } }, seed, scale);
        },
      ),
      RUNS,
    );
  });
});

/**
 * Throws unless the holder of `world`'s first reserve is left no more unmet demand with the
 * reserve at `scale` times its size than at its size, nor at its size than without it.
 */
function expectMonotoneReserve(world: SmallWorld, seed: number, scale: number): void {
  // Without refills: a reserve that buys back competes for suppliers' spare stock with later
  // rounds' orders (by design: it buys at ordinary transit times), so only releases are held to this.
  const reserves = (world.stockpiles ?? []).map((s) => ({ ...s, refill: 0 }));
  fc.pre(reserves.length > 0);
  // Without capacity that a price signal builds: a reserve that holds the price down can delay an
  // expansion or an investment that would have served the holder later (a real effect of
  // reserves, not a defect), so only the releases themselves are held to this.
  if (world.response !== undefined) world = { ...world, response: { ...world.response, all: { ...world.response.all, investmentShare: 0, expansionPerYear: 0 } } };
  const holder = reserves[0].country;
  const unmet = (factor: number) => {
    const scaled = { ...world, stockpiles: reserves.map((s, i) => (i === 0 ? { ...s, tonnes: s.tonnes * factor } : s)) };
    const result = run(scaled, seed);
    // Only reserves still whole when the reported window opens: one drawn during the warm-up
    // does its good there, unreported, while the cuts its holder's smaller orders led suppliers
    // to make at a storage limit reach into the window (a real effect of destocking, seen by
    // fast-check: AA's 20 t, all released before day 0, left it 35.207 t unmet against 35.008 t).
    const held = heldOnDayZero(result);
    if (factor === 0) baseHeld = held;
    else fc.pre(held - baseHeld >= reserves[0].tonnes * factor * (1 - 1e-9) - 1e-9);
    return result.kpis.filter((k) => k.country === holder).reduce((sum, k) => sum + k.unmetTonnes, 0);
  };
  const heldOnDayZero = (result: TimelineResult) => {
    const { timeline } = result;
    const s = timeline.series.findIndex((x) => x.country === holder && x.commodity === reserves[0].commodity);
    return s < 0 || timeline.dayCount === 0 ? 0 : timeline.value("stockpile_t", 0, s);
  };
  let baseHeld = 0;
  const none = unmet(0);
  fc.pre(none > 0); // only worlds where the holder runs short say anything
  const some = unmet(1);
  const more = unmet(scale);
  expect(some).toBeLessThanOrEqual(none + 1e-6 * (1 + none));
  expect(more).toBeLessThanOrEqual(some + 1e-6 * (1 + some));
}
