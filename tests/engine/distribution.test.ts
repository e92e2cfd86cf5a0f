/**
 * Distributions: the inverse CDF is monotone and stays in the support for every family and any
 * parameters (far-tail truncations and u at the ends included), known values, means that agree
 * with the quantile function, samples that reproduce their distribution, one uniform per draw,
 * and the parameter checks' messages.
 */
import betaCdf from "@stdlib/stats-base-dists-beta-cdf";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import erfcx from "@stdlib/math-base-special-erfcx";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bounds, checkDistribution, EngineError, meanOf, quantile, RandomStreams, sample, type Distribution } from "../../src/engine/index.js";

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 400) };
const LAST_U = 1 - 2 ** -53;

const isValid = (distribution: Distribution) => {
  try {
    checkDistribution(distribution, "d");
    return true;
  } catch {
    return false;
  }
};

const number = (range: number) => fc.double({ min: -range, max: range, noNaN: true });
const sorted = (count: number, range = 1e6) => fc.array(number(range), { minLength: count, maxLength: count }).map((xs) => xs.sort((a, b) => a - b));
const positive = (logRange: number) => fc.double({ min: -logRange, max: logRange, noNaN: true }).map(Math.exp);
// Standard scores for truncation points: ordinary ones, infinite ones, and ones far in a tail.
const score = fc.oneof(
  fc.constantFrom(-Infinity, Infinity, -1000, -45, -38, -30.000001, -29.999999, 29.999999, 30.000001, 38, 45, 1000, 1e6),
  fc.double({ min: -60, max: 60, noNaN: true }),
);
const spread = (logRange: number) => fc.oneof(fc.constant(0), positive(logRange));

const families: Record<string, fc.Arbitrary<Distribution>> = {
  fixed: number(1e6).map((value) => ({ kind: "fixed", value })),
  uniform: sorted(2).map(([min, max]) => ({ kind: "uniform", min, max })),
  triangular: sorted(3).map(([min, mode, max]) => ({ kind: "triangular", min, mode, max })),
  pert: fc.tuple(sorted(3), fc.double({ min: 0, max: 50, noNaN: true })).map(([[min, mode, max], shape]) => ({ kind: "pert", min, mode, max, shape })),
  normal: fc
    .tuple(number(1e6), spread(14), score, score)
    .map(([mean, standardDeviation, a, b]): Distribution => {
      if (standardDeviation === 0) return { kind: "normal", mean, standardDeviation, min: mean - Math.abs(a), max: mean + Math.abs(b) };
      return { kind: "normal", mean, standardDeviation, min: mean + standardDeviation * Math.min(a, b), max: mean + standardDeviation * Math.max(a, b) };
    })
    .filter(isValid),
  lognormal: fc
    .tuple(positive(7), spread(2), fc.oneof(fc.constant(-Infinity), score), score)
    .map(([median, sigma, a, b]): Distribution => {
      const [low, high] = a < b ? [a, b] : [b, a];
      const min = sigma === 0 ? 0 : median * Math.exp(sigma * low);
      const max = sigma === 0 ? Infinity : median * Math.exp(sigma * high);
      return { kind: "lognormal", median, sigma, min, max };
    })
    .filter(isValid),
  exponential: positive(20).map((mean) => ({ kind: "exponential", mean })),
  discrete: fc
    .integer({ min: 1, max: 8 })
    .chain((count) => fc.tuple(sorted(count), fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true })), { minLength: count, maxLength: count })))
    .map(([values, weights]): Distribution => ({ kind: "discrete", values, weights }))
    .filter(isValid),
};

const uniform = fc.oneof(
  fc.constantFrom(0, LAST_U, 0.5, 2 ** -53),
  fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  fc.double({ min: 0, max: 1e-12, noNaN: true }),
  fc.double({ min: 1 - 1e-12, max: 1, maxExcluded: true, noNaN: true }),
);

