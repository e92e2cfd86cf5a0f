/**
 * ReplicateRunner: runs one replicate of a sweep plan, every alternative on the same random
 * world (the same seed and replicate number, so the same streams: inputs named by their path,
 * outages by facility, licence luck by control, route, day and rank), keeping no timeline.
 * It is what a worker thread runs, and what an in-process sweep runs.
 */
import { simulateWorld } from "../model/index.js";
import type { Scenario } from "../scenario/index.js";
import { drawWorldAtOrThrow } from "./draw-world.js";
import { designUniform } from "./sampling-design.js";
import { alternativeOutcome, type ReplicateOutcome } from "./replicate-outcome.js";
import { SweepError } from "./sweep-error.js";
import type { SweepPlan } from "./sweep-plan.js";

/** Runs replicates of one plan. */
export class ReplicateRunner {
  private readonly scenarios: readonly Scenario[];
  private readonly plan: SweepPlan;
  /** Per alternative, the market index of each planned series. */
  private readonly markets: readonly (readonly number[])[];

  /** `scenarios` are the plan's alternatives, base first, loaded from the same files and overlays. */
  constructor(scenarios: readonly Scenario[], plan: SweepPlan) {
    if (scenarios.length !== plan.alternatives.length) throw new SweepError("plan-mismatch", `the plan has ${plan.alternatives.length} alternatives, ${scenarios.length} scenarios were given`);
    scenarios.forEach((scenario, i) => {
      if (scenario.hash !== plan.alternatives[i].scenarioHash) {
        throw new SweepError("plan-mismatch", `${scenario.name} is not the scenario the sweep was planned with (its hash differs: the files changed?)`);
      }
    });
    this.scenarios = scenarios;
    this.plan = plan;
    this.markets = scenarios.map((scenario) => {
      const { spec } = scenario;
      return plan.series.map(({ country, commodity }) => {
        const m = spec.markets.findIndex((x) => spec.countries[x.country].id === country && spec.commodities[x.commodity].id === commodity);
        if (m < 0) throw new SweepError("incomparable", `${scenario.name} has no market for ${commodity} in ${country}, which the base reports`);
        return m;
      });
    });
  }

  /** Runs replicate `replicate` of every alternative, its inputs drawn by the plan's design. */
  run(replicate: number): ReplicateOutcome {
    const { seed, design, runs } = this.plan;
    return this.runAt(replicate, (name) => designUniform(design, seed, name, runs, replicate), `seed ${seed}, replicate ${replicate}${design === "lhs" ? `, design lhs of ${runs} runs` : ""}`);
  }

  /**
   * Runs replicate `replicate` (its random streams: outages, licence luck, ...) of every
   * alternative with each input at the quantile `uniformOf(name)` of its distribution: the
   * tornado's swings run on common random numbers this way. `drawn` says how, for messages.
   */
  runAt(replicate: number, uniformOf: (name: string) => number, drawn: string): ReplicateOutcome {
    const plan = this.plan;
    const alternatives = this.scenarios.map((scenario, i) => {
      const drawnWorld = drawWorldAtOrThrow(scenario, uniformOf, drawn);
      const result = simulateWorld(drawnWorld.spec, { seed: plan.seed, replicate, timeline: false, periodDays: plan.bandDays, demandMarkets: this.markets[i] });
      return alternativeOutcome(result.kpis, drawnWorld.spec.startEpochDay, drawnWorld.values, result.periods);
    });
    return { replicate, alternatives };
  }
}
