/**
 * The scenario format's `response.expansion`: read, converted to model units, and overridden per
 * commodity field by field.
 */
import { describe, expect, it } from "vitest";
import { loadScenarioFrom, memoryFileSource } from "../../src/scenario/index.js";

const SCENARIO = `
start: 2025-01-01
end: 2025-12-31
commodities:
  ore: {}
  oxide: { response: { expansion: { leadTime: 1 year, perYear: 10% } } }
countries: { AA: {} }
facilities:
  mine: { country: AA, capacity: 100 t/yr, outputs: { ore: 1 } }
  plant: { country: AA, capacity: 100 t/yr, inputs: { ore: 1 }, outputs: { oxide: 1 } }
markets:
  AA: { oxide: { demand: 90 t/yr } }
response:
  expansion: { threshold: 1.4, after: 6 months, leadTime: 3 years, perYear: 5%, max: 0.4, source: an assumption }
`;

describe("response.expansion", () => {
  it("resolves to model units, and a commodity's override replaces only the fields it names", () => {
    const { spec } = loadScenarioFrom("s.yaml", memoryFileSource({ "s.yaml": SCENARIO }));
    const [ore, oxide] = spec.response!.byCommodity;
    expect(ore).toMatchObject({ expansionThreshold: 1.4, expansionLeadDays: 3 * 365.25, expansionPerYear: 0.05, expansionMax: 0.4 });
    expect(ore!.expansionAfterDays).toBeGreaterThanOrEqual(181);
    expect(ore!.expansionAfterDays).toBeLessThanOrEqual(184);
    expect(oxide).toMatchObject({ expansionThreshold: 1.4, expansionLeadDays: 365.25, expansionPerYear: 0.1, expansionMax: 0.4 });
  });
});
