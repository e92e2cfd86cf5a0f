/**
 * The text tables a run and summarize print: the worst shortfalls with what was given up and the
 * peak price, and the consumer table with its totals.
 */
import { describe, expect, it } from "vitest";
import type { ShortfallKpi } from "../../src/model/index.js";
import { rankShortfalls, renderConsumerTable, renderShortfallTable } from "../../src/report/index.js";

const kpi = (country: string, commodity: string, unmet: number, givenUp: number, price: number): ShortfallKpi => ({
  country,
  commodity,
  firstShortfallDate: unmet > 0 ? "2026-03-01" : null,
  peakShortfallShare: unmet > 0 ? 0.5 : 0,
  shortfallDays: unmet > 0 ? 40 : 0,
  unmetTonnes: unmet,
  demandTonnes: 1000,
  stockpileEmptyDate: null,
  recoveryDate: null,
  givenUpTonnes: givenUp,
  peakPriceIndex: price,
  defenceUnmetTonnes: 0,
  criticalUnmetTonnes: 0,
  unmetValue: 0,
  givenUpValue: 0,
  reserveTonnes: 0,
  reserveCost: 0,
});

describe("the worst-shortfalls table", () => {
  it("ranks by share of demand unmet and by tonnes unmet and shows what was given up and the peak price", () => {
    const text = renderShortfallTable(rankShortfalls([kpi("US", "antimony", 100, 250, 2.5), kpi("JP", "gallium", 300, 0, 1), kpi("EU", "copper", 0, 10, 1.2)]), "2026-01-01");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("Shortfalls, by share of demand unmet (share #) and by tonnes unmet (t #), each pair at the better of its two ranks:");
    expect(lines[1]).toMatch(/^share #\s+t #\s+country\s+commodity\s+first short\s.*unmet t\s+of demand\s+given up t\s+peak price\s+recovered$/);
    expect(lines[2]).toMatch(/^\s+1\s+1\s+JP\s+gallium\s+2026-03-01 .* 300\s+30%\s+0\s+1x\s+no$/);
    expect(lines[3]).toMatch(/^\s+2\s+2\s+US\s+antimony .* 100\s+10%\s+250\s+2\.5x\s+no$/);
    expect(lines).toHaveLength(4);
  });

  it("says a pair short on the period's first day was already short when the period began", () => {
    const carried = { ...kpi("US", "gallium", 50, 0, 3), firstShortfallDate: "2026-01-01" };
    const lines = renderShortfallTable(rankShortfalls([carried, kpi("JP", "gallium", 20, 0, 1)]), "2026-01-01").trimEnd().split("\n");
    expect(lines[2]).toMatch(/^\s+1\s+1\s+US\s+gallium\s+at start\s+40\s/);
    expect(lines[3]).toMatch(/^\s+2\s+2\s+JP\s+gallium\s+2026-03-01\s/);
    expect(lines[4]).toBe("at start: already short when the period began (2026-01-01): the shortage started then or before.");
    // A period that began earlier: the same pair first ran short on a day of it.
    expect(renderShortfallTable(rankShortfalls([carried]), "2025-01-01")).not.toContain("at start");
  });
});

describe("the consumer table", () => {
  it("totals unmet and given-up tonnes per country over all commodities", () => {
    const text = renderConsumerTable([{ scenario: "s", kpis: [kpi("US", "antimony", 100, 250, 2.5), kpi("US", "gallium", 20, 5, 3), kpi("JP", "gallium", 0, 7, 1.1)] }], ["US", "JP"]);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("| scenario | country | first short | in | unmet t (all) | most unmet | unmet t | days short | given up t (all) |");
    expect(lines[2]).toBe("| s | US | 2026-03-01 | antimony | 120 | antimony | 100 | 40 | 255 |");
    expect(lines[3]).toBe("| s | JP | never |  | 0 |  |  |  | 7 |");
  });
});