describe("quantile on random parameters", () => {
  it.each(Object.entries(families))("%s: is non-decreasing in u, never NaN, and stays inside bounds", (_, family) => {
    fc.assert(
      fc.property(family, uniform, uniform, (distribution, u1, u2) => {
        const [low, high] = u1 <= u2 ? [u1, u2] : [u2, u1];
        const support = bounds(distribution);
        const [x, y] = [quantile(distribution, low), quantile(distribution, high)];
        expect(x).not.toBeNaN();
        expect(y).not.toBeNaN();
        expect(x).toBeLessThanOrEqual(y);
        for (const value of [x, y]) {
          expect(value).toBeGreaterThanOrEqual(support.min);
          expect(value).toBeLessThanOrEqual(support.max);
        }
        expect(quantile(distribution, 0) === support.min).toBe(true); // === : 0 and -0 are the same end
      }),
      RUNS,
    );
  });

  it("meanOf lies inside bounds for every family", () => {
    for (const family of Object.values(families)) {
      fc.assert(
        fc.property(family, (distribution) => {
          const mean = meanOf(distribution);
          const support = bounds(distribution);
          expect(mean).toBeGreaterThanOrEqual(support.min);
          expect(mean).toBeLessThanOrEqual(support.max);
        }),
        { numRuns: 200 },
      );
    }
  });
});

const standardNormal: Distribution = { kind: "normal", mean: 0, standardDeviation: 1, min: -Infinity, max: Infinity };

