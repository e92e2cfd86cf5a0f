/** The README states facts about the shipped world and commands; they must stay true. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../src/index.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8").replace(/\s+/g, " ");

describe("README", () => {
  it("counts the reference world as validate does", () => {
    const match = /holds (\d+) commodities, (\d+) countries and blocs, (\d+) mines, refineries and plants and (\d+) country-commodity markets/.exec(readme);
    expect(match).not.toBeNull();
    const { spec } = loadScenario(path.join(ROOT, "scenarios/reinstated-2026.yaml"));
    expect(match?.slice(1).map(Number)).toEqual([spec.commodities.length, spec.countries.length, spec.facilities.length, spec.markets.length]);
  });

  it("cites the project's own docs, never the team's data pack beside it", () => {
    for (const file of ["README.md", ...["model.md", "scenario-format.md", "sources.md", "reports.md", "validation.md"].map((f) => `docs/${f}`)]) {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      expect(text, file).not.toMatch(/\.\.\/shared|FACTS\.md|ANCHORS\.md|DESIGN\.md/);
    }
  });
});
