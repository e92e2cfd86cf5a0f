/**
 * The measures of export controls (src/model/measures/): each measure's own behaviour (a quota's
 * year, licensing's terms), the exhaustive choice of a measure, whether a control follows its
 * exporter's goods abroad (decided once, by the control), and what each measure does to an order
 * in the control screen.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChokepointError, RandomStreams } from "../../src/engine/index.js";
import { epochDayFromIso } from "../../src/model/index.js";
import { ControlScreen } from "../../src/model/control-screen.js";
import { ExportControl } from "../../src/model/export-control.js";
import { Ban } from "../../src/model/measures/ban.js";
import { Licensing } from "../../src/model/measures/licensing.js";
import { createMeasure, defaultReExport, MEASURE_KINDS, mayRefuseReExports, type MeasureSpec } from "../../src/model/measures/measure.js";
import { Quota } from "../../src/model/measures/quota.js";
import type { ControlSpec } from "../../src/model/world-spec.js";
import { WorldState } from "../../src/model/world-state.js";
import { randomWorld } from "./random-world.js";
import { buildWorld, START, type SmallWorld } from "./small-world.js";

const LICENSING: MeasureSpec = {
  kind: "licensing",
  approvalByCountry: [1, 0.5, 0.25],
  processingDays: { kind: "fixed", value: 45 },
  approvedShare: { kind: "fixed", value: 1 },
  deterredByCountry: [0, 0, 0],
  authority: 0,
  validityDays: 0,
  applicationTonnes: Infinity,
};

/** A control of country 1 on commodity 0 to every destination, in force from time 0. */
function control(index: number, measure: MeasureSpec, options: Partial<ControlSpec> = {}): ExportControl {
  const spec: ControlSpec = {
    id: `c${index}`,
    exporter: 1,
    commodities: [0],
    destinations: { mode: "all", countries: [] },
    measure,
    coverage: 1,
    reExport: { mode: defaultReExport(measure.kind) },
    announcedEpochDay: null,
    frontRunCoverDays: 0,
    effectiveEpochDay: START,
    endEpochDay: null,
    extraterritorial: null,
    ...options,
  };
  return new ExportControl(index, spec, 1, 3, START);
}

describe("a quota", () => {
  it("coming into force gets the share of its annual tonnes left in that calendar year, and the whole of them each 1 January", () => {
    const quota = new Quota({ kind: "quota", tonnesPerYear: 3660 }, 1);
    expect(quota.remainingTonnes).toBe(3660);
    // 2024 has 366 days; from 2024-10-04 on, 89 are left.
    quota.takeEffect(epochDayFromIso("2024-10-04") as number);
    expect(quota.remainingTonnes).toBeCloseTo((3660 * 89) / 366, 9);
    quota.startYear();
    expect(quota.remainingTonnes).toBe(3660);
  });

  it("is charged on its covered share, never below zero, and lets orders through up to its remaining tonnes over that share", () => {
    const quota = new Quota({ kind: "quota", tonnesPerYear: 100 }, 0.5);
    expect(quota.allowanceTonnes).toBe(200);
    quota.charge(60);
    expect(quota.remainingTonnes).toBe(70);
    expect(quota.allowanceTonnes).toBe(140);
    quota.charge(1000);
    expect(quota.remainingTonnes).toBe(0);
  });

  it("coming into force through an impose event is prorated, as one in force from its effective day", () => {
    const c = control(0, { kind: "quota", tonnesPerYear: 3660 }, { effectiveEpochDay: null });
    c.impose(0);
    expect((c.measure as Quota).remainingTonnes).toBeCloseTo((3660 * 89) / 366, 9);
  });
});

