import { describe, expect, it } from "vitest";
import { checkDistribution, EngineError, meanOf, RandomStreams, sample, type Distribution } from "../../src/engine/index.js";

describe("RandomStreams", () => {
  it("gives the same numbers for the same seed, replicate and name", () => {
    const a = new RandomStreams(42, 3).stream("licence/x");
    const b = new RandomStreams(42, 3).stream("licence/x");
    expect(Array.from({ length: 5 }, a.next)).toEqual(Array.from({ length: 5 }, b.next));
  });

  it("gives different numbers for another seed, replicate or name", () => {
    const draws = (seed: number, replicate: number, name: string) => Array.from({ length: 3 }, new RandomStreams(seed, replicate).stream(name).next);
    const base = draws(1, 0, "a");
    expect(draws(2, 0, "a")).not.toEqual(base);
    expect(draws(1, 1, "a")).not.toEqual(base);
    expect(draws(1, 0, "b")).not.toEqual(base);
  });

  it("keeps streams independent: drawing more from one leaves another unchanged", () => {
    const quiet = new RandomStreams(9);
    const busy = new RandomStreams(9);
    for (let i = 0; i < 1000; i++) busy.stream("outage/mine").next();
    expect(Array.from({ length: 5 }, busy.stream("event/x").next)).toEqual(Array.from({ length: 5 }, quiet.stream("event/x").next));
  });

  it("returns the same stream object for the same name", () => {
    const streams = new RandomStreams(1);
    expect(streams.stream("a")).toBe(streams.stream("a"));
  });

  it("rejects seeds and replicates that are not whole numbers", () => {
    expect(() => new RandomStreams(1.5)).toThrow(EngineError);
    expect(() => new RandomStreams(1, -1)).toThrow(/replicate/);
  });
});

describe("distributions", () => {
  const cases: [string, Distribution][] = [
    ["uniform", { kind: "uniform", min: 2, max: 6 }],
    ["triangular", { kind: "triangular", min: 42, mode: 63, max: 126 }],
    ["normal", { kind: "normal", mean: 10, standardDeviation: 2, min: -Infinity, max: Infinity }],
    ["lognormal", { kind: "lognormal", median: 30, sigma: 0.4, min: 0, max: Infinity }],
    ["exponential", { kind: "exponential", mean: 5 }],
  ];
  it.each(cases)("%s: the sample mean matches meanOf within 1%%", (_, distribution) => {
    const stream = new RandomStreams(7).stream("d");
    let total = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) total += sample(distribution, stream);
    expect(Math.abs(total / n - meanOf(distribution)) / meanOf(distribution)).toBeLessThan(0.01);
  });

  it("keeps triangular draws inside [min, max]", () => {
    const stream = new RandomStreams(3).stream("t");
    for (let i = 0; i < 10_000; i++) {
      const x = sample({ kind: "triangular", min: 1, mode: 1, max: 4 }, stream);
      expect(x).toBeGreaterThanOrEqual(1);
      expect(x).toBeLessThanOrEqual(4);
    }
  });

  it("a fixed distribution draws nothing from the stream", () => {
    const a = new RandomStreams(5).stream("s");
    const b = new RandomStreams(5).stream("s");
    sample({ kind: "fixed", value: 3 }, a);
    expect(a.next()).toBe(b.next());
  });

  it("checks parameters", () => {
    expect(() => checkDistribution({ kind: "uniform", min: 3, max: 1 }, "x")).toThrow(/min must be <= max/);
    expect(() => checkDistribution({ kind: "triangular", min: 1, mode: 5, max: 4 }, "x")).toThrow(/min <= mode <= max/);
    expect(() => checkDistribution({ kind: "fixed", value: Number.NaN }, "x")).toThrow(/finite/);
  });
});

describe("keyed streams", () => {
  it("draw the same numbers for the same key, whatever was drawn before", () => {
    const a = new RandomStreams(4).keyed("licence/x");
    const b = new RandomStreams(4).keyed("licence/x");
    for (let i = 0; i < 50; i++) a.at(i, 1).next();
    expect([a.at(7, 2).next(), a.next()]).toEqual([b.at(7, 2).next(), b.next()]);
  });

  it("differ by key, name, seed and replicate", () => {
    const base = new RandomStreams(4).keyed("k").at(1, 2, 3).next();
    expect(new RandomStreams(4).keyed("k").at(1, 2, 4).next()).not.toBe(base);
    expect(new RandomStreams(4).keyed("j").at(1, 2, 3).next()).not.toBe(base);
    expect(new RandomStreams(5).keyed("k").at(1, 2, 3).next()).not.toBe(base);
    expect(new RandomStreams(4, 1).keyed("k").at(1, 2, 3).next()).not.toBe(base);
  });

  it("are uniform on [0, 1): mean, variance and a chi-square test over keys", () => {
    const stream = new RandomStreams(11).keyed("u");
    const bins = new Array<number>(20).fill(0);
    let sum = 0;
    let sumSquares = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = stream.at(i, i % 7).next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      bins[Math.floor(u * 20)]++;
      sum += u;
      sumSquares += u * u;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sumSquares / n - sum * sum / n / n - 1 / 12)).toBeLessThan(0.002);
    const expected = n / 20;
    const chiSquare = bins.reduce((acc, count) => acc + (count - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(43.8); // 99.9% point of chi-square with 19 degrees of freedom
  });
});
