/** The names a report shows: the world's names for countries and commodities, events' and controls' ids as words. */
import { describe, expect, it } from "vitest";
import type { WorldSpec } from "../../src/model/index.js";
import { DisplayNames } from "../../src/report/html/display-names.js";

const names = new DisplayNames({
  countries: [
    { id: "CN", name: "China", groups: [] },
    { id: "US", name: "United States", groups: [] },
    { id: "GA", name: "Gabon", groups: [] },
  ],
  commodities: [{ id: "gallium", name: "Refined high-purity gallium", groups: [], referencePriceUsdPerTonne: null }],
  // Only the countries the controls name (here China, and the US as a destination) are read in ids.
  controls: [{ exporter: 0, destinations: { mode: "only", countries: [1] } } as unknown as WorldSpec["controls"][number]],
});

describe("DisplayNames", () => {
  it("uses the world's names, and the id where it has none", () => {
    expect(names.pair("US", "gallium")).toBe("United States \u2013 Refined high-purity gallium");
    expect(names.country("ZZ")).toBe("ZZ");
    expect(names.commodity("antimony")).toBe("antimony");
  });

  it("spells ids as words: country ids in capitals, dates kept whole", () => {
    expect(names.words("october-package-suspended")).toBe("October package suspended");
    expect(names.words("us-ban-2024")).toBe("US ban 2024");
    expect(names.words("ree-licensing-2025-04-us")).toBe("Ree licensing 2025-04 US");
    expect(names.words("deal-rolled-over")).toBe("Deal rolled over");
    expect(names.words("ga-ge-licensing-2023")).toBe("Ga ge licensing 2023");
  });

  it("calls a control or event what its scenario names it (name:), and spells the rest", () => {
    const named = new DisplayNames({ countries: [], commodities: [], controls: [] }, { "october-package-suspended": "October 2025 package suspended" });
    expect(named.label("october-package-suspended")).toBe("October 2025 package suspended");
    expect(named.label("deal-rolled-over")).toBe("Deal rolled over");
    // Ids that are also names of Object.prototype's members are ids like any other.
    expect(named.label("constructor")).toBe("Constructor");
  });
});
