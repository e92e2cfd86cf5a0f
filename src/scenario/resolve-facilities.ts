/** Resolution of `facilities`: country and commodity references to indices, recipe checks, defaults. */
import type { FacilitySpec } from "../model/index.js";
import type { ReferenceIndex, Report } from "./reference-index.js";
import { DEFAULTS } from "./scenario-defaults.js";
import type { ConcreteScenario } from "./scenario-schema.js";

/** A facility without an online date has been running since long before any scenario starts. */
const LONG_AGO_DAYS = 36_525;

/** The facilities of `doc`, in declaration order (those with an unknown country are reported and left out). */
export function resolveFacilities(doc: ConcreteScenario, refs: ReferenceIndex, note: Report): FacilitySpec[] {
  const facilities: FacilitySpec[] = [];
  for (const [id, f] of Object.entries(doc.facilities ?? {})) {
    const path = ["facilities", id];
    const country = refs.country(f.country, [...path, "country"], note);
    const terms = (section: "inputs" | "outputs") =>
      Object.entries(f[section] ?? {}).flatMap(([commodityId, tonnesPerTonne]) => {
        const commodity = refs.commodity(commodityId, [...path, section, commodityId], note, true);
        return commodity === undefined ? [] : [{ commodity, tonnesPerTonne }];
      });
    const inputs = terms("inputs");
    const outputs = terms("outputs");
    if (Object.keys(f.outputs).length === 0) note([...path, "outputs"], "empty", "a facility must make at least one output");
    for (const input of inputs) {
      if (outputs.some((o) => o.commodity === input.commodity)) {
        note([...path, "inputs"], "recipe-cycle", `"${refs.commodityIds[input.commodity]}" cannot be both an input and an output`);
      }
    }
    if (country === undefined) continue;
    facilities.push({
      id,
      country,
      capacityTonnesPerDay: f.capacity,
      utilization: f.utilization ?? DEFAULTS.utilization,
      onlineEpochDay: f.online ?? doc.start - LONG_AGO_DAYS,
      rampUpDays: f.rampUp ?? DEFAULTS.rampUpDays,
      inputs,
      outputs,
      outages: f.outages === undefined ? null : { ratePerYear: f.outages.perYear, durationDays: f.outages.duration },
      costUsd: f.cost ?? 0,
    });
  }
  return facilities;
}