describe("licensing", () => {
  it("keeps its terms and changes approval and review time by a licensing-change (null keeps one)", () => {
    const licensing = createMeasure(LICENSING, { index: 3, id: "rare-earths", coverage: 1 }) as Licensing;
    expect(licensing).toBeInstanceOf(Licensing);
    expect([licensing.controlIndex, licensing.controlId, licensing.processingTimePath]).toEqual([3, "rare-earths", ["controls", "rare-earths", "processingTime"]]);
    licensing.change([0.1, 0.1, 0.1], null);
    expect(licensing.approvalByCountry).toEqual([0.1, 0.1, 0.1]);
    expect(licensing.processingDays).toEqual({ kind: "fixed", value: 45 });
    licensing.change(null, { kind: "fixed", value: 90 });
    expect(licensing.approvalByCountry).toEqual([0.1, 0.1, 0.1]);
    expect(licensing.processingDays).toEqual({ kind: "fixed", value: 90 });
  });
});

describe("the choice of a measure", () => {
  it("makes each kind's class, and lists the kinds in declaration order", () => {
    const owner = { index: 0, id: "c", coverage: 1 };
    expect(createMeasure({ kind: "ban" }, owner)).toBeInstanceOf(Ban);
    expect(createMeasure(LICENSING, owner)).toBeInstanceOf(Licensing);
    expect(createMeasure({ kind: "quota", tonnesPerYear: 1 }, owner)).toBeInstanceOf(Quota);
    expect(MEASURE_KINDS).toEqual(["ban", "licensing", "quota"]);
  });

  it("refuses a kind it does not know (the switch is exhaustive: that is a compile error, and throws if reached)", () => {
    // @ts-expect-error end-use is not a measure yet
    const unknown: MeasureSpec = { kind: "end-use" };
    expect(() => createMeasure(unknown, { index: 0, id: "c", coverage: 1 })).toThrow(ChokepointError);
    expect(() => createMeasure(unknown, { index: 0, id: "c", coverage: 1 })).toThrow('unhandled measure: {"kind":"end-use"}');
  });

  it("says which measures' re-exports may be refused: bans and licensing, not quotas", () => {
    expect(MEASURE_KINDS.map(mayRefuseReExports)).toEqual([true, true, false]);
  });
});

