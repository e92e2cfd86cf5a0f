/**
 * RunSummary: what `summary.json` of one run holds: the manifest (tool, version, scenario, its
 * hash, seed, replicate, dates), the shortfall KPIs per country and commodity, and what became
 * of each scripted event.
 */
import { isoFromEpochDay, type RealizedEvent, type ShortfallKpi } from "../model/index.js";
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
      givenUpTonnes: roundTo(k.givenUpTonnes),
      peakPriceIndex: roundTo(k.peakPriceIndex),
      defenceUnmetTonnes: roundTo(k.defenceUnmetTonnes),
      criticalUnmetTonnes: roundTo(k.criticalUnmetTonnes),
    })),
    events: input.events,
    inputs: input.inputs.map((v) => ({ name: v.name, value: v.isDate ? isoFromEpochDay(v.value) : roundTo(v.value * v.displayScale, 9) })),
  };
}
