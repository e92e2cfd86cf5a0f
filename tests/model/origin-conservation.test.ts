/**
 * Origin is a conserved quantity: what departing shipments take of each origin (a controlling
 * exporter's, or all other) never exceeds what their supplier's stock holds of it, so no tonne of
 * an origin is created or lost on the way (issue 17). Before, several orders refused an origin
 * could together ship more "other origin" than the stock held, and the clamped share deleted
 * controlled tonnes: a re-export rule leaked.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../src/engine/index.js";
import { World } from "../../src/model/world.js";
import { randomWorld } from "./random-world.js";
import { buildWorld, type SmallWorld } from "./small-world.js";

/** Origin tonnes shipments asked beyond their stocks, over a run of `world`. */
function imbalance(world: SmallWorld, seed: number): { imbalance: number; shipped: number } {
  const run = new World(buildWorld(world), new RandomStreams(seed, 0), {});
  const record = run.run();
  return { imbalance: run.originImbalanceTonnes(), shipped: record.trade.reduce((sum, f) => sum + f.tonnes, 0) };
}

/**
 * BB's stock-poor customers CC and DD both sell to AA, whom BB's rule forbids its origin, and to
 * EE, whom it does not: most of their stock is BB's, so AA's orders alone ask more of their
 * other origin than they hold.
 */
const crowded = (ccMine: number): SmallWorld => ({
  countries: ["AA", "BB", "CC", "EE"],
  commodities: ["x"],
  days: 300,
  warmUpDays: 60,
  transitDays: 7,
  orderIntervalDays: 15,
  facilities: [
    { id: "bb-mine", country: "BB", capacityTonnesPerDay: 100, outputs: { x: 1 } },
    { id: "cc-mine", country: "CC", capacityTonnesPerDay: ccMine, outputs: { x: 1 } },
  ],
  markets: [
    { country: "AA", commodity: "x", demand: 30, coverDays: 30, imports: { CC: 1 } },
    { country: "CC", commodity: "x", demand: 5, coverDays: 20, imports: { BB: 1 } },
    { country: "EE", commodity: "x", demand: 10, coverDays: 20, imports: { CC: 1 } },
  ],
  controls: [{ id: "ban", exporter: "BB", commodities: ["x"], destinations: { mode: "only", countries: ["AA"] }, measure: { kind: "ban" }, effectiveDay: 0 }],
});

describe("origin conservation", () => {
  it("ships no more of a third country's other origin than its stock holds, though orders refused the controlled origin ask for it", () => {
    const { imbalance: lost, shipped } = imbalance(crowded(2), 1);
    expect(shipped).toBeGreaterThan(1000);
    expect(lost).toBeLessThanOrEqual(1e-6 * shipped);
  });

  it("holds in random worlds with every kind of control and re-export rule (fast-check)", () => {
    const rules = fc.array(fc.constantFrom<"covered" | "none" | { only: string[] }>("covered", "none", { only: ["AA"] }, { only: ["BB", "CC"] }), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(randomWorld(), rules, fc.integer({ min: 0, max: 1000 }), (world, rule, seed) => {
        const countries = world.countries;
        const controls = (world.controls ?? []).map((c, i) => {
          const r = rule[i];
          return { ...c, reExport: typeof r === "string" ? r : { only: r.only.filter((x) => countries.includes(x)) } };
        }).map((c) => (typeof c.reExport !== "string" && c.reExport.only.length === 0 ? { ...c, reExport: "covered" as const } : c));
        const { imbalance: lost, shipped } = imbalance({ ...world, controls }, seed);
        expect(lost).toBeLessThanOrEqual(1e-6 * (1 + shipped));
      }),
      { numRuns: 80 },
    );
  });
});
