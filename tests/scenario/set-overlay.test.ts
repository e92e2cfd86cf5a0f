/** What-if overlays (--set) and shipped bases (extends: chokepoint:NAME). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenario, ScenarioError } from "../../src/index.js";
import { parsePath } from "../../src/scenario/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FLAGSHIP = path.join(ROOT, "scenarios/reinstated-2026.yaml");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-set-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function messages(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.message}`);
    throw error;
  }
  return [];
}

describe("--set", () => {
  it("reads paths as messages write them", () => {
    expect(parsePath("controls.x-1.approval")).toEqual(["controls", "x-1", "approval"]);
    expect(parsePath("trade.routes[2].transit")).toEqual(["trade", "routes", 2, "transit"]);
    expect(parsePath('sources["USGS MCS 2025"]')).toEqual(["sources", "USGS MCS 2025"]);
    expect(parsePath("a..b")).toBeUndefined();
  });

  it("replaces one value, which then reads as if the file had it", () => {
    const base = loadScenario(FLAGSHIP);
    const changed = loadScenario(FLAGSHIP, { sets: ["controls.antimony-licensing-2024.approval=50%"] });
    const approval = (s: typeof base) => {
      const c = s.spec.controls.find((x) => x.id === "antimony-licensing-2024");
      return c?.measure.kind === "licensing" ? c.measure.approvalByCountry : [];
    };
    expect(new Set(approval(changed))).toEqual(new Set([0.5]));
    expect(approval(base)).not.toEqual(approval(changed));
    expect(changed.hash).not.toBe(base.hash);
  });

  it("turns a value into an uncertain input, and null removes an entry", () => {
    const s = loadScenario(FLAGSHIP, { sets: ["controls.antimony-licensing-2024.approval={uniform: [40%, 80%]}", "stockpiles.jogmec-antimony=null"] });
    expect(s.inputs.map((i) => i.name)).toEqual(["controls.antimony-licensing-2024.approval"]);
    expect(s.spec.stockpiles.some((x) => x.id === "jogmec-antimony")).toBe(false);
  });

  it("reports a bad value at the --set argument", () => {
    expect(messages(() => loadScenario(FLAGSHIP, { sets: ["trade.transit=-3 days"] }))).toEqual(['--set trade.transit=-3 days:1:15 must be >= 0, got "-3 days"']);
    expect(messages(() => loadScenario(FLAGSHIP, { sets: ["trade.transit"] }))).toEqual(["--set trade.transit:1:1 must be path=value, such as controls.antimony-licensing-2024.approval=50%"]);
  });
});

describe("extends: chokepoint:NAME", () => {
  it("builds a scenario in the user's own folder on a shipped one", () => {
    const file = path.join(scratch, "mine.yaml");
    writeFileSync(file, "name: mine\nextends: chokepoint:reinstated-2026\ntrade: { transit: 40 days }\n");
    const s = loadScenario(file);
    expect(s.spec.trade.defaultTransitDays).toBe(40);
    expect(s.spec.facilities.length).toBe(loadScenario(FLAGSHIP).spec.facilities.length);
    expect(s.files).toContain(path.join(ROOT, "scenarios/reinstated-2026.yaml"));
  });

  it("refuses a name that is not a shipped scenario's", () => {
    const file = path.join(scratch, "bad.yaml");
    writeFileSync(file, "name: bad\nextends: [chokepoint:../etc/passwd, chokepoint:nope]\nstart: 2026-01-01\nend: 2026-12-31\n");
    expect(messages(() => loadScenario(file))).toEqual([
      `${file}:2:11 "chokepoint:../etc/passwd" must name a shipped scenario, such as chokepoint:reinstated-2026 or chokepoint:world/base`,
      `${file}:2:37 cannot read ${path.join(ROOT, "scenarios/nope.yaml")}: no such file`,
    ]);
  });
});
