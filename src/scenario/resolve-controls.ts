/**
 * Resolution of `controls`: exporter, commodities (groups expanded) and destinations to
 * indices; the measure with its own fields (approval by destination, processing time, quota),
 * each misplaced field reported; dates in order.
 */
import { DAYS_PER_YEAR, type ControlMeasure, type ControlSpec } from "../model/index.js";
import type { ReferenceIndex, Report } from "./reference-index.js";
import type { ConcreteScenario } from "./scenario-schema.js";

/** The export controls of `doc`, in declaration order. */
export function resolveControls(doc: ConcreteScenario, refs: ReferenceIndex, note: Report): ControlSpec[] {
  const controls: ControlSpec[] = [];
  const countryCount = refs.countryIds.length;
  for (const [id, c] of Object.entries(doc.controls ?? {})) {
    const path = ["controls", id];
    const exporter = refs.country(c.exporter, [...path, "exporter"], note);
    const commodities = [...new Set(c.commodities.flatMap((ref, i) => refs.commodities(ref, [...path, "commodities", i], note)))];
    let destinations: ControlSpec["destinations"] = { mode: "all", countries: [] };
    if (c.destinations !== undefined && c.destinations !== "all") {
      const mode = "only" in c.destinations ? "only" : "except";
      const list = "only" in c.destinations ? c.destinations.only : c.destinations.except;
      destinations = { mode, countries: [...new Set(list.flatMap((ref, i) => refs.countries(ref, [...path, "destinations", mode, i], note)))] };
    }
    const misplaced = (field: "approval" | "processingTime" | "quota", measure: string) => {
      if (c[field] !== undefined) note([...path, field], "misplaced-field", `only applies to ${measure} controls, but measure is "${c.measure}"`);
    };
    let measure: ControlMeasure = { kind: "ban" };
    if (c.measure === "licensing") {
      misplaced("quota", "quota");
      if (c.processingTime === undefined) note([...path, "measure"], "missing-field", 'a licensing control needs processingTime (e.g. "45 working days")');
      const approvalByCountry = new Array<number>(countryCount).fill(1);
      if (typeof c.approval === "number") approvalByCountry.fill(c.approval);
      else if (c.approval !== undefined) {
        const entries = Object.entries(c.approval);
        const fallback = c.approval.default;
        if (fallback !== undefined) approvalByCountry.fill(fallback);
        // Groups first, then single countries, so the most specific entry wins.
        for (const [key, value] of entries) {
          if (key === "default" || refs.isCountry(key)) continue;
          for (const country of refs.countries(key, [...path, "approval", key], note, true)) approvalByCountry[country] = value;
        }
        for (const [key, value] of entries) {
          if (!refs.isCountry(key)) continue;
          approvalByCountry[refs.country(key, [...path, "approval", key], note, true) as number] = value;
        }
      }
      measure = { kind: "licensing", approvalByCountry, processingDays: c.processingTime ?? { kind: "fixed", value: 0 } };
    } else if (c.measure === "quota") {
      misplaced("approval", "licensing");
      misplaced("processingTime", "licensing");
      if (c.quota === undefined) note([...path, "measure"], "missing-field", 'a quota control needs quota (e.g. "30 kt/yr")');
      measure = { kind: "quota", tonnesPerYear: (c.quota ?? 0) * DAYS_PER_YEAR };
    } else {
      misplaced("approval", "licensing");
      misplaced("processingTime", "licensing");
      misplaced("quota", "quota");
    }
    if (c.effective !== undefined && c.end !== undefined && c.end <= c.effective) note([...path, "end"], "date-order", "must be after effective");
    if (c.announced !== undefined && c.effective !== undefined && c.effective < c.announced) {
      note([...path, "effective"], "date-order", "must not be before announced");
    }
    const extraterritorialInputs = [
      ...new Set((c.extraterritorial?.inputs ?? []).flatMap((ref, i) => refs.commodities(ref, [...path, "extraterritorial", "inputs", i], note))),
    ];
    if (exporter === undefined) continue;
    controls.push({
      id,
      exporter,
      commodities,
      destinations,
      measure,
      effectiveEpochDay: c.effective ?? null,
      endEpochDay: c.end ?? null,
      extraterritorialInputs,
    });
  }
  return controls;
}