describe("known values", () => {
  it("the standard normal's 97.5% point is 1.959963985", () => {
    expect(quantile(standardNormal, 0.975)).toBeCloseTo(1.959963985, 9);
    expect(quantile(standardNormal, 0.025)).toBeCloseTo(-1.959963985, 9);
    expect(quantile(standardNormal, 0.5)).toBe(0);
  });

  it("keeps full precision deep in the untruncated tails", () => {
    expect(quantile(standardNormal, 2 ** -53)).toBeCloseTo(-8.209536151601387, 12);
    expect(quantile(standardNormal, LAST_U)).toBeCloseTo(8.209536151601387, 12);
    expect(quantile(standardNormal, 1e-300)).toBeCloseTo(-37.04709629936378, 10);
    expect(quantile(standardNormal, 0)).toBe(-Infinity);
    expect(quantile(standardNormal, 1)).toBe(Infinity);
  });

  it("a symmetrically truncated normal has its median at the mean and mirror-image quantiles", () => {
    const d: Distribution = { kind: "normal", mean: 10, standardDeviation: 2, min: 7, max: 13 };
    expect(quantile(d, 0.5)).toBeCloseTo(10, 12);
    for (const u of [0, 1e-9, 0.01, 0.2, 0.4]) expect(quantile(d, u) - 10).toBeCloseTo(10 - quantile(d, 1 - u), 9);
    expect(quantile(d, 0)).toBe(7);
    expect(quantile(d, 1)).toBe(13);
  });

  it("a half-normal's median is the untruncated 75% point", () => {
    expect(quantile({ kind: "normal", mean: 0, standardDeviation: 1, min: 0, max: Infinity }, 0.5)).toBeCloseTo(0.6744897501960817, 12);
    expect(quantile({ kind: "normal", mean: 0, standardDeviation: 1, min: -Infinity, max: 0 }, 0.5)).toBeCloseTo(-0.6744897501960817, 12);
  });

  it("inverts truncations far in a tail, where the tail mass underflows, in log space", () => {
    // Q(x) / Q(40) = 1/2 at the median of the normal truncated to [40, Infinity).
    const median = quantile({ kind: "normal", mean: 0, standardDeviation: 1, min: 40, max: Infinity }, 0.5);
    const logShare = Math.log(erfcx(median / Math.SQRT2) / erfcx(40 / Math.SQRT2)) - (median * median - 1600) / 2;
    expect(logShare).toBeCloseTo(Math.log(0.5), 12);
    // At 1000 deviations the truncated normal is 1000 + an exponential of rate ~1000.
    const far = quantile({ kind: "normal", mean: 0, standardDeviation: 1, min: 1000, max: Infinity }, 0.5);
    expect((far - 1000) / (Math.LN2 / 1000)).toBeCloseTo(1, 5);
    // F(quantile(u)) = u across the range, by the exact tail ratio.
    for (const u of [1e-15, 1e-6, 0.1, 0.5, 0.9, 1 - 1e-9, LAST_U]) {
      const x = quantile({ kind: "normal", mean: 0, standardDeviation: 1, min: 40, max: Infinity }, u);
      const share = Math.exp(Math.log(erfcx(x / Math.SQRT2) / erfcx(40 / Math.SQRT2)) - ((x - 40) * (x + 40)) / 2);
      expect(Math.abs(1 - share - u)).toBeLessThan(1e-13);
    }
    // The lower tail mirrors the upper one.
    expect(quantile({ kind: "normal", mean: 0, standardDeviation: 1, min: -Infinity, max: -40 }, 0.5)).toBe(-median);
    // Both sides of the switch to log space agree.
    const near = (min: number) => quantile({ kind: "normal", mean: 0, standardDeviation: 1, min, max: Infinity }, 0.3);
    expect(near(30 + 1e-9)).toBeCloseTo(near(30 - 1e-9), 8);
    // A thin slice far out: the draw spans it.
    const slice: Distribution = { kind: "normal", mean: 5, standardDeviation: 0.5, min: 35, max: 35.01 };
    expect(quantile(slice, 0)).toBe(35);
    expect(quantile(slice, 1)).toBe(35.01);
    expect(quantile(slice, 0.5)).toBeGreaterThan(35);
    expect(quantile(slice, 0.5)).toBeLessThan(35.01);
  });

  it("lognormal quantiles are the exponent of the normal's", () => {
    const d: Distribution = { kind: "lognormal", median: 30, sigma: 0.4, min: 0, max: Infinity };
    expect(quantile(d, 0.5)).toBeCloseTo(30, 12);
    expect(quantile(d, 0.975)).toBeCloseTo(30 * Math.exp(0.4 * 1.959963984540054), 10);
    expect(quantile(d, 0)).toBe(0);
    const truncated: Distribution = { kind: "lognormal", median: 30, sigma: 0.4, min: 30, max: Infinity };
    expect(quantile(truncated, 0.5)).toBeCloseTo(30 * Math.exp(0.4 * 0.6744897501960817), 10);
  });

  it("PERT's mean is (min + shape * mode + max) / (shape + 2) and shape 0 is uniform", () => {
    expect(meanOf({ kind: "pert", min: 10, mode: 20, max: 60, shape: 4 })).toBe((10 + 4 * 20 + 60) / 6);
    expect(meanOf({ kind: "pert", min: 10, mode: 20, max: 60, shape: 2 })).toBe((10 + 2 * 20 + 60) / 4);
    expect(quantile({ kind: "pert", min: 10, mode: 20, max: 60, shape: 0 }, 0.25)).toBeCloseTo(22.5, 12);
    expect(quantile({ kind: "pert", min: 10, mode: 35, max: 60, shape: 4 }, 0.5)).toBeCloseTo(35, 12);
  });

  it("discrete draws pick by cumulative weight, in the order given, never a zero weight", () => {
    const d: Distribution = { kind: "discrete", values: [1, 2, 3], weights: [1, 0, 3] };
    expect([0, 0.1, 0.2499999].map((u) => quantile(d, u))).toEqual([1, 1, 1]);
    expect([0.25, 0.6, LAST_U, 1].map((u) => quantile(d, u))).toEqual([3, 3, 3, 3]);
    const unsorted: Distribution = { kind: "discrete", values: [9, 4], weights: [1, 1] };
    expect([quantile(unsorted, 0.4), quantile(unsorted, 0.6)]).toEqual([9, 4]);
    expect(meanOf(d)).toBe(2.5);
    expect(bounds(d)).toEqual({ min: 1, max: 3 });
    expect(bounds({ kind: "discrete", values: [5, 0, 7], weights: [1, 0, 0] })).toEqual({ min: 5, max: 5 });
  });

  it("triangular, uniform and exponential invert in closed form", () => {
    expect(quantile({ kind: "uniform", min: 2, max: 6 }, 0.25)).toBe(3);
    expect(quantile({ kind: "triangular", min: 0, mode: 0, max: 1 }, 0.75)).toBeCloseTo(0.5, 15);
    expect(quantile({ kind: "exponential", mean: 5 }, 0.5)).toBeCloseTo(5 * Math.LN2, 14);
    expect(quantile({ kind: "exponential", mean: 5 }, 1e-20)).toBeCloseTo(5e-20, 30);
  });

  it("gives the same bits as when these were pinned (a library update that changes draws fails here first)", () => {
    const pinned: [Distribution, number, number][] = [
      [standardNormal, 0.975, 1.9599639845400538],
      [{ kind: "normal", mean: 10, standardDeviation: 2, min: 0, max: 12 }, 0.3, 8.666109948076771],
      [{ kind: "normal", mean: 0, standardDeviation: 1, min: 40, max: Infinity }, 0.7, 40.03006925527461],
      [{ kind: "lognormal", median: 45, sigma: 0.5, min: 10, max: 200 }, 0.9, 85.12924197474483],
      [{ kind: "pert", min: 10, mode: 20, max: 60, shape: 4 }, 0.6, 26.312868460496727],
    ];
    for (const [distribution, u, expected] of pinned) expect(quantile(distribution, u)).toBe(expected);
  });

  it("rejects u outside [0, 1]", () => {
    expect(() => quantile(standardNormal, 1.5)).toThrow(/u must be in \[0, 1\], got 1.5/);
    expect(() => quantile(standardNormal, Number.NaN)).toThrow(EngineError);
  });
});

