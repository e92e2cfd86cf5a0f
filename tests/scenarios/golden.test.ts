/**
 * Every shipped scenario validates and, at its own seed, reproduces its committed summary.
 * When a change to the model or the data is meant to move the numbers, regenerate with
 * `npm run golden`, read the diff, and say why in the commit.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, renderSummaryJson, simulate } from "../../src/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCENARIOS = path.join(ROOT, "scenarios");
const GOLDEN = path.join(ROOT, "tests/golden");
const files = readdirSync(SCENARIOS).filter((f) => f.endsWith(".yaml")).sort();

describe("shipped scenarios", () => {
  it("exist", () => {
    expect(files).toContain("reinstated-2026.yaml");
  });

  it.each(files)("%s matches its golden summary", (file) => {
    const scenario = loadScenario(path.join(SCENARIOS, file));
    expect(scenario.name).toBe(file.replace(/\.yaml$/, ""));
    expect(scenario.question).not.toBe("");
    expect(scenario.description.length).toBeGreaterThan(100);
    const text = renderSummaryJson(simulate(scenario).summary);
    const golden = path.join(GOLDEN, `${scenario.name}.summary.json`);
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, text);
    expect(existsSync(golden), `${golden} is missing: run npm run golden`).toBe(true);
    expect(text).toBe(readFileSync(golden, "utf8"));
  });
});
