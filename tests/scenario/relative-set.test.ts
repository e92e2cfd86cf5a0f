/**
 * Relative edits (`--set PATH+=VALUE`, `-=`, `*=`, `/=`): on every kind of value the format has
 * (dates, rates, masses, days of cover, durations, shares, growth rates, plain numbers) and on
 * every family of distribution, the value written in the field's place, in the units it was
 * written in; and the messages when an edit cannot apply, pinned.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, ScenarioError } from "../../src/index.js";
import { composeScenario } from "../../src/scenario/compose.js";
import { parseCalendarShift, shiftDate } from "../../src/scenario/date-shift.js";
import { nodeFileSource, parsePath, type ScenarioIssue } from "../../src/scenario/index.js";
import { applySets } from "../../src/scenario/set-overlay.js";
import type { PlainValue } from "../../src/scenario/source-document.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const KINDS = path.join(ROOT, "tests/fixtures/relative-set/kinds.yaml");

/** The value at `at` after the edits, as the overlaid document holds it (before validation). */
function edited(sets: string[], at: string): PlainValue | undefined {
  const composed = composeScenario(KINDS, nodeFileSource());
  if (!composed.ok) throw new Error(JSON.stringify(composed.issues));
  const applied = applySets(composed.document, sets);
  if (!applied.ok) throw new Error(applied.issues.map((i) => i.message).join("\n"));
  let node: PlainValue | undefined = applied.document.value;
  for (const step of parsePath(at) ?? []) node = (node as Record<string | number, PlainValue> | undefined)?.[step];
  return node;
}

/** The messages of a failing load, as `FILE:LINE:COL message`. */
function messages(sets: string[], file = KINDS): string[] {
  try {
    loadScenario(file, { sets });
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues.map((i: ScenarioIssue) => `${i.file}:${i.line}:${i.column} ${i.message}`);
    throw error;
  }
  return [];
}

describe("relative edits change the value written, in its own units", () => {
  it.each<[string, string, PlainValue]>([
    // Dates: calendar days, weeks, months and years; a month's last day where the day is missing.
    ["facilities.cn-gallium-2.online+=1 year", "facilities.cn-gallium-2.online", "2025-02-28"],
    ["facilities.cn-gallium-2.online-=1 year", "facilities.cn-gallium-2.online", "2023-02-28"],
    ["facilities.cn-gallium-2.online+=4 years", "facilities.cn-gallium-2.online", "2028-02-29"],
    ["facilities.cn-gallium-2.online+=1 month", "facilities.cn-gallium-2.online", "2024-03-29"],
    ["facilities.cn-gallium-2.online+=30 days", "facilities.cn-gallium-2.online", "2024-03-30"],
    ["facilities.cn-gallium-2.online-=2 weeks", "facilities.cn-gallium-2.online", "2024-02-15"],
    ["facilities.cn-gallium-2.online+=-18 months", "facilities.cn-gallium-2.online", "2022-08-29"],
    ["controls.ga-licensing.effective+=1 year", "controls.ga-licensing.effective", "2027-03-01"],
    ["events.ga-suspended.until+=1 day", "events.ga-suspended.until", "2027-01-01"],
    ["warmUp+=30 days", "warmUp", "395 days"],
    // Rates: a unit kept, a plain number (t/yr) kept plain; any unit of the kind added.
    ["facilities.cn-gallium.capacity*=2", "facilities.cn-gallium.capacity", "18000 t/yr"],
    ["facilities.cn-gallium.capacity/=4", "facilities.cn-gallium.capacity", "2250 t/yr"],
    ["facilities.cn-gallium.capacity*=150%", "facilities.cn-gallium.capacity", "13500 t/yr"],
    ["facilities.cn-gallium.capacity+=500 t/yr", "facilities.cn-gallium.capacity", "9500 t/yr"],
    ["facilities.cn-gallium.capacity+=1 kt/yr", "facilities.cn-gallium.capacity", "10000 t/yr"],
    ["facilities.cn-gallium.capacity-=500", "facilities.cn-gallium.capacity", "8500 t/yr"],
    ["facilities.cn-gallium-2.capacity+=500 t/yr", "facilities.cn-gallium-2.capacity", 1100],
    ["facilities.cn-gallium-2.capacity*=0.5", "facilities.cn-gallium-2.capacity", 300],
    ["markets.US.gallium.demand+=5 t/yr", "markets.US.gallium.demand", "25 t/yr"],
    // Masses and days of cover (a reserve level is either).
    ["stockpiles.us-gallium-reserve.level+=1 t", "stockpiles.us-gallium-reserve.level", "6000 kg"],
    ["stockpiles.us-gallium-reserve.level*=2", "stockpiles.us-gallium-reserve.level", "10000 kg"],
    ["stockpiles.us-gallium-reserve.floor+=5 days", "stockpiles.us-gallium-reserve.floor", "7 days"],
    ["stockpiles.us-gallium-reserve.floor*=3", "stockpiles.us-gallium-reserve.floor", "6 days"],
    // Durations, working days included.
    ["facilities.cn-gallium-2.rampUp+=6 months", "facilities.cn-gallium-2.rampUp", "18 months"],
    ["facilities.cn-gallium-2.rampUp-=1 month", "facilities.cn-gallium-2.rampUp", "11 months"],
    // Shares (percentage points) and growth rates.
    ["facilities.cn-gallium.utilization+=10%", "facilities.cn-gallium.utilization", "90%"],
    ["facilities.cn-gallium.utilization-=0.1", "facilities.cn-gallium.utilization", "70%"],
    ["facilities.cn-gallium.utilization*=1.1", "facilities.cn-gallium.utilization", "88%"],
    ["controls.ga-licensing.approval-=30%", "controls.ga-licensing.approval", "50%"],
    ["events.ga-lifted.probability+=20%", "events.ga-lifted.probability", 0.7],
    ["markets.US.gallium.growth+=1%", "markets.US.gallium.growth", "4%/yr"],
    ["markets.US.gallium.growth*=2", "markets.US.gallium.growth", "6%/yr"],
    // Plain numbers.
    ["facilities.cn-gallium.outages.perYear+=1", "facilities.cn-gallium.outages.perYear", 3],
    ["facilities.cn-gallium-2.outputs.gallium*=2", "facilities.cn-gallium-2.outputs.gallium", 1],
    // A per-application capacity keeps its unit.
    ["controls.ga-licensing.capacity*=2", "controls.ga-licensing.capacity", "80 applications/working day"],
  ])("%s", (set, at, expected) => {
    expect(edited([set], at)).toEqual(expected);
  });
});

