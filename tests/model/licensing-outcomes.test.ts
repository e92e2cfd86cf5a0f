/**
 * Licensing outcomes beyond approve-or-refuse, on small worlds with known answers: a licence
 * that grants a share of the tonnes asked (the mean flow is the mean share), buyers deterred
 * from applying (their share refused at once and sought elsewhere), and general licences held
 * by some exporters only (that share ships without applications). Also how a scenario writes
 * them, and the messages for bad values.
 */
import { describe, expect, it } from "vitest";
import { simulateWorld, type TimelineResult } from "../../src/model/index.js";
import { formatIssue } from "../../src/scenario/index.js";
import { issuesOf, minimal, parse } from "../scenario/control-fixture.js";
import { buildWorld, type SmallWorld } from "./small-world.js";

function column(result: TimelineResult, country: string, commodity: string, name: "imports_t" | "exports_t"): Float64Array {
  const s = result.timeline.series.findIndex((x) => x.country === country && x.commodity === commodity);
  if (s < 0) throw new Error(`no series ${country} ${commodity}`);
  return result.timeline.seriesValues(name, s);
}

const sum = (values: Float64Array, from = 0, to = values.length) => values.slice(from, to).reduce((a, b) => a + b, 0);

const IMPORTERS = Array.from({ length: 20 }, (_, i) => `A${i + 1}`);

type Licensing = Extract<NonNullable<SmallWorld["controls"]>[number]["measure"], { kind: "licensing" }>;

/**
 * Twenty importers order from BB once (day 0; the next round is after the run), each order filed
 * as 16 applications, reviewed in 10 days with no queue: every licensed tonne lands by day 10.
 */
function oneRound(terms: Partial<Licensing>, extra: Partial<SmallWorld> = {}): SmallWorld {
  return {
    countries: ["BB", "CC", ...IMPORTERS],
    commodities: ["x"],
    days: 59,
    transitDays: 0,
    orderIntervalDays: 60,
    facilities: [{ id: "mine", country: "BB", capacityTonnesPerDay: 1000, outputs: { x: 1 } }],
    markets: [{ country: "BB", commodity: "x", inventory: 100_000 }, ...IMPORTERS.map((c) => ({ country: c, commodity: "x", demand: 1, coverDays: 10, inventory: 0, imports: { BB: 1 } }))],
    controls: [
      {
        id: "licence",
        exporter: "BB",
        commodities: ["x"],
        measure: { kind: "licensing", approval: 1, processingDays: { kind: "fixed", value: 10 }, applicationTonnes: 0.1, ...terms },
        effectiveDay: 0,
      },
    ],
    ...extra,
  };
}

const applied = (result: TimelineResult) => (result.licences ?? []).filter((r) => r.day === 0).reduce((t, r) => t + r.appliedTonnes, 0);
const landed = (result: TimelineResult, from = 0, to = 59) => IMPORTERS.reduce((t, c) => t + sum(column(result, c, "x", "imports_t"), from, to), 0);

describe("a licence that grants part of what was asked", () => {
  it("ships the approved share of each application: a fixed 50% ships exactly half", () => {
    const result = simulateWorld(buildWorld(oneRound({ approvedShare: { kind: "fixed", value: 0.5 } })), { seed: 1 });
    expect(applied(result)).toBeGreaterThan(100);
    expect(landed(result)).toBeCloseTo(applied(result) * 0.5, 6);
    // Nothing lands before the review is done.
    expect(landed(result, 0, 10)).toBe(0);
  });

  it("gives the expected mean flow when the share is drawn per application (uniform 20-60%: 40%)", () => {
    // 320 applications of a share with sd 11.5 points: the mean is 40% within about 0.65 points (one sd).
    for (const seed of [1, 2, 3]) {
      const result = simulateWorld(buildWorld(oneRound({ approvedShare: { kind: "uniform", min: 0.2, max: 0.6 } })), { seed });
      const share = landed(result) / applied(result);
      expect(share).toBeGreaterThan(0.38);
      expect(share).toBeLessThan(0.42);
    }
  });

  it("makes importers order enough to expect what they need: applications scale with 1 / (approval x mean share)", () => {
    const full = applied(simulateWorld(buildWorld(oneRound({})), { seed: 1 }));
    const half = applied(simulateWorld(buildWorld(oneRound({ approvedShare: { kind: "fixed", value: 0.5 } })), { seed: 1 }));
    // The first round's order is the position's gap, the same in both; the next round, counting
    // pending tonnes at half, would order the rest. One round here: the same tonnes are asked.
    expect(half).toBeCloseTo(full, 6);
  });
});

