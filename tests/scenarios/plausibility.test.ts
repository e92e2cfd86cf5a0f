/**
 * Plausibility checks that guard the model on the shipped scenarios: a calm baseline, a
 * flagship that bites, and stockpile policies that never hurt the countries holding them.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, simulate, type ShortfallKpi } from "../../src/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MAJOR_CONSUMERS = ["US", "JP", "EU", "KR", "CN", "IN"];

function kpisOf(name: string): { kpis: readonly ShortfallKpi[]; groups: Map<string, readonly string[]> } {
  const scenario = loadScenario(path.join(ROOT, "scenarios", `${name}.yaml`));
  const groups = new Map(scenario.spec.commodities.map((c) => [c.id, c.groups]));
  return { kpis: simulate(scenario).kpis, groups };
}

describe("plausibility", () => {
  it("baseline-2024: no major consumer runs short of anything over the whole horizon", () => {
    const short = kpisOf("baseline-2024").kpis.filter((k) => MAJOR_CONSUMERS.includes(k.country) && k.shortfallDays > 0);
    expect(short.map((k) => `${k.country} ${k.commodity}: ${k.shortfallDays} days from ${k.firstShortfallDate}`)).toEqual([]);
  });

  it("reinstated-2026: a major consumer runs short of a rare earth or a magnet", () => {
    const { kpis, groups } = kpisOf("reinstated-2026");
    const rareEarth = (commodity: string) => (groups.get(commodity) ?? []).some((g) => g === "rare-earths" || g === "rare-earth-magnets");
    const short = kpis.filter((k) => MAJOR_CONSUMERS.includes(k.country) && rareEarth(k.commodity) && k.unmetTonnes > 0);
    expect(short.length).toBeGreaterThan(0);
  });

  const none = () => kpisOf("policy-no-stockpiles").kpis;
  it.each(["policy-jogmec-60-days", "policy-180-days", "policy-us-japan-shared-reserve"])(
    "%s leaves the US and Japan no more unmet tonnes of any commodity than no stockpiles, and strictly fewer of one (same seed)",
    (variant) => {
      const base = none();
      const policy = kpisOf(variant).kpis;
      let better = 0;
      for (const country of ["US", "JP"]) {
        for (const k of base.filter((x) => x.country === country)) {
          const withPolicy = policy.find((x) => x.country === country && x.commodity === k.commodity);
          const unmet = withPolicy?.unmetTonnes ?? 0;
          expect(unmet, `${country} ${k.commodity}`).toBeLessThanOrEqual(k.unmetTonnes + 1e-6 * (1 + k.unmetTonnes));
          if (unmet < k.unmetTonnes - 1e-6) better++;
        }
      }
      expect(better).toBeGreaterThan(0);
    },
  );
});
