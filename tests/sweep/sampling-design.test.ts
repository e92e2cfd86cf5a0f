/**
 * Sampling designs: a Latin hypercube puts exactly one replicate in each stratum of each input,
 * with independent permutations per input; Monte Carlo numbers ignore the run count; both are
 * pure functions of their keys and uniform on [0, 1).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeyedStream } from "../../src/engine/index.js";
import { designUniform } from "../../src/sweep/sampling-design.js";
import { SweepError } from "../../src/sweep/sweep-error.js";

const NAMES = ["lead time", "capacity/mine-a", "", "ünïcode ✓"];

const strata = (seed: number, input: string, runs: number) => Array.from({ length: runs }, (_, r) => Math.floor(designUniform("lhs", seed, input, runs, r) * runs));
const isPermutation = (xs: number[]) => [...xs].sort((a, b) => a - b).every((x, i) => x === i);

describe("Latin hypercube", () => {
  it.each([1, 7, 100, 1000])("runs = %i: each stratum holds exactly one replicate, for every input, with u in [0, 1)", (runs) => {
    for (const seed of [0, 42, -7, 2 ** 40]) {
      for (const input of NAMES) {
        const us = Array.from({ length: runs }, (_, r) => designUniform("lhs", seed, input, runs, r));
        for (const u of us) {
          expect(u).toBeGreaterThanOrEqual(0);
          expect(u).toBeLessThan(1);
        }
        expect(isPermutation(us.map((u) => Math.floor(u * runs)))).toBe(true);
      }
    }
  });

  it("stratifies for any run count, seed and input (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer(), fc.string(), (runs, seed, input) => {
        const us = Array.from({ length: runs }, (_, r) => designUniform("lhs", seed, input, runs, r));
        expect(us.every((u) => u >= 0 && u < 1)).toBe(true);
        expect(isPermutation(us.map((u) => Math.floor(u * runs)))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("stratifies at powers of two and just past them (the Feistel domain's edge cases)", () => {
    for (const runs of [2, 3, 4, 5, 8, 9, 16, 17, 1024, 1025]) expect(isPermutation(strata(3, "x", runs))).toBe(true);
  });

  it("gives different inputs and different seeds different permutations", () => {
    for (const runs of [100, 1000]) {
      const permutations = NAMES.map((input) => strata(1, input, runs).join(","));
      expect(new Set(permutations).size).toBe(NAMES.length);
      expect(strata(2, NAMES[0], runs)).not.toEqual(strata(1, NAMES[0], runs));
    }
  });

  it("pairs inputs at random: the strata of two inputs are uncorrelated", () => {
    const runs = 1000;
    const [a, b] = [strata(5, "a", runs), strata(5, "b", runs)];
    const mean = (runs - 1) / 2;
    let covariance = 0;
    for (let r = 0; r < runs; r++) covariance += (a[r] - mean) * (b[r] - mean);
    const correlation = covariance / runs / ((runs * runs - 1) / 12);
    expect(Math.abs(correlation)).toBeLessThan(4 / Math.sqrt(runs));
  });

  it("is a pure function of (seed, input, runs, replicate): order and other calls do not matter", () => {
    const forwards = Array.from({ length: 50 }, (_, r) => designUniform("lhs", 9, "k", 50, r));
    const backwards = Array.from({ length: 50 }, (_, i) => {
      designUniform("lhs", 10, "other", 77, i % 77); // interleaved unrelated calls
      designUniform("mc", 9, "k", 50, i);
      return designUniform("lhs", 9, "k", 50, 49 - i);
    }).reverse();
    expect(backwards).toEqual(forwards);
    // And it depends on runs: a Latin hypercube of another size is another design.
    expect(designUniform("lhs", 9, "k", 51, 3)).not.toBe(designUniform("lhs", 9, "k", 50, 3));
  });

  it("jitters within strata: the offsets inside their strata are spread over (0, 1)", () => {
    const runs = 2000;
    const offsets = Array.from({ length: runs }, (_, r) => {
      const scaled = designUniform("lhs", 11, "j", runs, r) * runs;
      return scaled - Math.floor(scaled);
    });
    const mean = offsets.reduce((sum, v) => sum + v, 0) / runs;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / runs));
    expect(Math.min(...offsets)).toBeGreaterThan(0);
  });

  it("gives a single run its jitter alone", () => {
    const u = designUniform("lhs", 1, "x", 1, 0);
    expect(u).toBeGreaterThan(0);
    expect(u).toBeLessThan(1);
  });

  it("pins the keyed values (a change of keys or hash fails here first)", () => {
    // The jitter of a one-run design is the keyed draw at (runs, FEISTEL_ROUNDS = 6, replicate), on a 2^51 grid.
    const raw = new KeyedStream("", "chokepoint/design/lhs/1/x").at(1, 6, 0).next();
    expect(designUniform("lhs", 1, "x", 1, 0)).toBe((Math.floor(raw * 2 ** 51) + 0.5) / 2 ** 51);
  });
});

describe("Monte Carlo", () => {
  it("does not depend on the number of runs", () => {
    for (const input of NAMES) {
      for (const replicate of [0, 1, 17, 999]) {
        const u = designUniform("mc", 42, input, 1000, replicate);
        expect(designUniform("mc", 42, input, 1, replicate)).toBe(u);
        expect(designUniform("mc", 42, input, 5000, replicate)).toBe(u);
      }
    }
  });

  it("is the keyed draw of (seed, input) at the replicate", () => {
    expect(designUniform("mc", 42, "lead time", 10, 3)).toBe(new KeyedStream("", "chokepoint/design/mc/42/lead time").at(3).next());
  });

  it("differs by seed, input and replicate, and is uniform on [0, 1)", () => {
    const base = designUniform("mc", 1, "a", 1, 0);
    expect(designUniform("mc", 2, "a", 1, 0)).not.toBe(base);
    expect(designUniform("mc", 1, "b", 1, 0)).not.toBe(base);
    expect(designUniform("mc", 1, "a", 1, 1)).not.toBe(base);
    const n = 20_000;
    const bins = new Array<number>(20).fill(0);
    for (let r = 0; r < n; r++) {
      const u = designUniform("mc", 3, "u", n, r);
      expect(u >= 0 && u < 1).toBe(true);
      bins[Math.floor(u * 20)]++;
    }
    const chiSquare = bins.reduce((acc, count) => acc + (count - n / 20) ** 2 / (n / 20), 0);
    expect(chiSquare).toBeLessThan(43.8); // 99.9% point of chi-square with 19 degrees of freedom
  });

  it("takes replicates beyond runs (a longer sweep extends a shorter one)", () => {
    expect(() => designUniform("mc", 1, "a", 1, 5)).not.toThrow();
  });
});

describe("arguments", () => {
  it.each<[() => number, RegExp]>([
    [() => designUniform("lhs", 1, "a", 10, 10), /replicate must be < runs \(10\) for a Latin hypercube, got 10/],
    [() => designUniform("lhs", 1, "a", 0, 0), /runs must be a whole number >= 1, got 0/],
    [() => designUniform("lhs", 1, "a", 2 ** 33, 0), /runs must be <= 4294967296 for a Latin hypercube/],
    [() => designUniform("mc", 1.5, "a", 1, 0), /seed must be a safe integer, got 1.5/],
    [() => designUniform("mc", 1, "a", 1, -1), /replicate must be a whole number >= 0, got -1/],
    [() => designUniform("sobol" as "mc", 1, "a", 1, 0), /design must be "mc" or "lhs", got sobol/],
  ])("refuses %s", (call, rule) => {
    expect(call).toThrow(SweepError);
    expect(call).toThrow(rule);
  });
});
