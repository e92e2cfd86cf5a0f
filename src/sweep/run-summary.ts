/**
 * RunSummary: what `summary.json` of one run holds: the manifest (tool, version, scenario, its
 * hash, seed, replicate, dates), the shortfall KPIs per country and commodity, what became
 * of each scripted event, and what each reserve released (and, when nothing, why). Built by `simulate` (run-scenario.ts), whose result carries it, and
 * rendered by the report (summary-json.ts).
 */
import { isDateKpi, isoFromEpochDay, KPI_NAMES, kpiKindOf, type KpiFigures, type RealizedEvent, type ReserveIdleReason, type ReserveOutcome, type ShortfallKpi } from "../model/index.js";
import type { SampledValue } from "../scenario/index.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import { roundTo } from "./round-to.js";

/** Identifies exactly what produced an output. */
export interface Manifest {
  readonly tool: string;
  readonly version: string;
  readonly scenario: string;
  readonly scenarioHash: string;
  readonly seed: number;
  readonly replicate: number;
  readonly start: string;
  readonly end: string;
}

/** The value an uncertain input took in this run (dates as ISO dates). */
export interface InputValue {
  readonly name: string;
  readonly value: number | string;
}

/** What one reserve released over the reported period; `whyNot` says why when it released nothing. */
export interface ReserveSummary {
  readonly id: string;
  readonly country: string;
  readonly commodity: string;
  readonly releasedTonnes: number;
  /** First day it released, or null. */
  readonly firstRelease: string | null;
  readonly whyNot: string | null;
}

/** The sentence each reason a reserve released nothing gets in summary.json and the run's report. */
export const WHY_NOT: Readonly<Record<ReserveIdleReason, string>> = {
  empty: "it was empty (at its floor)",
  "never-triggered": "its trigger never fired",
  "never-decided": "each shortage ended before a release was decided",
  "never-short": "the demand it serves was never short while it could release",
};

/** The summary document of one run. */
export interface Summary {
  readonly manifest: Manifest;
  readonly kpis: readonly ShortfallKpi[];
  readonly events: readonly RealizedEvent[];
  /** Each reserve, in scenario order (empty without reserves). */
  readonly reserves: readonly ReserveSummary[];
  /** The uncertain inputs' values (empty when the scenario has none). */
  readonly inputs: readonly InputValue[];
}

/** What a summary is built from: the manifest's run-specific fields, the KPIs, the events and the sampled inputs. */
export type SummaryInput = Omit<Manifest, "tool" | "version"> &
  Omit<Summary, "manifest" | "inputs" | "reserves"> & { readonly inputs: readonly SampledValue[]; readonly reserves: readonly ReserveOutcome[]; readonly startEpochDay: number };

/** Builds the summary document (KPIs rounded to their kind's decimals, inputs to 9). */
export function buildSummary(input: SummaryInput): Summary {
  return {
    manifest: {
      tool: TOOL_NAME,
      version: TOOL_VERSION,
      scenario: input.scenario,
      scenarioHash: input.scenarioHash,
      seed: input.seed,
      replicate: input.replicate,
      start: input.start,
      end: input.end,
    },
    kpis: input.kpis.map(roundedKpis),
    events: input.events,
    reserves: input.reserves.map((r) => ({
      id: r.id,
      country: r.country,
      commodity: r.commodity,
      releasedTonnes: roundTo(r.releasedTonnes, 6),
      firstRelease: r.firstReleaseDay === null ? null : isoFromEpochDay(input.startEpochDay + r.firstReleaseDay),
      whyNot: r.idleReason === null ? null : WHY_NOT[r.idleReason],
    })),
    inputs: input.inputs.map((v) => ({ name: v.name, value: v.isDate ? isoFromEpochDay(v.value) : roundTo(v.value * v.displayScale, 9) })),
  };
}

/** One KPI record with each number rounded to its kind's decimals (KPI_KINDS) and dates as they are, in catalogue order. */
function roundedKpis(kpi: ShortfallKpi): ShortfallKpi {
  const figures = Object.fromEntries(KPI_NAMES.map((name) => [name, isDateKpi(name) ? kpi[name] : roundTo(kpi[name], kpiKindOf(name).decimals)]));
  return { country: kpi.country, commodity: kpi.commodity, ...(figures as KpiFigures) };
}
