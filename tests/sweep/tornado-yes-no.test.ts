/**
 * Yes/no inputs in the tornado (issue 20): an event that happens with a probability swings
 * between "does not happen" and "happens" (whatever its probability), its bar has two halves
 * of non-zero length meeting at the outcomes' mean weighted by how often it happened, and its
 * swing has the sign of its rank correlation; every swing carries a 95% interval over its
 * replicates (Student's t on the paired differences), checked against a case computed by hand;
 * the sign check says which interval supports which when the tornado and rho disagree.
 */
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadScenario, sweep } from "../../src/index.js";
import { renderSensitivityCsv, renderSensitivityTable } from "../../src/report/index.js";
import { checkSigns, describeSignCheck, summarizeTornado, swingEnds, swingInterval, type HeadlineKpi, type SweepPlan, type TornadoReplicate } from "../../src/sweep/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const YES_NO = path.join(ROOT, "tests/fixtures/sweep/yes-no.yaml");
const EVENT = "events.lifted-early.happens";

describe("a yes/no input in the tornado", () => {
  const { plan, sensitivity } = sweep(loadScenario(YES_NO), { runs: 200, swingRuns: 4, seed: 5 });
  const tornado = sensitivity!.tornado!;
  const bar = tornado.bars.find((b) => b.input === EVENT)!;
  const i = sensitivity!.inputs.indexOf(EVENT);

  it("swings from does not happen (0) to happens (1), though its probability (30%) is below the median", () => {
    expect(bar.kind).toBe("yes-no");
    expect([bar.lowValue, bar.highValue]).toEqual([0, 1]);
    expect(swingEnds(EVENT)).toEqual({ kind: "yes-no", low: "does not happen", high: "happens" });
    expect(swingEnds("stockpiles.reserve.level")).toEqual({ kind: "range", low: "10th percentile", high: "90th percentile" });
  });

  it("has two halves of non-zero length, meeting at the outcomes' mean weighted by the share of replicates in which it happened", () => {
    const happened = sweep(loadScenario(YES_NO), { runs: 200, seed: 5 }).sensitivity!;
    expect(happened.tornado).toBeUndefined();
    sensitivity!.headlines.forEach((_, k) => {
      expect(bar.centre[k] - bar.low[k]).not.toBe(0);
      expect(bar.high[k] - bar.centre[k]).not.toBe(0);
      expect(bar.centre[k]).toBeCloseTo(bar.low[k] + bar.centreValue * (bar.high[k] - bar.low[k]), 9);
    });
    expect(bar.centreValue).toBeGreaterThan(0.15);
    expect(bar.centreValue).toBeLessThan(0.45);
    // Lifting the ban early leaves less unmet.
    expect(bar.high[0]).toBeLessThan(bar.low[0]);
  });

  it("has the sign of its rank correlation", () => {
    sensitivity!.headlines.forEach((_, k) => {
      const rho = sensitivity!.correlations[i][k].rho!;
      expect(Math.sign(bar.swing[k])).toBe(Math.sign(rho));
      expect(sensitivity!.signs[i][k]).toBe("agree");
    });
  });

  it("is labelled by its outcomes in sensitivity.csv and in the table (pinned)", () => {
    const csv = renderSensitivityCsv(plan, sensitivity!).split("\n");
    expect(csv[0]).toBe("input,kpi,low,high,input_low,input_centre,input_high,kpi_at_low,kpi_at_centre,kpi_at_high,swing,swing_low,swing_high,spearman,spearman_low,spearman_high,srrc,signs,replicates,swing_replicates");
    const row = csv.find((line) => line.startsWith(`${EVENT},"unmet t, all pairs"`))!;
    expect(row.split(",").slice(3, 8)).toEqual(["does not happen", "happens", "0", String(bar.centreValue), "1"]);
    const reserve = csv.find((line) => line.startsWith(`stockpiles.reserve.level,"unmet t, all pairs"`))!;
    expect(reserve.split(",").slice(3, 8)).toEqual(["10th percentile", "90th percentile", "12", "60", "108"]);
    const table = renderSensitivityTable(plan, sensitivity!).split("\n");
    expect(table[1]).toMatch(/^input\s+low end\s+high end\s+KPI at low\s+KPI at high\s+swing \(95% interval\)\s+rho \(95% interval\)$/);
    expect(table.find((line) => line.startsWith(EVENT))).toMatch(/^events\.lifted-early\.happens\s+does not happen\s+happens\s/);
  });
});

