/** The package as a library: `import { loadScenario, simulate } from "chokepoint"`. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TOOL_VERSION } from "../src/version.js";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("the chokepoint package", () => {
  it("exports loadScenario and simulate from its built entry point", async () => {
    const chokepoint = await import("chokepoint");
    const scenario = chokepoint.loadScenario(path.join(ROOT, "scenarios/reinstated-2026.yaml"));
    const run = chokepoint.simulate(scenario, { seed: 3 });
    expect(run.summary.manifest.seed).toBe(3);
    expect(run.summary.manifest.scenarioHash).toBe(scenario.hash);
    expect(chokepoint.renderTimelineCsv(run.timeline).startsWith("date,country,commodity,")).toBe(true);
  });

  it("sweeps in-process with the statistics the CLI writes", async () => {
    const chokepoint = await import("chokepoint");
    const scenario = chokepoint.loadScenario(path.join(ROOT, "tests/fixtures/sweep/tiny.yaml"));
    const seen: number[] = [];
    const { plan, statistics } = chokepoint.sweep(scenario, { runs: 12, seed: 4, onReplicate: (o) => seen.push(o.replicate) });
    expect(seen).toEqual([...Array(12).keys()]);
    expect(plan.kind).toBe("sweep");
    expect(statistics.runs).toBe(12);
    expect(statistics.alternatives[0].series.map((s) => `${s.country}/${s.commodity}`)).toEqual(["AA/metal"]);
    expect(statistics.bands?.length).toBe(plan.periodCount);
  });

  it("throws a ScenarioError listing the problems of a bad file", async () => {
    const chokepoint = await import("chokepoint");
    const source = chokepoint.memoryFileSource({ "x.yaml": "start: 2026-01-01\n" });
    expect(() => chokepoint.loadScenario("x.yaml", { source })).toThrow(chokepoint.ScenarioError);
    expect(() => chokepoint.loadScenario("x.yaml", { source })).toThrow(/x\.yaml:1:1 end: is required/);
  });

  it("declares the same version in package.json and in outputs", () => {
    expect(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version).toBe(TOOL_VERSION);
  });
});
