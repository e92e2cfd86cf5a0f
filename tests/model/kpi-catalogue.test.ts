/**
 * The KPI catalogue: every list a KPI used to be named in is derived from it, and they are the
 * lists the outputs were made with before there was a catalogue (column and key order
 * included); a run's KPI records hold exactly the catalogue's KPIs, each of its kind; and a
 * row missing a field, a date with a mean or a kind without rounding and binning is a compile
 * error (`npm run typecheck` checks the `@ts-expect-error` lines below).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  isDateKpi,
  KPI_CATALOGUE,
  KPI_KINDS,
  KPI_NAMES,
  kpiKindOf,
  loadScenario,
  simulate,
  type KpiName,
  type KpiSpec,
  type NumberKindSpec,
  type NumberKpiKind,
} from "../../src/index.js";
import { COMPARE_KPIS, MEAN_KPIS, RULE_KPIS } from "../../src/sweep/index.js";

const TINY = path.resolve(import.meta.dirname, "../fixtures/sweep/tiny.yaml");
const README = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8").replace(/\s+/g, " ");

describe("lists derived from the KPI catalogue", () => {
  it("are the lists the outputs were made with (replicates.csv columns, summary.json keys, compare.csv rows, the stop rule's message)", () => {
    expect(KPI_NAMES).toEqual([
      "firstShortfallDate",
      "peakShortfallShare",
      "shortfallDays",
      "unmetTonnes",
      "demandTonnes",
      "stockpileEmptyDate",
      "recoveryDate",
      "givenUpTonnes",
      "peakPriceIndex",
      "defenceUnmetTonnes",
      "criticalUnmetTonnes",
      "unmetValue",
      "givenUpValue",
      "reserveTonnes",
      "reserveCost",
    ]);
    expect(MEAN_KPIS).toEqual(["unmetTonnes", "shortfallDays", "peakShortfallShare", "demandTonnes", "givenUpTonnes", "peakPriceIndex", "unmetValue", "givenUpValue", "reserveTonnes", "reserveCost"]);
    expect(COMPARE_KPIS).toEqual(["unmetTonnes", "shortfallDays", "peakShortfallShare", "unmetValue"]);
    expect(RULE_KPIS).toEqual(["unmetTonnes", "shortfallDays", "peakShortfallShare", "demandTonnes", "unmetValue"]);
    expect(KPI_NAMES.filter(isDateKpi)).toEqual(["firstShortfallDate", "stockpileEmptyDate", "recoveryDate"]);
  });

  it("gives the KPIs with a mean the positions 0, 1, 2, ... once each (a new one takes the next)", () => {
    const orders = KPI_NAMES.map((name) => KPI_CATALOGUE[name].statistics?.order).filter((order) => order !== undefined);
    expect([...orders].sort((a, b) => a - b)).toEqual(orders.map((_, i) => i));
  });

  it("keeps compare and stop-rule KPIs among those with a mean, and dates out of every statistic", () => {
    for (const name of KPI_NAMES) {
      const spec: KpiSpec = KPI_CATALOGUE[name];
      expect(MEAN_KPIS.includes(name as never), name).toBe(spec.statistics !== null);
      expect(COMPARE_KPIS.includes(name as never), name).toBe(spec.statistics?.compare === true);
      expect(RULE_KPIS.includes(name as never), name).toBe(spec.statistics?.stopRule === true);
      if (spec.kind === "date") expect(spec.statistics, name).toBeNull();
    }
  });

  it.each([
    ["peakShortfallShare", "share", 6],
    ["shortfallDays", "exact", 0],
    ["unmetTonnes", "geometric", 6],
    ["peakPriceIndex", "geometric", 6],
  ] as const)("rounds and bins %s by its kind (%s bins, %i decimals)", (name, binning, decimals) => {
    expect(kpiKindOf(name)).toMatchObject({ binning, decimals });
  });

  it("prints percentiles of tonnes (and money) to 4 digits and every other kind in full", () => {
    expect(Object.entries(KPI_KINDS).map(([kind, spec]) => [kind, spec.percentileDigits])).toEqual([
      ["tonnes", 4],
      ["share", null],
      ["days", null],
      ["index", null],
      ["money", 4],
    ]);
  });
});

describe("the README's outputs section", () => {
  /** The backquoted names in the README text from `from` up to `to`. */
  const namesBetween = (from: string, to: string) => {
    const start = README.indexOf(from) + from.length;
    const text = README.slice(start, README.indexOf(to, start));
    return [...text.matchAll(/`([a-zA-Z]+)`/g)].map((m) => m[1]);
  };

  it("lists replicates.csv's KPI columns as the catalogue orders them", () => {
    expect(/then the KPIs under the names of `summary\.json` \(`([a-zA-Z,]+)`\)/.exec(README)?.[1].split(",")).toEqual(KPI_NAMES);
  });

  it("names the KPIs with a mean in a sweep's summary.json and those compare.csv differences", () => {
    expect(namesBetween("`firstShortfallDate` percentiles, and for", " the `mean`")).toEqual(MEAN_KPIS);
    expect(namesBetween("(and `all`, the country's total) for", ": the means")).toEqual(COMPARE_KPIS);
  });
});

describe("a run's KPI records", () => {
  const run = simulate(loadScenario(TINY), { seed: 3 });

  it("hold country, commodity, then exactly the catalogue's KPIs in its order, each a value of its kind", () => {
    expect(run.kpis.length).toBeGreaterThan(0);
    for (const kpis of [run.kpis, run.summary.kpis]) {
      for (const kpi of kpis) {
        expect(Object.keys(kpi)).toEqual(["country", "commodity", ...KPI_NAMES]);
        for (const name of KPI_NAMES) {
          const value = kpi[name];
          if (isDateKpi(name)) expect(value === null || /^\d{4}-\d{2}-\d{2}$/.test(String(value)), `${name}: ${value}`).toBe(true);
          else expect(Number.isFinite(value), `${name}: ${value}`).toBe(true);
        }
      }
    }
  });

  it("are rounded in summary.json to their kind's decimals, dates as they were", () => {
    run.kpis.forEach((raw, i) => {
      const rounded = run.summary.kpis[i];
      for (const name of KPI_NAMES) {
        if (isDateKpi(name)) expect(rounded[name]).toBe(raw[name]);
        else expect(rounded[name], name).toBe(Number(raw[name].toFixed(kpiKindOf(name).decimals)));
      }
    });
  });
});

describe("the compiler guards the catalogue", () => {
  it("refuses a row without a unit, a date with a mean, and a kind with no rounding and binning", () => {
    const rows = {
      // @ts-expect-error a row needs its unit
      noUnit: { kind: "tonnes", statistics: null },
      // @ts-expect-error a date has no mean: it is null in replicates where it never happened
      dateWithMean: { kind: "date", unit: "ISO date", statistics: { order: 6, compare: false, stopRule: false } },
      // @ts-expect-error a kind must be one of KpiKind
      unknownKind: { kind: "litres", unit: "l", statistics: null },
    } satisfies Record<string, KpiSpec>;
    // @ts-expect-error every number kind needs its rounding and binning
    const kinds = { tonnes: KPI_KINDS.tonnes } satisfies Record<NumberKpiKind, NumberKindSpec>;
    // @ts-expect-error a name the catalogue does not hold is no KPI
    const unknown: KpiName = "unmetLitres";
    expect([rows, kinds, unknown]).toHaveLength(3);
  });
});