describe("a swing's 95% interval", () => {
  it("is the paired t interval: differences 1, 2, 3, 4 give 2.5 +/- t(0.975, 3) sd / 2", () => {
    // sd = sqrt(5/3); t(0.975, 3) = 3.182446305284263 (tables: 3.182).
    const half = (3.182446305284263 * Math.sqrt(5 / 3)) / 2;
    const { low, high } = swingInterval(2.5, [1, 2, 3, 4]);
    expect(low).toBeCloseTo(2.5 - half, 12);
    expect(high).toBeCloseTo(2.5 + half, 12);
    expect(half).toBeCloseTo(2.05426, 5);
  });

  it("is the swing itself when every replicate swings alike, and not measured from one replicate", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((d) => !Object.is(d, -0)), fc.integer({ min: 2, max: 30 }), (d, n) => {
        expect(swingInterval(d, Array.from({ length: n }, () => d))).toEqual({ low: d, high: d });
      }),
    );
    expect(swingInterval(3, [3])).toEqual({ low: null, high: null });
  });

  it("is carried by each bar of a tornado, from its replicates' paired differences", () => {
    // One input, one series, one MEAN_KPIS block: the headline's value is the first number.
    const plan = { alternatives: [{ inputs: ["x"] }], series: [{ country: "AA", commodity: "metal" }] } as unknown as SweepPlan;
    const headline: HeadlineKpi = { label: "unmet t, all pairs", kpi: "unmetTonnes", series: null };
    const point = (input: number, unmet: number) => ({ inputs: [input], kpis: [unmet, 0, 0, 0, 0, 0, 0, 0] });
    // Low ends 10, 20, 30, 40; high ends 11, 22, 33, 44: differences 1, 2, 3, 4.
    const replicates: TornadoReplicate[] = [0, 1, 2, 3].map((r) => ({ replicate: r, points: [point(5, 0), point(1, 10 * (r + 1)), point(9, 11 * (r + 1))] }));
    const [bar] = summarizeTornado(plan, replicates, [headline], () => 0).bars;
    expect(bar.swing[0]).toBe(2.5);
    const expected = swingInterval(2.5, [1, 2, 3, 4]);
    expect([bar.swingLow[0], bar.swingHigh[0]]).toEqual([expected.low, expected.high]);
  });
});

describe("the sign check", () => {
  it("says which interval supports which when the swing and rho disagree", () => {
    expect(checkSigns(5, 1, 9, 0.3, 0.1, 0.5)).toBe("agree");
    expect(checkSigns(125, 20, 230, -0.16, -0.3, -0.02)).toBe("disagree-both");
    expect(checkSigns(125, -10, 260, -0.16, -0.3, -0.02)).toBe("disagree-rho");
    expect(checkSigns(125, 20, 230, -0.16, -0.3, 0.02)).toBe("disagree-swing");
    expect(checkSigns(125, -10, 260, -0.16, -0.3, 0.02)).toBe("disagree-unsettled");
    expect(checkSigns(125, null, null, -0.16, -0.3, 0.02)).toBe("disagree-unsettled");
    expect(checkSigns(0, 0, 0, -0.16, -0.3, 0.02)).toBeNull();
    expect(checkSigns(undefined, null, null, -0.16, -0.3, 0.02)).toBeNull();
    expect(describeSignCheck("disagree-rho")).toBe("the tornado and rho disagree in sign; the swing interval includes 0: the swing's direction is not established, rho's interval excludes 0 and supports rho's");
  });
});
