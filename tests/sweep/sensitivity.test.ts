/**
 * Sensitivity analysis: on a world where one input alone decides the shortfall, it ranks first
 * in the tornado and in the rank correlations, and inputs the model never reads swing nothing
 * and correlate indistinguishably from zero; the rank statistics against cases with known
 * answers; the tornado's swings sit at the stated quantiles on common random numbers.
 */
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadScenario, sweep } from "../../src/index.js";
import { midranks, rankCorrelations, SWING_HIGH, SWING_LOW } from "../../src/sweep/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ONE_INPUT = path.join(ROOT, "tests/fixtures/sweep/one-input.yaml");
const MATTERS = "stockpiles.reserve.level";
const UNREAD = ["events.lifted-after-the-horizon.date", "facilities.dust-mine.capacity"];

describe("sensitivity on a world where one input matters", () => {
  const scenario = loadScenario(ONE_INPUT);
  const { sensitivity } = sweep(scenario, { runs: 300, swingRuns: 4, seed: 11 });
  if (sensitivity === undefined) throw new Error("no sensitivity analysis");
  const { tornado } = sensitivity;
  if (tornado === undefined) throw new Error("no tornado");

  it("ranks the input that matters first in the tornado, for every headline KPI", () => {
    expect(tornado.bars[0].input).toBe(MATTERS);
    sensitivity.headlines.forEach((_, k) => {
      const swing = (input: string) => {
        const bar = tornado.bars.find((b) => b.input === input)!;
        return Math.abs(bar.high[k] - bar.low[k]);
      };
      expect(swing(MATTERS)).toBeGreaterThan(10);
      // The model never reads them, and the swings share their random streams: exactly no swing.
      for (const input of UNREAD) expect(swing(input)).toBe(0);
    });
    // A bigger reserve leaves less unmet.
    const reserve = tornado.bars[0];
    expect(reserve.high[0]).toBeLessThan(reserve.low[0]);
    expect(reserve.lowValue).toBeCloseTo(SWING_LOW * 120, 6);
    expect(reserve.highValue).toBeCloseTo(SWING_HIGH * 120, 6);
    expect(reserve.medianValue).toBeCloseTo(60, 6);
  });

  it("ranks it first by rank correlation, and finds nothing in the inputs the model never reads", () => {
    const at = (input: string) => sensitivity.inputs.indexOf(input);
    sensitivity.headlines.forEach((_, k) => {
      const matters = sensitivity.correlations[at(MATTERS)][k];
      expect(matters.rho).toBeLessThan(-0.9);
      expect(matters.srrc).toBeLessThan(-0.9);
      for (const input of UNREAD) {
        const c = sensitivity.correlations[at(input)][k];
        expect(Math.abs(c.rho!)).toBeLessThan(Math.abs(matters.rho!));
        // Indistinguishable from zero: its 95% interval holds 0.
        expect(c.low!).toBeLessThan(0);
        expect(c.high!).toBeGreaterThan(0);
        expect(Math.abs(c.srrc!)).toBeLessThan(0.15);
      }
    });
  });
});

describe("rank correlations", () => {
  it("are +1 and -1 for any strictly monotone relation, linear or not", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 5, maxLength: 60 }), (x) => {
        const [up] = rankCorrelations([x], x.map((v) => Math.exp(v / 1000) * 3));
        const [down] = rankCorrelations([x], x.map((v) => -(v ** 3)));
        expect(up.rho).toBeCloseTo(1, 9);
        expect(down.rho).toBeCloseTo(-1, 9);
      }),
    );
  });

  it("match a hand-computed Spearman's rho with ties, and say so when an input never varies", () => {
    // x ranks 1,2,3,4,5; y = [1, 2, 2, 4, 3] has mid-ranks 1, 2.5, 2.5, 5, 4: rho = Pearson of the ranks = 0.8720816...
    const [c, constant] = rankCorrelations([[1, 2, 3, 4, 5], [7, 7, 7, 7, 7]], [1, 2, 2, 4, 3]);
    expect(c.rho).toBeCloseTo(0.8720815992723809, 12);
    expect(c.low!).toBeLessThan(c.rho!);
    expect(c.high!).toBeGreaterThan(c.rho!);
    expect(constant).toEqual({ rho: null, low: null, high: null, srrc: null });
    expect(midranks([3, 1, 3, 2])).toEqual([3.5, 1, 3.5, 2]);
  });

  it("SRRC separates two inputs drawn independently by their weights", () => {
    const n = 400;
    const a = Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const b = Array.from({ length: n }, (_, i) => (i * 104729 + 13) % n);
    const y = a.map((v, i) => 3 * v + b[i]);
    const [ca, cb] = rankCorrelations([a, b], y);
    expect(ca.srrc!).toBeGreaterThan(cb.srrc!);
    expect(cb.srrc!).toBeGreaterThan(0);
    // The regression's R squared on ranks: sum of coefficient x correlation; near 1 for a nearly exact relation.
    const r2 = ca.srrc! * ca.rho! + cb.srrc! * cb.rho!;
    expect(r2).toBeGreaterThan(0.95);
    expect(r2).toBeLessThan(1 + 1e-9);
  });
});
