/**
 * Scenario defaults have one home (src/scenario/scenario-defaults.ts): with every value in it
 * changed, the resolved scenario takes the new values and the schema's descriptions (the JSON
 * Schema `chokepoint schema` prints) state them. A default written out a second time, in a
 * resolver or a description, would keep the old value here.
 */
import { describe, expect, it, vi } from "vitest";

const CHANGED = vi.hoisted(() => ({
  DEFAULTS: {
    warmUpDays: 41,
    seed: 42,
    coverDays: 43,
    defenceShare: 0.11,
    criticalShare: 0.12,
    orderIntervalDays: 44,
    transitDays: 45,
    qualificationLagDays: 46,
    frontRunningDays: 47,
    utilization: 0.13,
    rampUpDays: 48,
    refillTonnesPerDay: 0.14,
    triggerShare: 0.15,
    sustainedDays: 49,
    decisionLagDays: 50,
    serves: "defence",
    coverage: 0.16,
    deMinimisShare: 0.17,
    validityDays: 51,
    probability: 0.18,
  },
  RESPONSE_DEFAULTS: {
    priceStepDays: 8,
    adjustmentDays: 61,
    relaxationDays: 181,
    coverSensitivity: 1.1,
    maxPrice: 11,
    minPrice: 0.21,
    horizonDays: 179,
    elasticity: -0.01,
    substitutionThreshold: 1.51,
    substitutionPerYear: 0.02,
    substitutionMax: 0.03,
    supplyThreshold: 1.26,
    restartDays: 182,
    supplyRampPerYear: 0.04,
    investmentThreshold: 2.1,
    investmentAfterDays: 366,
    investmentLeadDays: 3653,
    investmentShare: 0.05,
    investmentMax: 1.1,
    expansionThreshold: 1.55,
    expansionAfterDays: 367,
    expansionLeadDays: 1096,
    expansionPerYear: 0.06,
    expansionMax: 0.55,
  },
  UNWIND_SLOWDOWN: 5,
}));

vi.mock("../../src/scenario/scenario-defaults.js", async (importOriginal) => ({ ...(await importOriginal<object>()), ...CHANGED }));

const { DEFAULTS, loadScenarioFrom, memoryFileSource, scenarioJsonSchema } = await import("../../src/scenario/index.js");

/** Every description in a JSON Schema. */
function descriptions(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => descriptions(n, found));
  else if (typeof node === "object" && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "description" && typeof value === "string") found.push(value);
      else descriptions(value, found);
    }
  }
  return found;
}

const SCENARIO = `
start: 2025-01-01
end: 2025-12-31
commodities: { gallium: {} }
countries: { CN: {}, US: {}, JP: {} }
facilities:
  cn-gallium: { country: CN, capacity: 600 t/yr, outputs: { gallium: 1 } }
markets:
  US: { gallium: { demand: 20 t/yr, imports: { CN: 100% } } }
stockpiles:
  reserve: { country: US, commodity: gallium, level: 10 t, release: {} }
controls:
  licence: { measure: licensing, exporter: CN, commodities: [gallium], processingTime: 30 days, extraterritorial: { inputs: [gallium] } }
events:
  more: { type: demand-change, date: 2025-06-01, country: US, commodity: gallium, factor: 2 }
response: {}
`;