describe("a distribution changes parameter by parameter", () => {
  it.each<[string, string, PlainValue]>([
    ["facilities.us-gallium.online-=1 year", "facilities.us-gallium.online", { triangular: ["2025-07-01", "2026-06-01", "2027-06-30"] }],
    ["facilities.us-gallium.online+=1 month", "facilities.us-gallium.online", { triangular: ["2026-08-01", "2027-07-01", "2028-07-30"] }],
    ["facilities.us-gallium.capacity*=2", "facilities.us-gallium.capacity", { triangular: ["80 t/yr", "120 t/yr", "130 t/yr"] }],
    ["facilities.us-gallium.capacity+=10 t/yr", "facilities.us-gallium.capacity", { triangular: ["50 t/yr", "70 t/yr", "75 t/yr"] }],
    // A normal: mean and min move; the sd scales with *= and stays with +=.
    ["facilities.us-gallium.utilization*=0.5", "facilities.us-gallium.utilization", { normal: { mean: "35%", sd: "5%", min: "25%" } }],
    ["facilities.us-gallium.utilization+=10%", "facilities.us-gallium.utilization", { normal: { mean: "80%", sd: "10%", min: "60%" } }],
    ["events.ga-suspended.date+=6 months", "events.ga-suspended.date", { normal: { mean: "2026-12-01", sd: "30 days", min: "2026-10-01", max: "2027-03-30" } }],
    // A uniform of durations.
    ["facilities.us-gallium.rampUp+=3 months", "facilities.us-gallium.rampUp", { uniform: ["9 months", "15 months"] }],
    // A pert of days of cover: its shape stays.
    ["stockpiles.us-gallium-cover.level*=2", "stockpiles.us-gallium-cover.level", { pert: ["40 days", "60 days", "120 days"], shape: 4 }],
    // A choice of dates: its weights stay.
    ["events.ga-lifted.date+=1 year", "events.ga-lifted.date", { choice: ["2028-01-31", "2028-03-31"], weights: [1, 2] }],
    // A lognormal: median moves or scales, sigma (a shape) stays.
    ["facilities.cn-gallium.outages.duration*=2", "facilities.cn-gallium.outages.duration", { lognormal: { median: "90 days", sigma: 0.4 } }],
    ["facilities.cn-gallium.outages.duration+=5 days", "facilities.cn-gallium.outages.duration", { lognormal: { median: "50 days", sigma: 0.4 } }],
    // Working days stay working days; a week is 7 calendar days (5 working days).
    ["controls.ga-licensing.processingTime*=2", "controls.ga-licensing.processingTime", { triangular: ["60 working days", "90 working days", "180 working days"] }],
    ["controls.ga-licensing.processingTime+=1 week", "controls.ga-licensing.processingTime", { triangular: ["35 working days", "50 working days", "95 working days"] }],
    // Plain numbers.
    ["events.surge.factor+=0.5", "events.surge.factor", { uniform: [1.6, 2] }],
    // One parameter by its own path.
    ["facilities.us-gallium.online.triangular[2]+=1 year", "facilities.us-gallium.online", { triangular: ["2026-07-01", "2027-06-01", "2029-06-30"] }],
  ])("%s", (set, at, expected) => {
    expect(edited([set], at)).toEqual(expected);
  });

  it("edits accumulate in order, and the edited scenario validates and resolves", () => {
    const sets = ["facilities.us-gallium.online-=1 year", "facilities.us-gallium.online+=6 months", "facilities.cn-gallium.capacity*=2", "facilities.cn-gallium.capacity+=1 kt/yr"];
    expect(edited(sets, "facilities.us-gallium.online")).toEqual({ triangular: ["2026-01-01", "2026-12-01", "2027-12-30"] });
    const scenario = loadScenario(KINDS, { sets });
    const capacity = scenario.spec.facilities.find((f) => f.id === "cn-gallium")?.capacityTonnesPerDay;
    expect(capacity).toBeCloseTo(19000 / 365.25, 9);
    expect(scenario.hash).toBe(loadScenario(KINDS, { sets: ["facilities.us-gallium.online={triangular: [2026-01-01, 2026-12-01, 2027-12-30]}", "facilities.cn-gallium.capacity=19000 t/yr"] }).hash);
  });
});