/** ∫ quantile(u) du by the midpoint rule: the mean, independently of meanOf. */
function integratedMean(distribution: Distribution, steps = 200_000): number {
  let total = 0;
  for (let i = 0; i < steps; i++) total += quantile(distribution, (i + 0.5) / steps);
  return total / steps;
}

describe("meanOf", () => {
  const cases: [string, Distribution, number][] = [
    ["truncated normal", { kind: "normal", mean: 10, standardDeviation: 2, min: 7, max: 12 }, 1e-7],
    ["half normal", { kind: "normal", mean: 3, standardDeviation: 2, min: 3, max: Infinity }, 1e-5],
    ["normal far in the upper tail", { kind: "normal", mean: 0, standardDeviation: 1, min: 40, max: Infinity }, 1e-7],
    ["normal far in the lower tail", { kind: "normal", mean: 0, standardDeviation: 1, min: -50, max: -45 }, 1e-7],
    ["normal on a thin slice", { kind: "normal", mean: 0, standardDeviation: 1, min: 0.5, max: 0.5 + 1e-12 }, 1e-12],
    ["truncated lognormal", { kind: "lognormal", median: 30, sigma: 0.4, min: 20, max: 60 }, 1e-6],
    ["PERT", { kind: "pert", min: 10, mode: 20, max: 60, shape: 4 }, 1e-6],
    ["triangular", { kind: "triangular", min: 42, mode: 63, max: 126 }, 1e-6],
  ];
  it.each(cases)("%s: agrees with the integral of the quantile function", (_, distribution, relative) => {
    const mean = meanOf(distribution);
    expect(Math.abs(integratedMean(distribution) - mean)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(mean)));
  });

  it("lognormal far in the upper tail: agrees with Simpson's rule on the density", () => {
    // E[X] for X = exp(Z), Z standard normal cut to [35, 36]; the density is scaled by its value at 35 (no underflow).
    // (The quantile integral above is too coarse here: the quantile function is steep as u nears 1.)
    const steps = 200_000;
    let weighted = 0;
    let mass = 0;
    for (let i = 0; i <= steps; i++) {
      const z = 35 + i / steps;
      const simpson = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
      const density = Math.exp(-(z * z - 35 * 35) / 2);
      weighted += simpson * density * Math.exp(z - 35);
      mass += simpson * density;
    }
    const mean = meanOf({ kind: "lognormal", median: 1, sigma: 1, min: Math.exp(35), max: Math.exp(36) });
    expect(mean / (Math.exp(35) * (weighted / mass))).toBeCloseTo(1, 12);
  });

  it("is the untruncated formula when nothing is cut off", () => {
    expect(meanOf({ kind: "normal", mean: 10, standardDeviation: 2, min: -Infinity, max: Infinity })).toBe(10);
    expect(meanOf({ kind: "lognormal", median: 30, sigma: 0.4, min: 0, max: Infinity })).toBe(30 * Math.exp(0.08));
    expect(meanOf({ kind: "normal", mean: 10, standardDeviation: 0, min: 0, max: 20 })).toBe(10);
  });
});

/** The CDF of each test case, computed independently of the code under test. */
type Case = [string, Distribution, (x: number) => number];
const phi = (x: number) => normalCdf(x, 0, 1);
const truncatedNormalCdf = (mean: number, sd: number, min: number, max: number) => (x: number) =>
  (phi((x - mean) / sd) - phi((min - mean) / sd)) / (phi((max - mean) / sd) - phi((min - mean) / sd));
