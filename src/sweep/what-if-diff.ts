/**
 * What-if differences: one run of a what-if against one run of its base on the same random
 * numbers (same seed and replicate, so the same outages, licence luck and event dates), pair by
 * pair (country and commodity): the shortfalls the change causes, those it removes, those it
 * deepens or eases, and those it only moves in time. Built from the two runs' summaries (KPIs
 * rounded as summary.json writes them), so its figures are the differences of the two
 * summary.json files.
 */
import { kpiKindOf, type ShortfallKpi } from "../model/index.js";
import { pairedOutcome } from "./paired-outcome.js";
import { roundTo } from "./round-to.js";
import type { Manifest } from "./run-summary.js";

/** The scenario and reported period of a run (as its manifest names them). */
export type ReportedPeriod = Pick<Manifest, "scenario" | "start" | "end">;

/** What the change did to a pair's shortfall. */
export type WhatIfChange =
  /** Short in the what-if, not in the base. */
  | "caused"
  /** Short in the base, not in the what-if. */
  | "removed"
  /** Short in both, more tonnes unmet in the what-if (beyond rounding). */
  | "worse"
  /** Short in both, fewer tonnes unmet in the what-if (beyond rounding). */
  | "better"
  /** Short in both with the same tonnes unmet, but on other days (days short or first short date differ). */
  | "moved";

/** Changes in the order a reader takes them: new trouble first. */
export const WHAT_IF_CHANGES: readonly WhatIfChange[] = ["caused", "worse", "moved", "better", "removed"];

/** A pair's shortfall figures in one of the two runs. */
export interface WhatIfSide {
  readonly unmetTonnes: number;
  readonly shortfallDays: number;
  /** ISO date, or null when never short. */
  readonly firstShortfallDate: string | null;
  readonly demandTonnes: number;
}

/** One country-commodity pair whose shortfall the change moved. */
export interface WhatIfPair {
  readonly country: string;
  readonly commodity: string;
  readonly change: WhatIfChange;
  /** The base's figures; null when the base has no market for the pair. */
  readonly base: WhatIfSide | null;
  /** The what-if's figures; null when the what-if has no market for the pair. */
  readonly whatIf: WhatIfSide | null;
  /** What-if minus base (a missing side counts as 0), rounded as summary.json's tonnes. */
  readonly unmetDifferenceTonnes: number;
  /** What-if minus base days short (a missing side counts as 0). */
  readonly shortfallDaysDifference: number;
}

/** The what-if's differences from its base. */
export interface WhatIfDiff {
  /** Pairs whose shortfall moved, largest change in tonnes unmet first (then by country and commodity). */
  readonly pairs: readonly WhatIfPair[];
  /** Pairs short in both runs exactly alike (tonnes within rounding, same days and first date). */
  readonly unchangedShortPairs: number;
  /** Pairs whose shortfall did not move but whose other KPIs did (tonnes given up, peak price, reserve dry date...). */
  readonly otherKpisMoved: readonly { readonly country: string; readonly commodity: string }[];
}

/** Whether `diff` finds no shortfall moved (other KPIs may still have). */
export function isNoDifference(diff: WhatIfDiff): boolean {
  return diff.pairs.length === 0;
}

/** Why two runs cannot be compared pair by pair (they report different periods), or undefined when they can. */
export function whatIfMismatch(base: ReportedPeriod, whatIf: ReportedPeriod): string | undefined {
  if (base.start === whatIf.start && base.end === whatIf.end) return undefined;
  return `${whatIf.scenario} reports ${whatIf.start} to ${whatIf.end}, the base ${base.scenario} ${base.start} to ${base.end}: a what-if and its base must report the same period`;
}

/** Compares a what-if's KPIs with its base's, pair by pair (both from runs on the same seed and replicate). */
export function diffWhatIf(base: readonly ShortfallKpi[], whatIf: readonly ShortfallKpi[]): WhatIfDiff {
  const keyOf = (k: ShortfallKpi) => `${k.country}\u0000${k.commodity}`;
  const baseByKey = new Map(base.map((k) => [keyOf(k), k]));
  const whatIfByKey = new Map(whatIf.map((k) => [keyOf(k), k]));
  const keys = [...new Set([...baseByKey.keys(), ...whatIfByKey.keys()])];
  const pairs: WhatIfPair[] = [];
  const otherKpisMoved: { country: string; commodity: string }[] = [];
  let unchangedShortPairs = 0;
  const tonnes = kpiKindOf("unmetTonnes").decimals;
  for (const key of keys) {
    const b = baseByKey.get(key);
    const w = whatIfByKey.get(key);
    const { country, commodity } = (b ?? w) as ShortfallKpi;
    const change = changeOf(b, w);
    if (change === undefined) {
      if (b !== undefined && w !== undefined && isShort(b)) unchangedShortPairs++;
      if (b !== undefined && w !== undefined && !sameKpis(b, w)) otherKpisMoved.push({ country, commodity });
      continue;
    }
    pairs.push({
      country,
      commodity,
      change,
      base: b === undefined ? null : sideOf(b),
      whatIf: w === undefined ? null : sideOf(w),
      unmetDifferenceTonnes: roundTo((w?.unmetTonnes ?? 0) - (b?.unmetTonnes ?? 0), tonnes),
      shortfallDaysDifference: (w?.shortfallDays ?? 0) - (b?.shortfallDays ?? 0),
    });
  }
  pairs.sort((x, y) => Math.abs(y.unmetDifferenceTonnes) - Math.abs(x.unmetDifferenceTonnes) || compareIds(x, y));
  otherKpisMoved.sort(compareIds);
  return { pairs, unchangedShortPairs, otherKpisMoved };
}

/** A pair ran short: some demand went unmet on some day (the rule of the worst-shortfalls ranking). */
function isShort(kpi: ShortfallKpi | undefined): boolean {
  return kpi !== undefined && kpi.unmetTonnes > 0 && kpi.firstShortfallDate !== null;
}

/** What the change did to a pair, or undefined when its shortfall did not move. */
function changeOf(base: ShortfallKpi | undefined, whatIf: ShortfallKpi | undefined): WhatIfChange | undefined {
  const wasShort = isShort(base);
  const isShortNow = isShort(whatIf);
  if (!wasShort && !isShortNow) return undefined;
  if (!wasShort) return "caused";
  if (!isShortNow) return "removed";
  const b = base as ShortfallKpi;
  const w = whatIf as ShortfallKpi;
  const outcome = pairedOutcome(w.unmetTonnes, b.unmetTonnes);
  if (outcome > 0) return "worse";
  if (outcome < 0) return "better";
  return w.shortfallDays !== b.shortfallDays || w.firstShortfallDate !== b.firstShortfallDate ? "moved" : undefined;
}

function sideOf(kpi: ShortfallKpi): WhatIfSide {
  return { unmetTonnes: kpi.unmetTonnes, shortfallDays: kpi.shortfallDays, firstShortfallDate: kpi.firstShortfallDate, demandTonnes: kpi.demandTonnes };
}

/** Every KPI of the pair equal (numbers within rounding, dates the same). */
function sameKpis(a: ShortfallKpi, b: ShortfallKpi): boolean {
  return (Object.keys(a) as (keyof ShortfallKpi)[]).every((name) => {
    const x = a[name];
    const y = b[name];
    return typeof x === "number" && typeof y === "number" ? pairedOutcome(y, x) === 0 : x === y;
  });
}

function compareIds(a: { country: string; commodity: string }, b: { country: string; commodity: string }): number {
  return compare(a.country, b.country) || compare(a.commodity, b.commodity);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