describe("an edit undone", () => {
  it("gives back the same scenario: the edited entry keeps its place (a --set used to move it last, which changed the hash)", () => {
    const base = loadScenario(KINDS);
    const undone = loadScenario(KINDS, { sets: ["facilities.cn-gallium.capacity*=2", "facilities.cn-gallium.capacity/=2", "stockpiles.us-gallium-reserve.level+=1 t", "stockpiles.us-gallium-reserve.level-=1 t"] });
    expect(undone.hash).toBe(base.hash);
    expect(undone.spec.stockpiles.map((s) => s.id)).toEqual(["us-gallium-reserve", "us-gallium-cover"]);
  });
});

describe("calendar shifts", () => {
  it.each<[string, string, 1 | -1, string | undefined]>([
    ["2026-03-01", "1 year", 1, "2027-03-01"],
    ["2024-02-29", "1 year", 1, "2025-02-28"],
    ["2024-02-29", "1 year", -1, "2023-02-28"],
    ["2025-02-28", "1 year", -1, "2024-02-28"],
    ["2026-01-31", "1 month", 1, "2026-02-28"],
    ["2026-03-31", "1 month", -1, "2026-02-28"],
    ["2026-12-31", "1 day", 1, "2027-01-01"],
    ["2000-02-28", "1 day", 1, "2000-02-29"],
    ["1900-02-28", "1 day", 1, "1900-03-01"],
    ["2026-11-10", "52 weeks", 1, "2027-11-09"],
    ["0001-01-01", "1 day", -1, undefined],
    ["9999-12-31", "1 month", 1, undefined],
  ])("%s %s x%d", (date, text, sign, expected) => {
    const shift = parseCalendarShift(text);
    if (!shift.ok) throw new Error(shift.message);
    expect(shiftDate(date, shift.shift, sign)).toBe(expected);
  });

  it("day shifts agree with the calendar of the model over four centuries", () => {
    const shift = parseCalendarShift("1 day");
    if (!shift.ok) throw new Error(shift.message);
    let date = "1800-01-01";
    for (let day = Date.UTC(1800, 0, 1); day < Date.UTC(2200, 0, 1); day += 86_400_000) {
      expect(date).toBe(new Date(day).toISOString().slice(0, 10));
      date = shiftDate(date, shift.shift, 1) as string;
    }
  });
});

