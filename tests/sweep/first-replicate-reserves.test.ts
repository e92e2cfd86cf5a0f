/**
 * Why a policy cannot act, in a compare's outputs: each alternative's reserves in replicate 0
 * (what each released and, for one that released nothing, why) are part of the sweep plan, so
 * summary.json and the report carry them, exactly as `run --replicate 0` reports them.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, simulate } from "../../src/index.js";
import { renderSweepReport, renderSweepSummaryJson } from "../../src/report/index.js";
import { planSweep, ReplicateRunner, ReplicateSample, SweepTally } from "../../src/sweep/index.js";

const TINY = path.resolve(import.meta.dirname, "../fixtures/sweep/tiny.yaml");
const REQUEST = { seed: 3, design: "mc" as const, runs: 4, batch: 4, until: null, bandDays: 7 };

describe("a compare's account of reserves that did nothing", () => {
  const base = loadScenario(TINY);
  const empty = loadScenario(TINY, { sets: ["name=empty-reserve", "stockpiles.reserve.level=0 days"] });
  const plan = planSweep([base, empty], REQUEST);

  it("is replicate 0's reserves of each alternative, as a run of that replicate reports them", () => {
    for (const [i, scenario] of [base, empty].entries()) {
      const run = simulate(scenario, { seed: REQUEST.seed, replicate: 0, design: "mc", runs: REQUEST.runs });
      expect(plan.alternativesAbout[i].reserves).toEqual(run.summary.reserves);
    }
    expect(plan.alternativesAbout[1].reserves).toEqual([{ id: "reserve", country: "AA", commodity: "metal", releasedTonnes: 0, firstRelease: null, whyNot: "it was empty (at its floor)" }]);
  });

  it("is a compare's only: a plain sweep does not run replicate 0 on the main thread for it", () => {
    expect(planSweep([base], REQUEST).alternativesAbout[0].reserves).toEqual([]);
  });

  it("is in summary.json per alternative and in the report's ranking section, by reason", async () => {
    const runner = new ReplicateRunner([base, empty], plan);
    const tally = new SweepTally(plan);
    const kept = new ReplicateSample(plan);
    for (let r = 0; r < plan.runs; r++) {
      const outcome = runner.run(r);
      tally.add(outcome);
      kept.add(outcome);
    }
    const statistics = tally.finish();
    const summary = JSON.parse(renderSweepSummaryJson(plan, statistics));
    expect(summary.alternatives.map((a: { name: string }) => a.name)).toEqual(["tiny", "empty-reserve"]);
    expect(summary.alternatives[1].firstReplicateReserves).toEqual(plan.alternativesAbout[1].reserves);
    expect(summary.alternatives[0].firstReplicateReserves).toEqual(plan.alternativesAbout[0].reserves);
    const report = await renderSweepReport({ plan, statistics, sample: kept.finish(), sensitivity: undefined });
    const ranking = report.slice(report.indexOf('<section id="ranking">'));
    expect(ranking).toContain("Reserves that released nothing in replicate 0, and why");
    expect(ranking).toMatch(/<ul class="idle-reserves"><li><strong>empty-reserve<\/strong>: it was empty \(at its floor\): reserve<\/li>/);
  });
});
