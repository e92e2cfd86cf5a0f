/**
 * The accumulators SweepTally is made of, each on hand-computed replicates: running moments,
 * a series' KPI distributions and first shortfalls, paired differences (a tie is no win), the
 * countries' totals with their differences, and bands. (SweepTally as a whole, and its bytes
 * however a sweep is split, are tested in sweep-replicates.test.ts and the CLI's merge tests.)
 */
import { describe, expect, it } from "vitest";
import { KPI_NAMES } from "../../src/model/index.js";
import { BandTally } from "../../src/sweep/band-tally.js";
import { CountryTotals } from "../../src/sweep/country-totals.js";
import { meanInterval } from "../../src/sweep/mean-interval.js";
import { PairedTally } from "../../src/sweep/paired-tally.js";
import { pairedOutcome } from "../../src/sweep/paired-outcome.js";
import { KPI_INDEX, type AlternativeOutcome, type ReplicateOutcome } from "../../src/sweep/replicate-outcome.js";
import { RunningMoments } from "../../src/sweep/running-moments.js";
import { SeriesTally } from "../../src/sweep/series-tally.js";
import type { SweepPlan } from "../../src/sweep/sweep-plan.js";
import { ALL_COMMODITIES, type SeriesStatistics } from "../../src/sweep/sweep-statistics.js";

const SERIES = [
  { country: "US", commodity: "gallium" },
  { country: "US", commodity: "germanium" },
  { country: "JP", commodity: "gallium" },
];

/** KPI values of the series: each series' KPIs from `of(series)`, the rest 0 (dates NaN: never short). */
function kpis(of: (s: number) => Partial<Record<(typeof KPI_NAMES)[number], number>>): Float64Array {
  const values = new Float64Array(SERIES.length * KPI_NAMES.length);
  SERIES.forEach((_, s) => {
    values[s * KPI_NAMES.length + KPI_INDEX.firstShortfallDate] = Number.NaN;
    for (const [name, value] of Object.entries(of(s))) values[s * KPI_NAMES.length + KPI_INDEX[name as keyof typeof KPI_INDEX]] = value;
  });
  return values;
}

function alternative(values: Float64Array): AlternativeOutcome {
  return { kpis: values, inputs: new Float64Array(0), shareBins: new Uint8Array(0), stockBins: new Uint16Array(0), bandLows: new Float64Array(0), bandHighs: new Float64Array(0) };
}

const PLAN = { series: SERIES, dayCount: 100, periodCount: 2, bandDays: 50 } as unknown as SweepPlan;

describe("running moments", () => {
  it("give the mean and interval of the values added", () => {
    const moments = new RunningMoments(2);
    for (const v of [3, 5, 10]) {
      moments.count++;
      moments.add(1, v);
    }
    // Mean 6, squared deviations 9 + 1 + 16.
    expect(moments.interval(1)).toEqual(meanInterval({ count: 3, mean: 6, squaredDeviations: 26 }));
    expect(moments.mean[0]).toBe(0);
  });
});

describe("a series' tally", () => {
  it("counts each KPI's mean and the share of replicates short by a day", () => {
    const tally = new SeriesTally(SERIES.length, PLAN.dayCount);
    tally.add(kpis((s) => ({ unmetTonnes: 10 * (s + 1), firstShortfallDate: s === 0 ? 20 : Number.NaN })));
    tally.add(kpis((s) => ({ unmetTonnes: 30 * (s + 1) })));
    const stats = tally.statistics(PLAN, 0, ["1970-01-31"]);
    expect(stats.map((s) => s.kpis.unmetTonnes.mean)).toEqual([20, 40, 60]);
    expect(stats.map((s) => s.pShort)).toEqual([0.5, 0, 0]);
    expect(stats[0].pShortBy).toEqual([{ date: "1970-01-31", p: 0.5 }]);
    expect(stats[0].pShortByPeriod).toEqual([0.5, 0.5]);
  });
});