describe("relative edits that cannot apply are reported against the --set argument", () => {
  it.each<[string, string]>([
    ["facilities.cn-gallium.country*=2", '--set facilities.cn-gallium.country*=2:1:32 facilities.cn-gallium.country is text ("CN"), not a number: *= changes dates, quantities, shares and numbers only'],
    ["controls.ga-licensing.name+=1", '--set controls.ga-licensing.name+=1:1:29 controls.ga-licensing.name is text ("Gallium licensing"), not a number: += changes dates, quantities, shares and numbers only'],
    [
      "facilities.cn-gallium-2.utilization*=2",
      "--set facilities.cn-gallium-2.utilization*=2:1:1 facilities.cn-gallium-2.utilization has no value to change: it is not written in the scenario (a default applies); give it one with = instead",
    ],
    ["facilities.nope.capacity*=2", '--set facilities.nope.capacity*=2:1:1 the scenario has no facilities.nope (it has cn-gallium, cn-gallium-2, us-gallium)'],
    ["facilities.cn-gallium.capacityy*=2", '--set facilities.cn-gallium.capacityy*=2:1:1 facilities.cn-gallium.capacityy is not a field of the scenario format; did you mean "capacity"?'],
    ["facilities.cn-gallium.capacity+=5 days", '--set facilities.cn-gallium.capacity+=5 days:1:33 "5 days" is a duration, but facilities.cn-gallium.capacity is a rate: add a rate, such as "500 t/yr" or "2 t/day"'],
    ["stockpiles.us-gallium-reserve.level-=5 days", '--set stockpiles.us-gallium-reserve.level-=5 days:1:38 "5 days" is a duration, but stockpiles.us-gallium-reserve.level is a mass: subtract a mass, such as "500 t" or "1.2 kt"'],
    ["stockpiles.us-gallium-reserve.floor+=5 t", '--set stockpiles.us-gallium-reserve.floor+=5 t:1:38 "5 t" is a mass, but stockpiles.us-gallium-reserve.floor is a duration: add a duration, such as "30 days" or "6 months"'],
    ["controls.ga-licensing.approval+=5 days", '--set controls.ga-licensing.approval+=5 days:1:33 "5 days" is a duration, but controls.ga-licensing.approval is a share: add a share, such as "10%" or 0.1'],
    ["facilities.cn-gallium.outages.perYear+=10%", '--set facilities.cn-gallium.outages.perYear+=10%:1:40 "10%" is a share, but facilities.cn-gallium.outages.perYear is a plain number: add a plain number, such as 2 or 0.5'],
    ["facilities.cn-gallium-2.online*=2", "--set facilities.cn-gallium-2.online*=2:1:33 facilities.cn-gallium-2.online is a date: it moves with += or -= a number of days, weeks, months or years, and cannot be multiplied or divided"],
    ["facilities.cn-gallium-2.online+=30", "--set facilities.cn-gallium-2.online+=30:1:33 facilities.cn-gallium-2.online is a date: += takes a number of days, weeks, months or years with its unit, such as \"1 year\", \"6 months\" or \"30 days\"; got 30"],
    ["facilities.cn-gallium-2.online+=1.5 years", '--set facilities.cn-gallium-2.online+=1.5 years:1:33 facilities.cn-gallium-2.online is a date: a date moves by a whole number of days, weeks, months or years, such as "1 year", "6 months" or "30 days"; got "1.5 years"'],
    ["facilities.cn-gallium-2.online+=2026-01-01", '--set facilities.cn-gallium-2.online+=2026-01-01:1:33 facilities.cn-gallium-2.online is a date: a date moves by a whole number of days, weeks, months or years, such as "1 year", "6 months" or "30 days"; got "2026-01-01"'],
    ["facilities.cn-gallium.capacity*=twice", '--set facilities.cn-gallium.capacity*=twice:1:33 *= takes a plain number or a percentage, such as 2 or "150%"; got "twice"'],
    ["facilities.cn-gallium.capacity/=0", "--set facilities.cn-gallium.capacity/=0:1:33 /= 0 divides by zero"],
    ["facilities.cn-gallium.outputs*=2", "--set facilities.cn-gallium.outputs*=2:1:32 facilities.cn-gallium.outputs is a mapping (gallium): *= changes dates, quantities, shares and numbers; name one of its entries, such as facilities.cn-gallium.outputs.gallium"],
    ["controls.ga-licensing.commodities*=2", "--set controls.ga-licensing.commodities*=2:1:36 controls.ga-licensing.commodities is a list: *= changes dates, quantities, shares and numbers, one at a time"],
    ["controls.ga-licensing.capacity+=5 applications/working day", '--set controls.ga-licensing.capacity+=5 applications/working day:1:33 controls.ga-licensing.capacity holds "40 applications/working day", which += cannot change: write it as a rate'],
    // The result is checked as a value written in a file would be, at the --set argument.
    ["controls.ga-licensing.approval+=30%", '--set controls.ga-licensing.approval+=30%:1:33 must be between 0 and 1 (0% and 100%), got "110%"'],
    ["facilities.cn-gallium.capacity-=10 kt/yr", '--set facilities.cn-gallium.capacity-=10 kt/yr:1:33 must be > 0, got "-1000 t/yr"'],
  ])("%s", (set, message) => {
    expect(messages([set])).toEqual([message]);
  });
});

describe("dates as normal distributions", () => {
  it("validate (the date support's start was undefined, so every truncated one failed as 'min must be below max')", () => {
    const input = loadScenario(KINDS).inputs.find((i) => i.name === "events.ga-suspended.date");
    expect(input?.distribution).toEqual({ kind: "normal", mean: Date.UTC(2026, 5, 1) / 86_400_000, standardDeviation: 30, min: Date.UTC(2026, 3, 1) / 86_400_000, max: Date.UTC(2026, 8, 30) / 86_400_000 });
  });
});
