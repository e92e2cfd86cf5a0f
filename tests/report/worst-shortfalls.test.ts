/**
 * The shared ranking of a run's shortfalls: both rankings (share of demand unmet, tonnes unmet)
 * are whole, and the pairs are listed by the better of their two places, so the first 2n rows
 * hold the n worst of each ranking, a large tonnage in a large market included.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ShortfallKpi } from "../../src/model/index.js";
import { rankShortfalls } from "../../src/report/index.js";

const kpi = (country: string, commodity: string, unmetTonnes: number, demandTonnes: number): ShortfallKpi => ({
  country,
  commodity,
  firstShortfallDate: unmetTonnes > 0 ? "2026-03-01" : null,
  peakShortfallShare: unmetTonnes > 0 ? 0.5 : 0,
  shortfallDays: unmetTonnes > 0 ? 10 : 0,
  unmetTonnes,
  demandTonnes,
  stockpileEmptyDate: null,
  recoveryDate: null,
  givenUpTonnes: 0,
  peakPriceIndex: 1,
  defenceUnmetTonnes: 0,
  criticalUnmetTonnes: 0,
  unmetValue: 0,
  givenUpValue: 0,
  reserveTonnes: 0,
  reserveCost: 0,
});

const pair = (k: ShortfallKpi) => `${k.country} ${k.commodity}`;

describe("rankShortfalls", () => {
  it("lists a large tonnage that is a small share of its market among the worst (the flagship's US magnets behind 0.8 t of oxides)", () => {
    const ranked = rankShortfalls([
      kpi("IN", "lu-sc-oxides", 0.8, 6), // 13% of demand, under a tonne
      kpi("US", "gallium", 20, 57), // 35%
      kpi("KR", "gallium", 9.4, 90), // 10%
      kpi("IN", "tb-oxide", 0.6, 9), // 6.7%
      kpi("US", "ndfeb-magnet", 305, 30_000), // 1%, the second most tonnes
      kpi("US", "antimony", 5375, 72_000), // 7.5%, the most tonnes
    ]);
    expect(ranked.slice(0, 4).map((r) => pair(r.kpi))).toEqual(["US gallium", "US antimony", "IN lu-sc-oxides", "US ndfeb-magnet"]);
    const magnets = ranked.find((r) => r.kpi.commodity === "ndfeb-magnet")!;
    expect([magnets.shareRank, magnets.tonnesRank]).toEqual([6, 2]);
  });

  it("ranks every pair that ran short in both orders, and the first 2n rows hold the n worst of each", () => {
    const world = fc.uniqueArray(
      fc.record({ country: fc.constantFrom("US", "JP", "EU", "IN", "KR"), commodity: fc.constantFrom("a", "b", "c", "d"), unmet: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e5, noNaN: true })), demand: fc.double({ min: 1e5, max: 1e7, noNaN: true }) }),
      { selector: (k) => `${k.country} ${k.commodity}`, maxLength: 20 },
    );
    fc.assert(
      fc.property(world, (rows) => {
        const kpis = rows.map((r) => kpi(r.country, r.commodity, r.unmet, r.demand));
        const ranked = rankShortfalls(kpis);
        const short = kpis.filter((k) => k.unmetTonnes > 0);
        expect(ranked).toHaveLength(short.length);
        const ranks = (key: "shareRank" | "tonnesRank") => ranked.map((r) => r[key]).sort((a, b) => a - b);
        const whole = short.map((_, i) => i + 1);
        expect(ranks("shareRank")).toEqual(whole);
        expect(ranks("tonnesRank")).toEqual(whole);
        for (const r of ranked) {
          const better = (o: (typeof ranked)[number]) => (o.kpi.unmetTonnes / o.kpi.demandTonnes > r.share ? 1 : 0);
          expect(r.shareRank).toBeGreaterThan(ranked.reduce((n, o) => n + better(o), 0));
          expect(r.tonnesRank).toBeGreaterThan(ranked.filter((o) => o.kpi.unmetTonnes > r.kpi.unmetTonnes).length);
        }
        for (let n = 1; 2 * n <= ranked.length; n++) {
          const head = ranked.slice(0, 2 * n);
          for (const r of ranked) if (r.shareRank <= n || r.tonnesRank <= n) expect(head).toContain(r);
        }
      }),
    );
  });
});
