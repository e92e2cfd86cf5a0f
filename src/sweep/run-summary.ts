/**
 * RunSummary: what `summary.json` of one run holds: the manifest (tool, version, scenario, its
 * hash, seed, replicate, dates), the shortfall KPIs per country and commodity, and what became
 * of each scripted event.
 */
import type { RealizedEvent, ShortfallKpi } from "../model/index.js";
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

/** The summary document of one run. */
export interface Summary {
  readonly manifest: Manifest;
  readonly kpis: readonly ShortfallKpi[];
  readonly events: readonly RealizedEvent[];
}

/** What a summary is built from: the manifest's run-specific fields, the KPIs and the events. */
export type SummaryInput = Omit<Manifest, "tool" | "version"> & Omit<Summary, "manifest">;

/** Builds the summary document (numbers rounded to 6 decimals). */
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
    kpis: input.kpis.map((k) => ({
      ...k,
      peakShortfallShare: roundTo(k.peakShortfallShare),
      unmetTonnes: roundTo(k.unmetTonnes),
      demandTonnes: roundTo(k.demandTonnes),
    })),
    events: input.events,
  };
}
