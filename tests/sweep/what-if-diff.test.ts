/**
 * What-if differences pair by pair (sweep/what-if-diff.ts): each kind of change on hand-made
 * KPIs, ties within rounding, pairs only one side has, the order of the pairs; and as
 * properties, an identical what-if shows no difference, and swapping the two runs mirrors
 * every change.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDateKpi, KPI_NAMES, type ShortfallKpi } from "../../src/model/index.js";
import { diffWhatIf, isNoDifference, whatIfMismatch, type WhatIfChange } from "../../src/sweep/what-if-diff.js";

/** A pair's KPIs: never short unless told, every other KPI 0 (dates null). */
function kpi(country: string, commodity: string, figures: Partial<ShortfallKpi> = {}): ShortfallKpi {
  const blank = Object.fromEntries(KPI_NAMES.map((name) => [name, isDateKpi(name) ? null : 0]));
  return { ...blank, demandTonnes: 100, ...figures, country, commodity } as ShortfallKpi;
}

/** Short from `date` for `days` days with `tonnes` unmet. */
function short(tonnes: number, days: number, date: string): Partial<ShortfallKpi> {
  return { unmetTonnes: tonnes, shortfallDays: days, firstShortfallDate: date };
}

describe("diffWhatIf", () => {
  it("names each change and its figures: newly short, worse, moved in time, better, no longer short", () => {
    const base = [
      kpi("US", "gallium"),
      kpi("US", "antimony", short(100, 30, "2026-02-01")),
      kpi("JP", "gallium", short(10, 5, "2026-03-01")),
      kpi("EU", "gallium", short(50, 20, "2026-01-10")),
      kpi("KR", "gallium", short(7, 3, "2027-01-01")),
      kpi("IN", "gallium", short(4, 2, "2027-01-01")),
    ];
    const whatIf = [
      kpi("US", "gallium", short(12.5, 40, "2026-11-27")),
      kpi("US", "antimony", short(130, 35, "2026-02-01")),
      kpi("JP", "gallium", short(10, 6, "2026-02-20")),
      kpi("EU", "gallium", short(20, 8, "2026-01-10")),
      kpi("KR", "gallium"),
      kpi("IN", "gallium", short(4, 2, "2027-01-01")),
    ];
    const diff = diffWhatIf(base, whatIf);
    expect(diff.pairs.map((p) => [p.country, p.commodity, p.change, p.unmetDifferenceTonnes, p.shortfallDaysDifference])).toEqual([
      ["EU", "gallium", "better", -30, -12],
      ["US", "antimony", "worse", 30, 5],
      ["US", "gallium", "caused", 12.5, 40],
      ["KR", "gallium", "removed", -7, -3],
      ["JP", "gallium", "moved", 0, 1],
    ]);
    const caused = diff.pairs.find((p) => p.change === "caused")!;
    expect(caused.base).toEqual({ unmetTonnes: 0, shortfallDays: 0, firstShortfallDate: null, demandTonnes: 100 });
    expect(caused.whatIf).toEqual({ unmetTonnes: 12.5, shortfallDays: 40, firstShortfallDate: "2026-11-27", demandTonnes: 100 });
    expect(diff.unchangedShortPairs).toBe(1);
    expect(diff.otherKpisMoved).toEqual([]);
    expect(isNoDifference(diff)).toBe(false);
  });

  it("counts a difference within rounding as none, and rounds the difference as summary.json rounds tonnes", () => {
    const base = [kpi("US", "gallium", short(0.3, 3, "2026-01-01")), kpi("JP", "gallium", short(1e9, 3, "2026-01-01"))];
    const whatIf = [kpi("US", "gallium", short(0.3 + 5e-7, 3, "2026-01-01")), kpi("JP", "gallium", short(1e9 + 0.5, 3, "2026-01-01"))];
    expect(diffWhatIf(base, whatIf).pairs).toEqual([]);
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; the difference is written as summary.json writes tonnes.
    const d = diffWhatIf([kpi("US", "gallium", short(0.1, 1, "2026-01-01"))], [kpi("US", "gallium", short(0.4, 1, "2026-01-01"))]).pairs[0];
    expect(d.unmetDifferenceTonnes).toBe(0.3);
  });

  it("lists pairs whose shortfall did not move but whose other KPIs did", () => {
    const diff = diffWhatIf([kpi("US", "gallium", { givenUpTonnes: 5 }), kpi("JP", "gallium")], [kpi("US", "gallium", { givenUpTonnes: 6 }), kpi("JP", "gallium")]);
    expect(diff.pairs).toEqual([]);
    expect(isNoDifference(diff)).toBe(true);
    expect(diff.otherKpisMoved).toEqual([{ country: "US", commodity: "gallium" }]);
  });

  it("takes a pair only one run has as not short in the other", () => {
    const diff = diffWhatIf([kpi("US", "gallium")], [kpi("US", "gallium"), kpi("VN", "gallium", short(2, 1, "2026-05-05"))]);
    expect(diff.pairs).toEqual([
      { country: "VN", commodity: "gallium", change: "caused", base: null, whatIf: { unmetTonnes: 2, shortfallDays: 1, firstShortfallDate: "2026-05-05", demandTonnes: 100 }, unmetDifferenceTonnes: 2, shortfallDaysDifference: 1 },
    ]);
  });

  const countries = ["US", "JP", "EU", "KR"];
  const side = fc.record({
    tonnes: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e5, noNaN: true })),
    days: fc.integer({ min: 1, max: 900 }),
    day: fc.integer({ min: 1, max: 28 }),
    givenUp: fc.oneof(fc.constant(0), fc.constant(3)),
  });
  const world = fc.array(side, { minLength: countries.length, maxLength: countries.length }).map((sides) =>
    sides.map((s, i) => kpi(countries[i], "gallium", s.tonnes === 0 ? { givenUpTonnes: s.givenUp } : { ...short(s.tonnes, s.days, `2026-01-${String(s.day).padStart(2, "0")}`), givenUpTonnes: s.givenUp })),
  );

  it("finds no difference between a run and itself (property)", () => {
    fc.assert(
      fc.property(world, (kpis) => {
        const diff = diffWhatIf(kpis, kpis.map((k) => ({ ...k })));
        expect(diff.pairs).toEqual([]);
        expect(diff.otherKpisMoved).toEqual([]);
        expect(diff.unchangedShortPairs).toBe(kpis.filter((k) => k.unmetTonnes > 0).length);
      }),
    );
  });

  it("mirrors every change when the two runs swap (property)", () => {
    const mirror: Record<WhatIfChange, WhatIfChange> = { caused: "removed", removed: "caused", worse: "better", better: "worse", moved: "moved" };
    fc.assert(
      fc.property(world, world, (a, b) => {
        const forward = diffWhatIf(a, b);
        const backward = diffWhatIf(b, a);
        const key = (p: { country: string }) => p.country;
        expect(backward.pairs.map(key).sort()).toEqual(forward.pairs.map(key).sort());
        for (const p of forward.pairs) {
          const q = backward.pairs.find((x) => x.country === p.country)!;
          expect(q.change).toBe(mirror[p.change]);
          expect(Math.abs(q.unmetDifferenceTonnes + p.unmetDifferenceTonnes)).toBeLessThanOrEqual(1e-6);
          expect(q.base).toEqual(p.whatIf);
        }
      }),
    );
  });
});

describe("whatIfMismatch", () => {
  it("refuses runs that report different periods, naming both", () => {
    expect(whatIfMismatch({ scenario: "a", start: "2026-01-01", end: "2028-12-31" }, { scenario: "b", start: "2026-01-01", end: "2028-12-31" })).toBeUndefined();
    expect(whatIfMismatch({ scenario: "a", start: "2026-01-01", end: "2028-12-31" }, { scenario: "b", start: "2026-01-01", end: "2029-12-31" })).toBe(
      "b reports 2026-01-01 to 2029-12-31, the base a 2026-01-01 to 2028-12-31: a what-if and its base must report the same period",
    );
  });
});
