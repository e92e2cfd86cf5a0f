/**
 * The ranking of a compare's alternatives by the value of unmet demand, against a hand
 * computation: paired differences between alternatives (not only with the base), intervals
 * widened for the number of comparisons with the best (Bonferroni), and the set the data cannot
 * tell from the best; identical alternatives tie.
 */
import { describe, expect, it } from "vitest";
import { KPI_NAMES } from "../../src/model/index.js";
import { rankAlternatives } from "../../src/sweep/alternative-ranking.js";
import { CountryTotals } from "../../src/sweep/country-totals.js";
import { KPI_INDEX, type ReplicateOutcome } from "../../src/sweep/replicate-outcome.js";
import type { SweepPlan } from "../../src/sweep/sweep-plan.js";

const SERIES = [
  { country: "US", commodity: "gallium" },
  { country: "JP", commodity: "gallium" },
];

/** One replicate: alternative a's unmet value, all in the US's series (the JP one 0). */
function replicate(r: number, values: readonly number[]): ReplicateOutcome {
  return {
    replicate: r,
    alternatives: values.map((v) => {
      const kpis = new Float64Array(SERIES.length * KPI_NAMES.length);
      kpis[KPI_INDEX.unmetValue] = v;
      kpis[KPI_INDEX.unmetTonnes] = v / 1000;
      return { kpis, inputs: new Float64Array(0), shareBins: new Uint8Array(0), stockBins: new Uint16Array(0), bandLows: new Float64Array(0), bandHighs: new Float64Array(0) };
    }),
  };
}

function tally(byReplicate: readonly (readonly number[])[]): CountryTotals {
  const totals = new CountryTotals(SERIES, byReplicate[0].length);
  byReplicate.forEach((values, r) => totals.add(replicate(r, values)));
  return totals;
}

const NAMES = ["base", "b", "c"];
const ALTERNATIVES = NAMES.map((name) => ({ name })) as unknown as SweepPlan["alternatives"];

function ranking(totals: CountryTotals) {
  const overall = totals.overall(ALTERNATIVES);
  return rankAlternatives(
    "unmetValue",
    NAMES,
    overall.map((o) => o.unmetValue.mean),
    (i, j, confidence) => totals.betweenAlternatives(i, j, confidence),
  );
}

describe("ranking alternatives by value", () => {
  // Base 10, 12, 11, 13; b 5, 6, 5, 7; c 5, 7, 5, 8 (US$).
  const totals = tally([
    [10, 5, 5],
    [12, 6, 7],
    [11, 5, 5],
    [13, 7, 8],
  ]);

  it("compares every alternative with the best, with Bonferroni intervals: 2 comparisons at 97.5% each", () => {
    const result = ranking(totals);
    expect(result.eachConfidence).toBeCloseTo(0.975, 12);
    expect(result.rows.map((r) => r.name)).toEqual(["b", "c", "base"]);
    // c - b: 0, 1, 0, 1: mean 0.5, sd sqrt(1/3); t(1 - 0.025/2, 3) = 4.176535; half-width 4.176535 * 0.57735 / 2 = 1.20566.
    const c = result.rows[1];
    expect(c.vsBest.mean).toBeCloseTo(0.5, 12);
    expect(c.vsBest.ciLow).toBeCloseTo(0.5 - 1.20566, 4);
    expect(c.vsBest.ciHigh).toBeCloseTo(0.5 + 1.20566, 4);
    expect([c.vsBest.pBetter, c.vsBest.pWorse]).toEqual([0, 0.5]);
    // base - b: 5, 6, 6, 6: mean 5.75, sd 0.5; half-width 4.176535 * 0.5 / 2 = 1.04413.
    const base = result.rows[2];
    expect(base.vsBest.mean).toBeCloseTo(5.75, 12);
    expect(base.vsBest.ciLow).toBeCloseTo(5.75 - 1.04413, 4);
    expect(base.vsBest.pWorse).toBe(1);
  });

  it("calls the alternatives whose corrected interval holds 0 tied with the best, and the rest worse", () => {
    expect(ranking(totals).rows.map((r) => [r.name, r.indistinguishable])).toEqual([
      ["b", true],
      ["c", true],
      ["base", false],
    ]);
  });

  it("compares every two alternatives too, in ranking order, with intervals widened over the 3 pairs", () => {
    const result = ranking(totals);
    expect(result.pairConfidence).toBeCloseTo(1 - 0.05 / 3, 12);
    expect(result.pairs.map((p) => [p.better, p.worse])).toEqual([
      ["b", "c"],
      ["b", "base"],
      ["c", "base"],
    ]);
    // base - c: 5, 5, 6, 5: mean 5.25, sd 0.5; t(1 - 0.05 / 6, 3) = 4.856657 (from the closed-form t CDF at 3 degrees of freedom); half-width 4.856657 * 0.5 / 2 = 1.214164.
    const cBase = result.pairs[2].difference;
    expect(cBase.mean).toBeCloseTo(5.25, 12);
    expect(cBase.ciHigh - cBase.mean).toBeCloseTo(1.214164, 5);
    expect([cBase.pBetter, cBase.pWorse]).toEqual([0, 1]);
  });

  it("gives the difference either way round, mirrored", () => {
    const forward = totals.betweenAlternatives(1, 2, 0.95);
    const backward = totals.betweenAlternatives(2, 1, 0.95);
    expect([backward.mean, backward.ciLow, backward.ciHigh, backward.pBetter, backward.pWorse]).toEqual([-forward.mean, -forward.ciHigh, -forward.ciLow, forward.pWorse, forward.pBetter]);
  });

  it("ties identical alternatives: no replicate better or worse, tied with the best", () => {
    const same = tally([
      [10, 10, 9],
      [12, 12, 11],
      [11, 11, 10],
    ]);
    const rows = ranking(same).rows;
    expect(rows.map((r) => r.name)).toEqual(["c", "base", "b"]);
    const b = same.betweenAlternatives(0, 1, 0.95);
    expect([b.mean, b.pBetter, b.pWorse]).toEqual([0, 0, 0]);
    expect(rows.map((r) => r.indistinguishable)).toEqual([true, false, false]);
  });

  it("sums value and tonnes per country and over all, each apart", () => {
    const overall = totals.overall(ALTERNATIVES);
    expect(overall[0].unmetValue.mean).toBe(11.5);
    expect(overall[0].unmetTonnes.mean).toBeCloseTo(0.0115, 15);
    expect(totals.byCountry(0).map((t) => [t.country, t.unmetValue.mean])).toEqual([
      ["US", 11.5],
      ["JP", 0],
    ]);
  });
});