describe("paired differences", () => {
  it("count a strictly lower value as a win and a tie as none", () => {
    const tally = new PairedTally(SERIES.length);
    tally.add(kpis(() => ({ unmetTonnes: 4 })), kpis(() => ({ unmetTonnes: 6 })));
    tally.add(kpis(() => ({ unmetTonnes: 6 })), kpis(() => ({ unmetTonnes: 6 })));
    const means = (mean: number) => SERIES.map(() => ({ kpis: { unmetTonnes: { mean }, shortfallDays: { mean: 0 }, peakShortfallShare: { mean: 0 }, unmetValue: { mean: 0 } } })) as unknown as SeriesStatistics[];
    const unmet = tally.differences("policy", means(6), means(5), SERIES).filter((d) => d.kpi === "unmetTonnes");
    expect(unmet).toHaveLength(3);
    expect(unmet[0]).toMatchObject({ alternative: "policy", country: "US", commodity: "gallium", baseMean: 6, alternativeMean: 5, diffMean: -1, pBetter: 0.5, pWorse: 0 });
  });

  it("count differences within rounding as ties, not as wins or losses", () => {
    const tally = new PairedTally(SERIES.length);
    // The last digits of a sum: a tie. A gram more (above a millionth of a tonne): a loss.
    tally.add(kpis(() => ({ unmetTonnes: 122.9 - 1e-12 })), kpis(() => ({ unmetTonnes: 122.9 })));
    tally.add(kpis(() => ({ unmetTonnes: 122.9 * (1 + 5e-10) })), kpis(() => ({ unmetTonnes: 122.9 })));
    tally.add(kpis(() => ({ unmetTonnes: 0.002 })), kpis(() => ({ unmetTonnes: 0.001 })));
    tally.add(kpis(() => ({ unmetTonnes: 1e6 - 0.01 })), kpis(() => ({ unmetTonnes: 1e6 })));
    const means = (mean: number) => SERIES.map(() => ({ kpis: { unmetTonnes: { mean }, shortfallDays: { mean: 0 }, peakShortfallShare: { mean: 0 }, unmetValue: { mean: 0 } } })) as unknown as SeriesStatistics[];
    const [d] = tally.differences("policy", means(0), means(0), SERIES).filter((x) => x.kpi === "unmetTonnes");
    expect([d.pBetter, d.pWorse]).toEqual([0.25, 0.25]);
  });
});

describe("paired outcome", () => {
  it("is a tie within a millionth of the unit or a billionth of the larger value, and better or worse beyond", () => {
    expect([pairedOutcome(0, 0), pairedOutcome(1e-7, 0), pairedOutcome(2e-6, 0), pairedOutcome(0, 2e-6)]).toEqual([0, 0, 1, -1]);
    expect([pairedOutcome(1e9 + 0.5, 1e9), pairedOutcome(1e9 + 2, 1e9), pairedOutcome(1e9 - 2, 1e9)]).toEqual([0, 1, -1]);
  });
});

describe("country totals", () => {
  it("sum each country's unmet tonnes and every pair's, with paired differences from the base", () => {
    const totals = new CountryTotals(SERIES, 2);
    const replicate = (r: number, base: number[], policy: number[]): ReplicateOutcome => ({
      replicate: r,
      alternatives: [alternative(kpis((s) => ({ unmetTonnes: base[s] }))), alternative(kpis((s) => ({ unmetTonnes: policy[s] })))],
    });
    totals.add(replicate(0, [1, 2, 4], [1, 1, 4]));
    totals.add(replicate(1, [3, 4, 8], [3, 4, 9]));
    expect(totals.countries).toEqual(["US", "JP"]);
    expect(totals.byCountry(0).map((t) => [t.country, t.unmetTonnes.mean])).toEqual([
      ["US", 5],
      ["JP", 6],
    ]);
    expect(totals.differences(1, "policy").filter((d) => d.kpi === "unmetTonnes").map((d) => [d.country, d.commodity, d.diffMean, d.pBetter, d.pWorse])).toEqual([
      ["US", ALL_COMMODITIES, -0.5, 0.5, 0],
      ["JP", ALL_COMMODITIES, 0.5, 0, 0.5],
    ]);
    const [base, policy] = totals.overall([{ name: "base" }, { name: "policy" }] as unknown as SweepPlan["alternatives"]);
    expect(base).toMatchObject({ name: "base", unmetTonnes: { mean: 11 }, difference: undefined });
    expect(policy).toMatchObject({ name: "policy", unmetTonnes: { mean: 11 }, difference: { mean: 0, pBetter: 0.5, pWorse: 0.5 } });
  });
});

describe("bands", () => {
  it("give per series and period the share of replicates short", () => {
    const bands = new BandTally(PLAN.periodCount * SERIES.length);
    // Band values: the share a bin stands for where short, and empty stocks.
    const values = (shareBins: number[]) => Float64Array.from([...shareBins.map((bin) => (bin === 0 ? 0 : bin / 200)), ...shareBins.map(() => 0)]);
    const outcome = (shareBins: number[]): AlternativeOutcome => ({ ...alternative(new Float64Array(0)), shareBins: Uint8Array.from(shareBins), stockBins: new Uint16Array(shareBins.length), bandLows: values(shareBins), bandHighs: values(shareBins) });
    bands.add(outcome([0, 0, 0, 5, 0, 0]));
    bands.add(outcome([1, 0, 0, 0, 0, 0]));
    const rows = bands.rows(PLAN, 0);
    expect(rows.map((r) => [r.date, r.country, r.commodity, r.pShort])).toEqual([
      ["1970-01-01", "US", "gallium", 0.5],
      ["1970-02-20", "US", "gallium", 0.5],
      ["1970-01-01", "US", "germanium", 0],
      ["1970-02-20", "US", "germanium", 0],
      ["1970-01-01", "JP", "gallium", 0],
      ["1970-02-20", "JP", "gallium", 0],
    ]);
  });
});
