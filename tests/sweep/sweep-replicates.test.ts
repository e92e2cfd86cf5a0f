/**
 * A sweep's replicates on the library level: sampled inputs follow their distributions, a
 * Latin hypercube puts exactly one replicate in each stratum of each input, a replicate is a
 * pure function of (scenario, seed, replicate), and a shard split or reordering of outcomes
 * never changes the statistics (the tally refuses anything but replicate order).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bounds, quantile } from "../../src/engine/index.js";
import { loadScenario, memoryFileSource } from "../../src/index.js";
import { drawWorld, planSweep, ReplicateRunner, replicatesOf, SweepError, SweepTally } from "../../src/sweep/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");

describe("uncertain inputs in a sweep", () => {
  const scenario = loadScenario(TINY);

  it("lists every distribution in the file by its path, with occurrences of uncertain events", () => {
    expect(scenario.inputs.map((i) => i.name)).toEqual([
      "controls.licence.approval",
      "controls.licence.effective",
      "facilities.mine.capacity",
      "markets.AA.metal.demand",
      "stockpiles.reserve.level",
    ]);
  });

  it("draws Monte Carlo values that reproduce each input's distribution", () => {
    const runs = 2000;
    for (const input of scenario.inputs) {
      const values: number[] = [];
      for (let r = 0; r < runs; r++) {
        const drawn = drawWorld(scenario, { seed: 11, replicate: r });
        if (!drawn.ok) throw new Error("draw failed");
        values.push(drawn.values.find((v) => v.name === input.name)?.value as number);
      }
      const { min, max } = bounds(input.distribution);
      for (const v of values) {
        expect(v).toBeGreaterThanOrEqual(min);
        expect(v).toBeLessThanOrEqual(max);
      }
      // Empirical quantiles sit where the distribution puts them (a share of 0.03 either way).
      values.sort((a, b) => a - b);
      for (const p of [0.1, 0.5, 0.9]) {
        const share = values.filter((v) => v <= quantile(input.distribution, p)).length / runs;
        expect(Math.abs(share - p), `${input.name} at ${p}`).toBeLessThan(0.03);
      }
    }
  });

  it("puts exactly one Latin-hypercube replicate in each stratum of each input", () => {
    for (const runs of [1, 7, 50]) {
      for (const input of scenario.inputs) {
        const strata = new Set<number>();
        for (let r = 0; r < runs; r++) {
          const drawn = drawWorld(scenario, { seed: 3, replicate: r, design: "lhs", runs });
          if (!drawn.ok) throw new Error("draw failed");
          const value = drawn.values.find((v) => v.name === input.name)?.value as number;
          // The stratum of a value is where its CDF falls: find it by bisection on the quantile function.
          let low = 0;
          let high = 1;
          for (let i = 0; i < 60; i++) {
            const mid = (low + high) / 2;
            if (quantile(input.distribution, mid) < value) low = mid;
            else high = mid;
          }
          strata.add(Math.min(runs - 1, Math.floor(((low + high) / 2) * runs)));
        }
        expect(strata.size, `${input.name}, ${runs} runs`).toBe(runs);
      }
    }
  });

  it("gives the same outcome for the same replicate, and another for the next", () => {
    const plan = planSweep([scenario], { seed: 5, design: "mc", runs: 10, batch: 5, until: null, bandDays: 7 });
    const runner = new ReplicateRunner([scenario], plan);
    const a = runner.run(3);
    const b = new ReplicateRunner([loadScenario(TINY)], plan).run(3);
    expect(a).toEqual(b);
    expect(runner.run(4).alternatives[0].inputs).not.toEqual(a.alternatives[0].inputs);
  });

  it("gives the same statistics whatever the shard split, and refuses outcomes out of order", () => {
    const plan = planSweep([scenario], { seed: 9, design: "mc", runs: 12, batch: 4, until: null, bandDays: 30 });
    const runner = new ReplicateRunner([scenario], plan);
    const outcomes = Array.from({ length: 12 }, (_, r) => runner.run(r));
    const whole = new SweepTally(plan);
    for (const o of outcomes) whole.add(o);
    const expected = whole.finish();
    for (const count of [2, 3, 5, 8]) {
      // Each shard's replicates, computed apart, then taken in replicate order.
      const byShard = Array.from({ length: count }, (_, index) => [...replicatesOf({ index, count }, plan.runs)].map((r) => new ReplicateRunner([scenario], plan).run(r)));
      const tally = new SweepTally(plan);
      for (let r = 0; r < plan.runs; r++) tally.add(byShard[r % count].shift() as (typeof outcomes)[number]);
      expect(tally.finish()).toEqual(expected);
    }
    const tally = new SweepTally(plan);
    tally.add(outcomes[0]);
    expect(() => tally.add(outcomes[2])).toThrow(SweepError);
    expect(() => tally.add(outcomes[0])).toThrow(/appears twice/);
  });

  it("refuses to finish with replicates missing", () => {
    const plan = planSweep([scenario], { seed: 9, design: "mc", runs: 3, batch: 1, until: null, bandDays: 30 });
    const tally = new SweepTally(plan);
    tally.add(new ReplicateRunner([scenario], plan).run(0));
    expect(() => tally.finish()).toThrow("replicates 1 to 2 are missing (2 of 3)");
  });

  it("draws an invalid world as a located error naming the seed and replicate", () => {
    const source = memoryFileSource({
      "s.yaml": "start: 2025-01-01\nend: 2025-12-31\ncommodities: { x: {} }\ncountries: { AA: {} }\nstockpiles:\n  r: { country: AA, commodity: x, level: { uniform: [10 t, 20 t] }, floor: 15 t }\n",
    });
    const risky = loadScenario("s.yaml", { source });
    const failures = Array.from({ length: 40 }, (_, r) => drawWorld(risky, { seed: 1, replicate: r })).filter((d) => !d.ok);
    expect(failures.length).toBeGreaterThan(5);
    const first = failures[0];
    expect(!first.ok && first.issues[0].message).toMatch(/^floor \(15\.0 t\) must not exceed the level/);
  });
});
