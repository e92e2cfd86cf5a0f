/**
 * RunSummary: what `summary.json` of one run holds: the manifest (tool, version, scenario, its
 * hash, seed, replicate, dates), the shortfall KPIs per country and commodity, and what became
 * of each scripted event. Built by `simulate` (run-scenario.ts), whose result carries it, and
 * rendered by the report (summary-json.ts).
 */
import { isDateKpi, isoFromEpochDay, KPI_NAMES, kpiKindOf, type KpiFigures, type RealizedEvent, type ShortfallKpi } from "../model/index.js";
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

/** The summary document of one run. */
export interface Summary {
  readonly manifest: Manifest;
  readonly kpis: readonly ShortfallKpi[];
  readonly events: readonly RealizedEvent[];
  /** The uncertain inputs' values (empty when the scenario has none). */
  readonly inputs: readonly InputValue[];
}

/** What a summary is built from: the manifest's run-specific fields, the KPIs, the events and the sampled inputs. */
export type SummaryInput = Omit<Manifest, "tool" | "version"> & Omit<Summary, "manifest" | "inputs"> & { readonly inputs: readonly SampledValue[] };

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
    inputs: input.inputs.map((v) => ({ name: v.name, value: v.isDate ? isoFromEpochDay(v.value) : roundTo(v.value * v.displayScale, 9) })),
  };
}

/** One KPI record with each number rounded to its kind's decimals (KPI_KINDS) and dates as they are, in catalogue order. */
function roundedKpis(kpi: ShortfallKpi): ShortfallKpi {
  const figures = Object.fromEntries(KPI_NAMES.map((name) => [name, isDateKpi(name) ? kpi[name] : roundTo(kpi[name], kpiKindOf(name).decimals)]));
  return { country: kpi.country, commodity: kpi.commodity, ...(figures as KpiFigures) };
}