describe("buyers deterred from applying", () => {
  // Reviews take no time here, so the planned lead time, and with it day 0's order, is the same
  // with and without deterrence (a review time would lengthen it by the licensed share).
  const instant = { processingDays: { kind: "fixed" as const, value: 0 } };

  it("files only the undeterred share: with BB the only supplier, (1 - d) of the order, then (1 - d) of the deterred part placed again", () => {
    // The deterred share goes unfilled and the round's second pass places it with whoever has
    // spare: BB alone, whose undeterred buyers apply for (1 - d) of it. Applied: (1 - d)(1 + d).
    const order = applied(simulateWorld(buildWorld(oneRound(instant)), { seed: 1 }));
    const deterred = applied(simulateWorld(buildWorld(oneRound({ ...instant, deterred: 0.3 })), { seed: 1 }));
    expect(deterred).toBeCloseTo(order * 0.7 * 1.3, 6);
  });

  it("seeks the deterred share from another supplier the same round, and with everyone deterred acts as a ban", () => {
    // CC has as much spare x as BB and is a (negligible) baseline source, so it is qualified from the start.
    const withAlternative = (deterred: number): SmallWorld => {
      const world = oneRound({ ...instant, deterred });
      const markets = world.markets ?? [];
      world.facilities = [...(world.facilities ?? []), { id: "cc-mine", country: "CC", capacityTonnesPerDay: 1000, outputs: { x: 1 } }];
      world.markets = [markets[0], { country: "CC", commodity: "x", inventory: 100_000 }, ...markets.slice(1).map((m) => ({ ...m, imports: { BB: 1 - 1e-9, CC: 1e-9 } }))];
      return world;
    };
    const fromCc = (result: TimelineResult) => column(result, "CC", "x", "exports_t")[0];
    const order = applied(simulateWorld(buildWorld(withAlternative(0)), { seed: 1 }));
    expect(fromCc(simulateWorld(buildWorld(withAlternative(0)), { seed: 1 }))).toBeLessThan(1e-3);
    // The deterred 30% goes to the second pass, pro rata to spare: CC's 100,000 t against the
    // 70% of BB's 100,000 t its deterred buyers do not see. CC ships 0.3 / 1.7 of the order.
    const after = simulateWorld(buildWorld(withAlternative(0.3)), { seed: 1 });
    expect(fromCc(after)).toBeCloseTo((order * 0.3) / 1.7, 3);
    // Everyone deterred: no application, BB ships nothing, CC ships the whole order.
    const all = simulateWorld(buildWorld(withAlternative(1)), { seed: 1 });
    expect(applied(all)).toBe(0);
    expect(sum(column(all, "BB", "x", "exports_t"))).toBe(0);
    expect(fromCc(all)).toBeCloseTo(order, 3);
  });
});

describe("a general licence held by some exporters", () => {
  it("exempts its holders' share: 60% of the order ships without applications, 40% is filed", () => {
    const instant = { processingDays: { kind: "fixed" as const, value: 0 } };
    const order = applied(simulateWorld(buildWorld(oneRound(instant)), { seed: 1 }));
    const grant = (share: number): SmallWorld =>
      oneRound(instant, { events: [{ id: "gl", day: 0, action: { kind: "general-licence", controls: [0], destinations: IMPORTERS.map((_, i) => i + 2), untilEpochDay: null, share } }] });
    const result = simulateWorld(buildWorld(grant(0.6)), { seed: 1 });
    expect(applied(result)).toBeCloseTo(order * 0.4, 6);
    expect(landed(result, 0, 1)).toBeCloseTo(order, 6);
    // Held by every exporter (share 1), nothing is filed: the general licence as it was.
    expect(applied(simulateWorld(buildWorld(grant(1)), { seed: 1 }))).toBe(0);
  });
});

describe("how a scenario writes licensing outcomes", () => {
  const licensing = (fields: string) => `${minimal}controls:\n  l: { exporter: CN, commodities: [gallium], measure: licensing, processingTime: 45 days, ${fields} }\n`;

  it("pins the messages for a bad approved quantity and a bad deterred share", () => {
    expect(issuesOf(licensing("approvedQuantity: 140%"))).toEqual(['s.yaml:21:109 controls.l.approvedQuantity: must be between 0 and 1 (0% and 100%), got "140%"']);
    expect(issuesOf(licensing("approvedQuantity: { beta: [1, 2] }"))).toEqual([
      's.yaml:21:109 controls.l.approvedQuantity: must be a share such as "70%", or a distribution: { uniform: [min, max] }, { triangular: [min, mode, max] }, { pert: [min, mode, max] }, { normal: { mean, sd } }, { lognormal: { median, sigma } }, { choice: [a, b, ...] }, got a mapping',
    ]);
    expect(issuesOf(licensing("deterred: lots"))).toEqual([
      's.yaml:21:101 controls.l.deterred: "lots" is not a share: write a number from 0 to 1 or a percentage such as "70%"',
    ]);
  });

  it("reads a general licence's holders, 100% when not said", () => {
    const events = (holders: string) =>
      `${licensing("approval: 90%")}events:\n  gl: { date: 2026-01-01, type: general-licence, control: l, destinations: [US]${holders} }\n`;
    const read = (text: string) => {
      const result = parse(text);
      if (!result.ok) throw new Error(result.issues.map(formatIssue).join("\n"));
      return result.scenario.spec.events.map((e) => (e.action as { share?: number }).share);
    };
    expect(read(events(", holders: 40%"))).toEqual([0.4]);
    expect(read(events(""))).toEqual([1]);
  });
});
