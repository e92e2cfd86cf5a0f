/**
 * Exact statistics (issue 20): running moments give a constant a standard deviation of exactly
 * 0 and an interval of exactly ±0, and lose no digits on values far from 0 that barely vary;
 * percentiles read from bins stay within the values seen, so a constant reads as itself; a stop
 * rule never stops before its minimum of replicates (a false zero), and a pShort rule stops
 * when the share short's Wilson interval is within the width asked.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KPI_NAMES, kpiKindOf, type MeanKpi } from "../../src/model/index.js";
import { MEAN_KPIS, MIN_RUNS, parseStopRule, proportionInterval, type StopTarget } from "../../src/sweep/index.js";
import { KPI_INDEX } from "../../src/sweep/replicate-outcome.js";
import { RunningMoments } from "../../src/sweep/running-moments.js";
import { SeriesTally } from "../../src/sweep/series-tally.js";
import { StopTally } from "../../src/sweep/stop-tally.js";
import type { SweepPlan } from "../../src/sweep/sweep-plan.js";

const SERIES = [
  { country: "KR", commodity: "ndfeb-magnet" },
  { country: "CN", commodity: "copper" },
];
const DAYS = 365;
const PLAN = { series: SERIES, dayCount: DAYS, periodCount: 1, bandDays: DAYS } as unknown as SweepPlan;

/** The moments of `values` by Welford's update, as the tallies keep them. */
function welford(values: readonly number[]) {
  const moments = new RunningMoments(1);
  for (const v of values) {
    moments.count++;
    moments.add(0, v);
  }
  return moments.interval(0);
}

/** One replicate's KPI values: series s's KPI `name` from `of(s, name)`, never short unless `firstShort` says. */
function kpis(of: (s: number, name: MeanKpi) => number, firstShort: (s: number) => number = () => Number.NaN): Float64Array {
  const values = new Float64Array(SERIES.length * KPI_NAMES.length);
  SERIES.forEach((_, s) => {
    for (const name of MEAN_KPIS) values[s * KPI_NAMES.length + KPI_INDEX[name]] = of(s, name);
    values[s * KPI_NAMES.length + KPI_INDEX.firstShortfallDate] = firstShort(s);
  });
  return values;
}

/** A value a KPI of `name`'s kind can take: whole days, shares in [0, 1], tonnes and indices >= 0. */
function valueOf(name: MeanKpi): fc.Arbitrary<number> {
  switch (kpiKindOf(name).binning) {
    case "exact":
      return fc.integer({ min: 0, max: 4000 });
    case "share":
      return fc.double({ min: 0, max: 1, noNaN: true });
    case "geometric":
      return fc.oneof(fc.constantFrom(0, 1, 75_017.111567, 47_757_431.80245), fc.double({ min: 0, max: 1e11, noNaN: true }));
  }
}

