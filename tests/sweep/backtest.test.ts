/**
 * The backtest's arithmetic against hand-computed answers: monthly series off a daily record
 * (sums, demand-weighted prices, shares), views against a baseline window or the year before,
 * every criterion kind, the verdicts; and fast-check properties of the trough and recovery.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { epochDayFromIso, monthFromIso, Timeline, type WorldSpec } from "../../src/model/index.js";
import type { EpisodeCriterion, EpisodeSeries } from "../../src/scenario/index.js";
import { criterionValue, meets, MonthlySeries, monthlySeries, recoveryMonth, scoreCriterion, wholeMonths } from "../../src/sweep/index.js";

const month = (text: string) => monthFromIso(text) as number;
const span = (first: string, last: string) => ({ first: month(first), last: month(last) });

function series(overrides: Partial<EpisodeSeries> = {}): EpisodeSeries {
  return { name: "s", label: "test", measure: "exports", countries: ["CN"], except: [], commodities: ["metal"], baseline: span("2023-01", "2023-03"), per: undefined, path: [], ...overrides };
}

function criterion(c: Record<string, unknown>): EpisodeCriterion {
  return { source: "test", why: "test", seriesIndex: 0, path: [], ...c } as unknown as EpisodeCriterion;
}

/** Monthly tonnes from 2023-01: a flat 100, a dip and a recovery. */
const PATH = [100, 100, 100, 100, 40, 0, 20, 60, 90, 110, 100, 100, 100, 100, 100, 100, 100, 100];
const monthly = new MonthlySeries(month("2023-01"), Float64Array.from(PATH), undefined);

describe("MonthlySeries", () => {
  it("reads a window's average month and its change against the baseline or the year before", () => {
    const s = series();
    expect(monthly.average(month("2023-05"), month("2023-06"))).toBe(20);
    expect(monthly.view(s, month("2023-05"), month("2023-06"))).toBeCloseTo(-0.8, 12);
    expect(monthly.view(s, month("2024-05"), month("2024-06"), "year-before")).toBeCloseTo(100 / 20 - 1, 12);
    // Outside the months it holds: undefined, never a guess.
    expect(monthly.view(s, month("2022-12"), month("2023-01"))).toBeNaN();
    expect(monthly.view(s, month("2023-05"), month("2023-06"), "year-before")).toBeNaN();
  });

  it("sums days into whole calendar months, weighs prices by demand, and divides shares", () => {
    // Two markets (CN and US metal), 2023-01-15 to 2023-04-10: whole months are February and March.
    const start = epochDayFromIso("2023-01-15") as number;
    const days = (epochDayFromIso("2023-04-10") as number) - start + 1;
    expect(wholeMonths(start, days)).toEqual(span("2023-02", "2023-03"));
    const spec = {
      countries: [{ id: "CN" }, { id: "US" }],
      commodities: [{ id: "metal" }],
      markets: [
        { country: 0, commodity: 0 },
        { country: 1, commodity: 0 },
      ],
    } as unknown as WorldSpec;
    const timeline = new Timeline(start, days, [
      { country: "CN", commodity: "metal" },
      { country: "US", commodity: "metal" },
    ]);
    for (let day = 0; day < days; day++) {
      timeline.columns.exports_t[day * 2] = 2; // CN: 2 t a day
      timeline.columns.exports_t[day * 2 + 1] = 1;
      timeline.columns.demand_t[day * 2] = 1;
      timeline.columns.demand_t[day * 2 + 1] = 3;
      timeline.columns.price_index[day * 2] = 1;
      timeline.columns.price_index[day * 2 + 1] = 2;
    }
    const exports = monthlySeries(timeline, spec, series({ baseline: "year-before" }));
    expect(exports.firstMonth).toBe(month("2023-02"));
    expect([...exports.num]).toEqual([2 * 28, 2 * 31]);
    const price = monthlySeries(timeline, spec, series({ measure: "price", countries: undefined, baseline: "year-before" }));
    // Weighted by demand: (1 x 1 + 2 x 3) / 4.
    expect(price.average(month("2023-02"), month("2023-03"))).toBeCloseTo(7 / 4, 12);
    const share = monthlySeries(timeline, spec, series({ baseline: undefined, per: "exports" }));
    expect(share.average(month("2023-02"), month("2023-02"))).toBeCloseTo(2 / 3, 12);
    const rest = monthlySeries(timeline, spec, series({ countries: undefined, except: ["CN"], baseline: "year-before" }));
    expect([...rest.num]).toEqual([28, 31]);
  });
});

