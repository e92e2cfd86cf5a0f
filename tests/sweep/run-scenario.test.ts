/**
 * simulate (src/sweep/run-scenario.ts), the scenario-level run: the world drawn for one
 * replicate of the sampling design (draw-world.ts), run by the model's simulateWorld
 * (src/model/simulate-world.ts), with its summary (run-summary.ts). The library keeps the names.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/index.js";
import { isoFromEpochDay } from "../../src/model/calendar.js";
import { simulateWorld } from "../../src/model/simulate-world.js";
import { drawWorldOrThrow } from "../../src/sweep/draw-world.js";
import { simulate } from "../../src/sweep/run-scenario.js";
import { buildSummary } from "../../src/sweep/run-summary.js";

const scenario = loadScenario(path.resolve(import.meta.dirname, "../fixtures/sweep/tiny.yaml"));

describe("simulate, one run of a scenario", () => {
  it("is the model's run of the world drawn for its replicate, with its summary", () => {
    const run = simulate(scenario, { seed: 11, replicate: 3 });
    const drawn = drawWorldOrThrow(scenario, { seed: 11, replicate: 3 });
    const world = simulateWorld(drawn.spec, { seed: 11, replicate: 3 });
    expect(run.kpis).toEqual(world.kpis);
    expect(run.inputs).toEqual(drawn.values);
    expect(run.inputs.length).toBeGreaterThan(0);
    expect(run.summary).toEqual(
      buildSummary({
        scenario: "tiny",
        scenarioHash: scenario.hash,
        seed: 11,
        replicate: 3,
        start: isoFromEpochDay(scenario.spec.startEpochDay),
        end: isoFromEpochDay(scenario.spec.endEpochDay),
        kpis: world.kpis,
        events: world.events,
        reserves: world.reserves,
        startEpochDay: scenario.spec.startEpochDay,
        inputs: drawn.values,
      }),
    );
  });

  it("defaults to the scenario's seed and replicate 0", () => {
    expect(simulate(scenario).summary.manifest).toMatchObject({ seed: scenario.defaultSeed, replicate: 0 });
  });

  it("keeps its public names in the library", async () => {
    const library = await import("../../src/index.js");
    expect(library.simulate).toBe(simulate);
    expect(library.simulateWorld).toBe(simulateWorld);
    expect(library.buildSummary).toBe(buildSummary);
  });
});