const sampledCases: Case[] = [
  ["uniform", { kind: "uniform", min: 2, max: 6 }, (x) => (x - 2) / 4],
  ["triangular", { kind: "triangular", min: 42, mode: 63, max: 126 }, (x) => (x <= 63 ? (x - 42) ** 2 / (84 * 21) : 1 - (126 - x) ** 2 / (84 * 63))],
  ["pert", { kind: "pert", min: 10, mode: 20, max: 60, shape: 4 }, (x) => betaCdf((x - 10) / 50, 1 + (4 * 10) / 50, 1 + (4 * 40) / 50)],
  ["normal", { kind: "normal", mean: 10, standardDeviation: 2, min: -Infinity, max: Infinity }, truncatedNormalCdf(10, 2, -Infinity, Infinity)],
  ["truncated normal", { kind: "normal", mean: 10, standardDeviation: 4, min: 8, max: 30 }, truncatedNormalCdf(10, 4, 8, 30)],
  ["lognormal", { kind: "lognormal", median: 30, sigma: 0.4, min: 0, max: Infinity }, (x) => phi(Math.log(x / 30) / 0.4)],
  ["truncated lognormal", { kind: "lognormal", median: 30, sigma: 0.8, min: 10, max: 60 }, (x) => truncatedNormalCdf(Math.log(30), 0.8, Math.log(10), Math.log(60))(Math.log(x))],
  ["exponential", { kind: "exponential", mean: 5 }, (x) => 1 - Math.exp(-x / 5)],
];