describe("criteria", () => {
  const s = series();
  const value = (c: Record<string, unknown>) => criterionValue(criterion(c), s, monthly);

  it("measure direction, trough, level, recovery, first month above, peak year and rise per year", () => {
    expect(value({ kind: "direction", window: span("2023-05", "2023-08") })).toBe(-1);
    expect(value({ kind: "direction", window: span("2023-10", "2023-10") })).toBe(1);
    expect(value({ kind: "direction", window: span("2023-11", "2023-11") })).toBe(0);
    expect(value({ kind: "trough-month", within: span("2023-01", "2024-06") })).toBe(month("2023-06"));
    expect(value({ kind: "trough-depth", within: span("2023-01", "2024-06") })).toBe(-1);
    expect(value({ kind: "level", window: span("2023-05", "2023-08") })).toBeCloseTo(30 / 100 - 1, 12);
    // Back within 25%: 90 in September (the first month at -25% or better after the trough).
    expect(value({ kind: "recovery-month", within: span("2023-01", "2024-06"), band: 0.25 })).toBe(month("2023-09"));
    expect(value({ kind: "recovery-month", within: span("2023-01", "2024-06"), band: 0.05 })).toBe(month("2023-10"));
    expect(value({ kind: "first-above", within: span("2023-01", "2024-06"), threshold: 0.05 })).toBe(month("2023-10"));
    expect(value({ kind: "first-above", within: span("2023-01", "2024-06"), threshold: 0.5 })).toBe(Infinity);
    // Both twelve-month windows of the span (Jan-Dec 2023, Feb 2023-Jan 2024) sum to 920 t.
    expect(value({ kind: "peak-year", within: span("2023-01", "2024-01") })).toBeCloseTo(920 / 1200 - 1, 12);
    expect(value({ kind: "peak-year", within: span("2023-06", "2024-06") })).toBeCloseTo((920 - 400 - 40 + 600) / 1200 - 1, 12);
    expect(value({ kind: "rise-per-year", from: span("2023-06", "2023-06"), to: span("2024-06", "2024-06") })).toBeCloseTo(1, 12);
  });

  it("meet the record within the tolerance, a range, or months either way; a flat series has no direction", () => {
    const depth = criterion({ kind: "trough-depth", within: span("2023-01", "2023-12"), record: -0.85, tolerance: 0.15 });
    expect(meets(depth, -1)).toBe(true);
    expect(meets(depth, -0.6999)).toBe(false);
    const level = criterion({ kind: "level", window: span("2023-01", "2023-02"), record: -0.78, range: [-0.9, -0.55] });
    expect(meets(level, -0.55)).toBe(true);
    expect(meets(level, -0.5)).toBe(false);
    const trough = criterion({ kind: "trough-month", within: span("2023-01", "2023-12"), record: month("2023-05"), tolerance: 1 });
    expect(meets(trough, month("2023-06"))).toBe(true);
    expect(meets(trough, month("2023-07"))).toBe(false);
    const never = criterion({ kind: "recovery-month", within: span("2023-01", "2023-12"), band: 0.25, record: "none", tolerance: 2 });
    expect(meets(never, Infinity)).toBe(true);
    expect(meets(never, month("2023-12"))).toBe(false);
    const down = criterion({ kind: "direction", window: span("2023-01", "2023-02"), record: "down" });
    expect(meets(down, -1)).toBe(true);
    expect(meets(down, 0)).toBe(false);
    expect(meets(down, Number.NaN)).toBe(false);
  });

  it("are met, partly met or missed by the share of replicates within the tolerance", () => {
    const depth = criterion({ kind: "trough-depth", within: span("2023-01", "2023-12"), record: -0.5, tolerance: 0.1 });
    expect(scoreCriterion(depth, [-0.5, -0.45, -0.55, -0.6, -0.41]).verdict).toBe("met");
    expect(scoreCriterion(depth, [-0.5, -0.9, -0.9, -0.9, -0.9]).verdict).toBe("partly");
    expect(scoreCriterion(depth, [-0.9, -0.9, -0.9, -0.9, -0.9]).verdict).toBe("missed");
    const score = scoreCriterion(depth, [-0.1, -0.2, -0.3, -0.4, Number.NaN]);
    expect(score.shareMet).toBe(0.2);
    // The median of the four numbers (NaN left out).
    expect(score.median).toBeCloseTo(-0.25, 12);
  });

  it("a trough's depth is the lowest month and its month holds it; recovery never comes before the trough", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 4, maxLength: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (path, band) => {
        const m = new MonthlySeries(month("2023-01"), Float64Array.from(path), undefined);
        const s2 = series({ baseline: span("2023-01", "2023-01") });
        if (!(path[0] > 0)) return;
        const within = { first: month("2023-01"), last: month("2023-01") + path.length - 1 };
        const depth = criterionValue(criterion({ kind: "trough-depth", within }), s2, m);
        const trough = criterionValue(criterion({ kind: "trough-month", within }), s2, m);
        expect(depth).toBeCloseTo(Math.min(...path) / path[0] - 1, 9);
        expect(m.view(s2, trough, trough)).toBeCloseTo(depth, 9);
        const recovery = recoveryMonth(within.first, within.last, band, (k) => m.view(s2, k, k));
        const views = path.map((v) => v / path[0] - 1);
        const extreme = within.first + views.reduce((best, v, i) => (Math.abs(v) > Math.abs(views[best]) ? i : best), 0);
        expect(recovery >= extreme).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