describe("running moments (Welford)", () => {
  it("a constant has exactly its own mean, sd 0 and an interval of exactly ±0 (fast-check, any finite value)", () => {
    fc.assert(
      // -0 sums to +0, which is the same number.
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0), fc.integer({ min: 2, max: 400 }), (c, n) => {
        const interval = welford(new Array<number>(n).fill(c));
        expect(interval).toEqual({ mean: c, low: c, high: c, halfWidth: 0, standardDeviation: 0 });
      }),
    );
  });

  it("CN copper's constant demand (47,757,431.80244961 t in each of 200 flagship replicates): its own mean and sd 0, where sums of squares gave sd 3.72 t", () => {
    const values = new Array<number>(200).fill(47_757_431.80244961);
    expect(welford(values)).toEqual({ mean: 47_757_431.80244961, low: 47_757_431.80244961, high: 47_757_431.80244961, halfWidth: 0, standardDeviation: 0 });
    // What the sum-of-squares formula gave: the cancellation the issue reported (and a mean off in its last bits).
    const sum = values.reduce((a, v) => a + v, 0);
    const squares = values.reduce((a, v) => a + v * v, 0);
    expect(Math.sqrt(Math.max(0, (squares - sum * (sum / 200)) / 199))).toBeCloseTo(3.718756, 6);
    expect(sum / 200).not.toBe(47_757_431.80244961);
  });

  it("near-constant values far from 0 keep their spread, to a few units in the last place of the values (fast-check against deviations taken exactly)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e12, noNaN: true }),
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 300 }),
        (c, steps) => {
          // Values within a millionth of c: their differences from c are exact (Sterbenz), so a two-pass sd of those is the truth to ~1e-15.
          const values = steps.map((k) => c * (1 + k * 1e-9));
          const deviations = values.map((v) => v - c);
          const meanDeviation = deviations.reduce((a, d) => a + d, 0) / deviations.length;
          const truth = Math.sqrt(deviations.reduce((a, d) => a + (d - meanDeviation) ** 2, 0) / (values.length - 1));
          const interval = welford(values);
          // Sums of squares lose about sqrt(n * ulp(c^2)) here: 3.7 t at 47.8 million t.
          expect(Math.abs(interval.standardDeviation - truth)).toBeLessThanOrEqual(4 * Number.EPSILON * c + 1e-9 * truth);
          expect(Math.abs(interval.mean - (c + meanDeviation))).toBeLessThanOrEqual(1e-15 * c);
        },
      ),
    );
  });
});

describe("percentiles held within the values seen", () => {
  it("a constant KPI of every kind reads as itself at every percentile, with sd 0 (fast-check)", () => {
    fc.assert(
      fc.property(fc.record(Object.fromEntries(MEAN_KPIS.map((name) => [name, valueOf(name)])) as Record<MeanKpi, fc.Arbitrary<number>>), fc.integer({ min: 1, max: 60 }), (constants, n) => {
        const tally = new SeriesTally(SERIES.length, DAYS);
        for (let r = 0; r < n; r++) tally.add(kpis((_, name) => constants[name]));
        for (const series of tally.statistics(PLAN, 0, [])) {
          for (const name of MEAN_KPIS) {
            const d = series.kpis[name];
            expect(d.percentiles, name).toEqual(d.percentiles.map(() => constants[name]));
            expect([d.min, d.max, d.mean, d.sd], name).toEqual([constants[name], constants[name], constants[name], 0]);
          }
        }
      }),
    );
  });

  it("near-constant and spread values: every percentile within [min, max] and within its bin's resolution of the true quantile (fast-check)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...MEAN_KPIS), fc.array(fc.double({ min: -0.004, max: 0.004, noNaN: true }), { minLength: 1, maxLength: 80 }), fc.boolean(), (name, jitter, spread) => {
        const base = kpiKindOf(name).binning === "exact" ? 120 : kpiKindOf(name).binning === "share" ? 0.5 : 75_017.111567;
        const values = jitter.map((j, i) => {
          const v = base * (1 + (spread ? j * 100 : j));
          return kpiKindOf(name).binning === "exact" ? Math.round(v) + (spread ? i % 7 : 0) : kpiKindOf(name).binning === "share" ? Math.min(1, Math.max(0, v)) : v;
        });
        const tally = new SeriesTally(SERIES.length, DAYS);
        for (const v of values) tally.add(kpis(() => v));
        const d = tally.statistics(PLAN, 0, [])[0].kpis[name];
        const sorted = [...values].sort((a, b) => a - b);
        expect([d.min, d.max]).toEqual([sorted[0], sorted.at(-1)]);
        for (const p of d.percentiles) {
          expect(p).toBeGreaterThanOrEqual(sorted[0]);
          expect(p).toBeLessThanOrEqual(sorted.at(-1)!);
        }
      }),
    );
  });
});

/** The targets of a rule that parses. */
function targets(rule: string): StopTarget[] {
  const parsed = parseStopRule(rule);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.targets;
}

