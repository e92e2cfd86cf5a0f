/**
 * Common random numbers: every alternative of a compare runs on each replicate's random world.
 * An alternative identical to the base differs by exactly zero on every replicate; one that
 * only changes a reserve meets the same inputs, event dates, outages and licence luck.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, simulate } from "../../src/index.js";
import { planSweep, ReplicateRunner, SweepTally } from "../../src/sweep/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");

describe("common random numbers", () => {
  it("an alternative identical to the base differs by exactly zero on every replicate", () => {
    const base = loadScenario(TINY);
    const same = loadScenario(TINY, { sets: ["name=same"] });
    const plan = planSweep([base, same], { seed: 2, design: "mc", runs: 25, batch: 5, until: null, bandDays: 30 });
    const runner = new ReplicateRunner([base, same], plan);
    const tally = new SweepTally(plan);
    for (let r = 0; r < plan.runs; r++) {
      const outcome = runner.run(r);
      expect(outcome.alternatives[1].kpis).toEqual(outcome.alternatives[0].kpis);
      expect(outcome.alternatives[1].inputs).toEqual(outcome.alternatives[0].inputs);
      tally.add(outcome);
    }
    const { differences } = tally.finish();
    expect(differences.length).toBeGreaterThan(0);
    for (const d of differences) {
      expect(d.diffMean).toBe(0);
      expect(d.diffCiLow).toBe(0);
      expect(d.diffCiHigh).toBe(0);
      expect(d.pBetter).toBe(0);
      expect(d.pWorse).toBe(0);
    }
  });

  it("an alternative that only changes a reserve meets the same world", () => {
    const base = loadScenario(TINY);
    const policy = loadScenario(TINY, { sets: ["name=small-release", "stockpiles.reserve.maxRelease=10 t/yr"] });
    let differed = 0;
    for (let replicate = 0; replicate < 8; replicate++) {
      const a = simulate(base, { seed: 4, replicate });
      const b = simulate(policy, { seed: 4, replicate });
      // The same draws of every uncertain input and event.
      expect(b.inputs).toEqual(a.inputs);
      expect(b.events).toEqual(a.events);
      // The same outages: the mine's output (it has no inputs) day by day.
      const mine = (run: typeof a) => run.timeline.seriesValues("production_t", run.timeline.series.findIndex((s) => s.country === "BB" && s.commodity === "ore"));
      expect(mine(b)).toEqual(mine(a));
      // The same licence luck: ore orders do not depend on the metal reserve, so licensed ore flows are the same.
      expect(b.trade.filter((f) => f.commodity === "ore")).toEqual(a.trade.filter((f) => f.commodity === "ore"));
      if (JSON.stringify(a.kpis) !== JSON.stringify(b.kpis)) differed++;
    }
    // The policy does change something (the test would mean nothing otherwise).
    expect(differed).toBeGreaterThan(0);
  });
});