describe("whether a control follows its exporter's goods abroad", () => {
  const table: [MeasureSpec, ControlSpec["reExport"], boolean, { refuses: boolean; follows: boolean }][] = [
    [{ kind: "ban" }, { mode: "covered" }, false, { refuses: true, follows: true }],
    [{ kind: "ban" }, { mode: "none" }, false, { refuses: false, follows: false }],
    [LICENSING, { mode: "covered" }, false, { refuses: true, follows: true }],
    [LICENSING, { mode: "none" }, false, { refuses: false, follows: false }],
    // A quota's re-export rule is never applied (what it lets out is free abroad)...
    [{ kind: "quota", tonnesPerYear: 1 }, { mode: "covered" }, false, { refuses: false, follows: false }],
    // ...but reach carries any measure into third countries.
    [{ kind: "quota", tonnesPerYear: 1 }, { mode: "none" }, true, { refuses: false, follows: true }],
    [{ kind: "ban" }, { mode: "none" }, true, { refuses: false, follows: true }],
  ];
  it.each(table)("%j, reExport %s, reach %s: %j", (measure, reExport, reach, expected) => {
    const c = control(0, measure, { reExport, extraterritorial: reach ? { inputs: [0], thresholdShare: 0.001 } : null });
    expect({ refuses: c.refusesReExports, follows: c.followsOrigin }).toEqual(expected);
  });

  it("tracks every controlling exporter's origin, and screens third countries' routes only under rules that follow it (random worlds)", () => {
    const rules = fc.array(fc.record({ reExport: fc.constantFrom("covered" as const, "none" as const), reach: fc.boolean() }), { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(randomWorld(), rules, (world: SmallWorld, rule) => {
        const controls = (world.controls ?? []).map((c, i) => ({ ...c, reExport: rule[i].reExport, extraterritorialInputs: rule[i].reach ? [c.commodities[0]] : undefined }));
        const spec = buildWorld({ ...world, controls });
        const state = new WorldState(spec, new RandomStreams(1));
        // Every controlling exporter's origin is tracked (trade reports it); only rules that follow it screen third countries.
        for (let country = 0; country < spec.countries.length; country++) {
          expect(state.originSlot[country] >= 0).toBe(state.controls.some((c) => c.exporter === country));
        }
        for (const c of state.controls) {
          for (let exporter = 0; exporter < spec.countries.length; exporter++) {
            for (const k of spec.controls[c.index].commodities) {
              const screened = state.controlsOn(exporter, k).includes(c.index);
              const governs = exporter === c.exporter || (c.followsOrigin && state.marketAt(exporter, k) !== undefined);
              expect(screened).toBe(governs);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("what each measure does to an order in the control screen", () => {
  const content = new Float64Array(1);
  const originSlot = Int32Array.from([-1, 0, -1]);

  it("a ban refuses its covered share, licensing asks its licence on its share, a quota caps the order", () => {
    const controls = [
      control(0, { kind: "ban" }, { coverage: 0.5 }),
      control(1, LICENSING, { coverage: 0.4 }),
      control(2, { kind: "quota", tonnesPerYear: 100 }, { coverage: 0.25 }),
    ];
    const screen = new ControlScreen(originSlot, 1).evaluate(controls, [0, 1, 2], 0, 1, 0, 1, content);
    expect(screen.refusedShare).toBeCloseTo(0.5, 12);
    expect(screen.isBanned).toBe(false);
    expect(screen.licensedShare).toBeCloseTo(0.4, 12);
    expect(screen.licensing.slice(0, screen.licensingCount)).toEqual([controls[1].measure]);
    expect(screen.quotas.slice(0, screen.quotaCount)).toEqual([controls[2].measure]);
    expect(screen.quotaAllowanceTonnes).toBe(400);
    screen.chargeQuotas(40);
    expect((controls[2].measure as Quota).remainingTonnes).toBe(90);
  });

  it("restrictions combine as independent: two bans of 50% leave a quarter, a full ban bans", () => {
    const half = [control(0, { kind: "ban" }, { coverage: 0.5 }), control(1, { kind: "ban" }, { coverage: 0.5 })];
    expect(new ControlScreen(originSlot, 1).evaluate(half, [0, 1], 0, 1, 0, 1, content).refusedShare).toBeCloseTo(0.75, 12);
    expect(new ControlScreen(originSlot, 1).evaluate([control(0, { kind: "ban" })], [0], 0, 1, 0, 1, content).isBanned).toBe(true);
  });

  it("a third country's order: a ban's re-export rule refuses the origin's part, a quota's never does", () => {
    // Supplier 2's stock is 60% of country 1's origin.
    const mixed = Float64Array.from([0.6]);
    const ban = new ControlScreen(originSlot, 1).evaluate([control(0, { kind: "ban" })], [0], 0, 2, 0, 1, mixed);
    expect(ban.refusedShare).toBeCloseTo(0.6, 12);
    expect(Array.from(ban.shippedContent(mixed, new Float64Array(1)))).toEqual([0]);
    const quota = new ControlScreen(originSlot, 1).evaluate([control(0, { kind: "quota", tonnesPerYear: 1 }, { reExport: { mode: "covered" } })], [0], 0, 2, 0, 1, mixed);
    expect([quota.refusedShare, quota.quotaCount]).toEqual([0, 0]);
  });

  it("reach above the threshold applies the measure itself to the whole order of a third country", () => {
    const reach = { inputs: [0], thresholdShare: 0.1 };
    const quota = control(0, { kind: "quota", tonnesPerYear: 10 }, { extraterritorial: reach });
    const above = new ControlScreen(originSlot, 1).evaluate([quota], [0], 0, 2, 0, 1, Float64Array.from([0.2]));
    expect(above.quotas.slice(0, above.quotaCount)).toEqual([quota.measure]);
    const below = new ControlScreen(originSlot, 1).evaluate([quota], [0], 0, 2, 0, 1, Float64Array.from([0.05]));
    expect(below.quotaCount).toBe(0);
  });
});