describe("stop rules", () => {
  it(`never stop before their minimum (default ${MIN_RUNS}) on a false zero: KR magnets short in 14.5% of replicates, none in the first ones (fast-check)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: MIN_RUNS - 1 }), fc.array(fc.double({ min: 0, max: 300, noNaN: true }), { maxLength: 60 }), (zeros, later) => {
        const rule = new StopTally(targets("shortfallDays KR ndfeb-magnet: mean ±5% @95%"), SERIES, DAYS);
        for (let r = 0; r < zeros; r++) {
          rule.add(kpis(() => 0));
          // Mean 0, sd 0, interval 0 to 0: within ±5% of 0, yet far too few replicates to say so.
          expect(rule.isMet(), `after ${rule.count} zeros`).toBe(false);
        }
        for (const v of later) {
          rule.add(kpis(() => v));
          if (rule.count < MIN_RUNS) expect(rule.isMet()).toBe(false);
        }
      }),
    );
  });

  it("stop on a zero variance only from their minimum on: 4 zeros meet a rule with min 4, not one without", () => {
    const loose = new StopTally(targets("shortfallDays KR ndfeb-magnet: mean ±5% @95% min 4"), SERIES, DAYS);
    const strict = new StopTally(targets("shortfallDays KR ndfeb-magnet: mean ±5% @95%"), SERIES, DAYS);
    for (let r = 0; r < 4; r++) {
      expect(loose.isMet()).toBe(false);
      loose.add(kpis(() => 0));
      strict.add(kpis(() => 0));
    }
    expect([loose.isMet(), strict.isMet()]).toEqual([true, false]);
  });

  it("a pShort rule stops exactly when the share short's Wilson interval is within the width (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 400 }), fc.integer({ min: 2, max: 60 }), fc.constantFrom(2, 5, 10), fc.constantFrom(90, 95, 99), (shorts, min, points, confidence) => {
        const rule = new StopTally(targets(`pShort KR ndfeb-magnet: ±${points} points @${confidence}% min ${min}`), SERIES, DAYS);
        let short = 0;
        shorts.forEach((isShort, r) => {
          rule.add(kpis(() => 1, (s) => (s === 0 && isShort ? r % DAYS : Number.NaN)));
          if (isShort) short++;
          const n = r + 1;
          expect(rule.isMet()).toBe(n >= min && proportionInterval(short, n, confidence / 100).halfWidth <= points / 100);
        });
      }),
    );
  });

  it("a pShort rule with no replicate short needs 93 replicates for ±2 points at 95% (Wilson: z^2 / (2 (n + z^2)) <= 0.02)", () => {
    const rule = new StopTally(targets("pShort KR ndfeb-magnet: ±2 points @95% min 2"), SERIES, DAYS);
    const met: number[] = [];
    for (let n = 1; n <= 100; n++) {
      rule.add(kpis(() => 0));
      if (rule.isMet()) met.push(n);
    }
    expect(met[0]).toBe(93);
  });
});

describe("proportionInterval (Wilson's score interval)", () => {
  // Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i of %i: %f to %f", (successes, trials, low, high) => {
    const interval = proportionInterval(successes, trials);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
    expect(interval.halfWidth).toBeCloseTo((interval.high - interval.low) / 2, 15);
  });

  it("is never empty: 0 of n runs from 0 to z^2 / (n + z^2), n of n from n / (n + z^2) to 1", () => {
    const z = 1.959963984540054;
    expect(proportionInterval(0, 4)).toEqual({ share: 0, low: 0, high: expect.closeTo((z * z) / (4 + z * z), 14), halfWidth: expect.closeTo((z * z) / (2 * (4 + z * z)), 14) });
    expect(proportionInterval(4, 4).low).toBeCloseTo(4 / (4 + z * z), 14);
    expect(proportionInterval(4, 4).high).toBe(1);
  });

  it.each<[() => unknown, string]>([
    [() => proportionInterval(0, 0), "proportionInterval: trials must be a whole number >= 1, got 0"],
    [() => proportionInterval(5, 4), "proportionInterval: successes must be a whole number from 0 to 4, got 5"],
    [() => proportionInterval(1, 4, 1), "proportionInterval: confidence must be in (0, 1), got 1"],
  ])("refuses %s", (call, message) => {
    expect(call).toThrow(message);
  });
});