describe("sample", () => {
  const draws = 20_000;
  it.each(sampledCases)("%s: 20,000 draws match meanOf (4 standard errors) and the 10/50/90%% points (0.02)", (name, distribution, cdf) => {
    const stream = new RandomStreams(2024).stream(`sample/${name}`);
    const xs = Float64Array.from({ length: draws }, () => sample(distribution, stream)).sort();
    const mean = xs.reduce((sum, x) => sum + x, 0) / draws;
    const variance = xs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (draws - 1);
    expect(Math.abs(mean - meanOf(distribution))).toBeLessThan(4 * Math.sqrt(variance / draws));
    for (const level of [0.1, 0.5, 0.9]) expect(Math.abs(cdf(xs[Math.floor(level * draws)]) - level)).toBeLessThan(0.02);
  });

  it("discrete: 20,000 draws land on each value in proportion to its weight", () => {
    const d: Distribution = { kind: "discrete", values: [10, 20, 30, 40], weights: [1, 2, 0, 5] };
    const stream = new RandomStreams(2024).stream("sample/discrete");
    const counts = new Map<number, number>();
    for (let i = 0; i < draws; i++) {
      const x = sample(d, stream);
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    expect(counts.get(30)).toBeUndefined();
    for (const [value, share] of [[10, 1 / 8], [20, 2 / 8], [40, 5 / 8]]) expect(Math.abs((counts.get(value) ?? 0) / draws - share)).toBeLessThan(0.02);
    expect(Math.abs([...counts].reduce((sum, [x, n]) => sum + x * n, 0) / draws - meanOf(d))).toBeLessThan(1);
  });

  it.each([...sampledCases.map(([name, d]) => [name, d] as const), ["discrete", { kind: "discrete", values: [1, 2], weights: [1, 1] }] as const])(
    "%s: draws exactly one uniform per value",
    (_, distribution) => {
      const a = new RandomStreams(5).stream("s");
      const b = new RandomStreams(5).stream("s");
      const u = b.next();
      expect(sample(distribution, a)).toBe(quantile(distribution, u));
      expect(a.next()).toBe(b.next());
    },
  );

  it("fixed: draws nothing", () => {
    const a = new RandomStreams(5).stream("s");
    const b = new RandomStreams(5).stream("s");
    expect(sample({ kind: "fixed", value: 3 }, a)).toBe(3);
    expect(a.next()).toBe(b.next());
  });
});

describe("bounds", () => {
  it("is the support after truncation", () => {
    expect(bounds({ kind: "fixed", value: 4 })).toEqual({ min: 4, max: 4 });
    expect(bounds({ kind: "pert", min: 1, mode: 2, max: 9, shape: 4 })).toEqual({ min: 1, max: 9 });
    expect(bounds(standardNormal)).toEqual({ min: -Infinity, max: Infinity });
    expect(bounds({ kind: "normal", mean: 5, standardDeviation: 1, min: 0, max: Infinity })).toEqual({ min: 0, max: Infinity });
    expect(bounds({ kind: "normal", mean: 5, standardDeviation: 0, min: 0, max: Infinity })).toEqual({ min: 5, max: 5 });
    expect(bounds({ kind: "lognormal", median: 5, sigma: 1, min: 0, max: Infinity })).toEqual({ min: 0, max: Infinity });
    expect(bounds({ kind: "exponential", mean: 2 })).toEqual({ min: 0, max: Infinity });
  });
});

describe("checkDistribution", () => {
  const message = (distribution: Distribution) => {
    try {
      checkDistribution(distribution, "lead time");
    } catch (error) {
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).code).toBe("bad-distribution");
      return (error as Error).message;
    }
    return "no error";
  };

  it("names the input, the rule and the value", () => {
    expect(message({ kind: "normal", mean: 10, standardDeviation: -1, min: 0, max: Infinity })).toBe(
      "lead time: standardDeviation must be >= 0, got -1 in normal { mean: 10, standardDeviation: -1, min: 0, max: Infinity }",
    );
    expect(message({ kind: "uniform", min: 3, max: 1 })).toBe("lead time: min must be <= max, got [3, 1] in uniform { min: 3, max: 1 }");
    expect(message({ kind: "triangular", min: 1, mode: 5, max: 4 })).toBe("lead time: min <= mode <= max must hold, got [1, 5, 4] in triangular { min: 1, mode: 5, max: 4 }");
    expect(message({ kind: "fixed", value: Number.NaN })).toBe("lead time: value must be a finite number, got NaN in fixed { value: NaN }");
  });

  it.each<[Distribution, RegExp]>([
    [{ kind: "pert", min: 1, mode: 0, max: 4, shape: 4 }, /min <= mode <= max must hold/],
    [{ kind: "pert", min: 1, mode: 2, max: 4, shape: -1 }, /shape must be >= 0, got -1/],
    [{ kind: "pert", min: 1, mode: 2, max: 4, shape: Infinity }, /shape must be a finite number, got Infinity/],
    [{ kind: "normal", mean: Infinity, standardDeviation: 1, min: 0, max: 1 }, /mean must be a finite number/],
    [{ kind: "normal", mean: 0, standardDeviation: 1, min: Number.NaN, max: 1 }, /min must be a number \(it may be infinite\), got NaN/],
    [{ kind: "normal", mean: 0, standardDeviation: 1, min: 2, max: 2 }, /min must be < max when standardDeviation > 0, got \[2, 2\]/],
    [{ kind: "normal", mean: 5, standardDeviation: 0, min: 0, max: 2 }, /min <= mean <= max must hold when standardDeviation is 0, got \[0, 5, 2\]/],
    [{ kind: "lognormal", median: 0, sigma: 1, min: 0, max: Infinity }, /median must be > 0, got 0/],
    [{ kind: "lognormal", median: 1, sigma: -1, min: 0, max: Infinity }, /sigma must be >= 0, got -1/],
    [{ kind: "lognormal", median: 1, sigma: 1, min: -1, max: Infinity }, /min must be >= 0, got -1/],
    [{ kind: "lognormal", median: 1, sigma: 1, min: Infinity, max: Infinity }, /min must be a finite number, got Infinity/],
    [{ kind: "lognormal", median: 1, sigma: 1, min: 3, max: 2 }, /min must be < max when sigma > 0/],
    [{ kind: "exponential", mean: 0 }, /mean must be > 0, got 0/],
    [{ kind: "discrete", values: [], weights: [] }, /values must be a non-empty list of numbers, got \[\]/],
    [{ kind: "discrete", values: [1, 2], weights: [1] }, /weights must be a list as long as values \(2\), got \[1\]/],
    [{ kind: "discrete", values: [1, Infinity], weights: [1, 1] }, /values\[1\] must be a finite number, got Infinity/],
    [{ kind: "discrete", values: [1, 2], weights: [1, -1] }, /weights\[1\] must be >= 0, got -1/],
    [{ kind: "discrete", values: [1, 2], weights: [0, 0] }, /the weights must have a finite sum > 0, got 0/],
    [{ kind: "gamma", shape: 2 } as unknown as Distribution, /kind must be one of fixed, uniform, .*, got gamma/],
  ])("refuses %o", (distribution, rule) => {
    expect(message(distribution)).toMatch(rule);
    expect(message(distribution)).toMatch(/^lead time: /);
  });

  it("accepts every valid family, infinite truncations included", () => {
    for (const distribution of [
      standardNormal,
      { kind: "normal", mean: 5, standardDeviation: 0, min: 5, max: 5 },
      { kind: "lognormal", median: 5, sigma: 0.5, min: 0, max: Infinity },
      { kind: "pert", min: 3, mode: 3, max: 3, shape: 4 },
      { kind: "discrete", values: [1, 2], weights: [0, 2] },
    ] satisfies Distribution[]) {
      expect(message(distribution)).toBe("no error");
    }
  });
});