describe("scenario defaults, with every value changed in their one home", () => {
  const D = CHANGED.DEFAULTS;
  const R = CHANGED.RESPONSE_DEFAULTS;

  it("are the library's DEFAULTS", () => {
    expect(DEFAULTS).toEqual(D);
  });

  it("fill in every field a scenario leaves out", () => {
    const { spec, defaultSeed } = loadScenarioFrom("s.yaml", memoryFileSource({ "s.yaml": SCENARIO }));
    expect(defaultSeed).toBe(D.seed);
    expect(spec.warmUpDays).toBe(D.warmUpDays);
    expect(spec.trade).toMatchObject({ orderIntervalDays: D.orderIntervalDays, defaultTransitDays: D.transitDays, qualificationLagDays: D.qualificationLagDays });
    expect(spec.facilities[0]).toMatchObject({ utilization: D.utilization, rampUpDays: D.rampUpDays });
    const us = spec.markets.find((m) => spec.countries[m.country].id === "US")!;
    expect(us.coverDays).toBe(D.coverDays);
    expect(us.priority).toEqual({ defence: D.defenceShare, critical: D.criticalShare });
    expect(spec.stockpiles[0]).toMatchObject({ refillTonnesPerDay: D.refillTonnesPerDay, serves: D.serves });
    expect(spec.stockpiles[0].release).toMatchObject({ triggerShare: D.triggerShare, sustainedDays: D.sustainedDays, decisionLagDays: D.decisionLagDays });
    expect(spec.controls[0]).toMatchObject({ coverage: D.coverage, frontRunCoverDays: D.frontRunningDays, extraterritorial: { thresholdShare: D.deMinimisShare } });
    expect(spec.controls[0].measure).toMatchObject({ validityDays: D.validityDays });
    expect(spec.events[0].probability).toBe(D.probability);
    const { priceStepDays, ...commodityDefaults } = R;
    expect(spec.response?.priceStepDays).toBe(priceStepDays);
    expect(spec.response?.byCommodity[0]).toMatchObject({ ...commodityDefaults, unwindPerYear: R.substitutionPerYear / CHANGED.UNWIND_SLOWDOWN });
  });

  it("are the values the schema's descriptions state", () => {
    const stated = descriptions(scenarioJsonSchema()).join("\n");
    const expected = [
      `a duration (default ${D.warmUpDays} days)`,
      `Default random seed (default ${D.seed})`,
      `Commercial inventory target for markets without their own (default ${D.coverDays} days)`,
      `defence use, served first (default ${D.defenceShare})`,
      `critical civilian use, served next (default ${D.criticalShare})`,
      `Days between ordering rounds (default ${D.orderIntervalDays} days)`,
      `Transit time of routes without their own (default ${D.transitDays} days)`,
      `buy from a new supplier (default ${D.qualificationLagDays} days)`,
      `and its effective date (default ${D.frontRunningDays})`,
      "used in normal operation (default 13%)",
      `rising linearly (default ${D.rampUpDays})`,
      `once no member is short (default ${D.refillTonnesPerDay})`,
      `counts as a shortage (default ${D.triggerShare}: any)`,
      `before the release is decided (default ${D.sustainedDays})`,
      `to the first release (default ${D.decisionLagDays})`,
      '(default "defence")',
      "the rest flows as before (default 16%)",
      "of the exporter's origin (default 17%)",
      `may ship (default ${D.validityDays}: at once)`,
      "happens at all (default 18%)",
      `the market response's clock (default ${R.priceStepDays} days)`,
      `gap to the target (default ${R.adjustmentDays} days)`,
      `falling price index (default ${R.relaxationDays} days)`,
      `^-sensitivity (default ${R.coverSensitivity})`,
      `never exceeds (default ${R.maxPrice}: rare-earth oxides`,
      `between announcement and effect (default ${R.horizonDays} days;`,
      `never falls (default ${R.minPrice})`,
      `a number <= 0 (default ${R.elasticity})`,
      `substitution and thrifting grow (default ${R.substitutionThreshold})`,
      `per year, as a share of demand (default ${R.substitutionPerYear})`,
      `Largest share of demand substituted (default ${R.substitutionMax})`,
      `(default: perYear / ${CHANGED.UNWIND_SLOWDOWN})`,
      `countries restarts (default ${R.supplyThreshold})`,
      `idle capacity restarts (default ${R.restartDays} days)`,
      `world's output at the start (default ${R.supplyRampPerYear})`,
      `invest in new capacity (default ${R.investmentThreshold})`,
      `each investment is decided (default ${R.investmentAfterDays} days)`,
      "the new capacity produces (default 10 years: a new mine",
      `nameplate capacity (default ${R.investmentShare}: no investment)`,
      `its nameplate capacity (default ${R.investmentMax})`,
      `expand their own capacity (default ${R.expansionThreshold})`,
      `before expansions are decided (default ${R.expansionAfterDays} days)`,
      "until its capacity produces (default 3 years: a separation or refining expansion)",
      `nameplate capacity (default ${R.expansionPerYear}: no expansion)`,
      `expansions may add to a facility, as a share of its nameplate capacity (default ${R.expansionMax})`,
    ];
    expect(expected.filter((text) => !stated.includes(text))).toEqual([]);
  });
});
