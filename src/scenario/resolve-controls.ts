/**
 * Resolution of `controls` and `authorities`: exporter, commodities (groups expanded) and
 * destinations to indices, dates in order, reach, coverage and the re-export rule (by default
 * refused where the measure allows it); each measure's own fields resolve beside its schema
 * branch (control-schema.ts). A licensing control that names no authority gets a queue of its own.
 */
import { mayRefuseReExports, type AuthoritySpec, type ControlSpec } from "../model/index.js";
import { resolveMeasure, type MeasureContext } from "./control-schema.js";
import type { ReferenceIndex, Report } from "./reference-index.js";
import { DEFAULTS } from "./scenario-defaults.js";
import type { ConcreteScenario } from "./scenario-schema.js";

/** The controls of `doc` (in declaration order) and the authorities their licences go to. */
export function resolveControls(doc: ConcreteScenario, refs: ReferenceIndex, note: Report): { controls: ControlSpec[]; authorities: AuthoritySpec[] } {
  const controls: ControlSpec[] = [];
  const authorities: AuthoritySpec[] = Object.entries(doc.authorities ?? {}).map(([id, a]) => ({ id, capacity: a.capacity }));
  const context: MeasureContext = { authorities, authorityIds: authorities.map((a) => a.id), refs, note };
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
    const measure = resolveMeasure(id, c, context);
    if (c.effective !== undefined && c.end !== undefined && c.end <= c.effective) note([...path, "end"], "date-order", "must be after effective");
    if (c.announced !== undefined && c.effective !== undefined && c.effective < c.announced) {
      note([...path, "effective"], "date-order", "must not be before announced");
    }
    const extraterritorial =
      c.extraterritorial === undefined
        ? null
        : {
            inputs: [...new Set(c.extraterritorial.inputs.flatMap((ref, i) => refs.commodities(ref, [...path, "extraterritorial", "inputs", i], note)))],
            thresholdShare: c.extraterritorial.threshold ?? DEFAULTS.deMinimisShare,
          };
    if (exporter === undefined) continue;
    controls.push({
      id,
      exporter,
      commodities,
      destinations,
      measure,
      coverage: c.coverage ?? DEFAULTS.coverage,
      reExport: c.reExport ?? (mayRefuseReExports(measure.kind) ? "refused" : "free"),
      announcedEpochDay: c.announced ?? null,
      frontRunCoverDays: c.frontRunning ?? doc.trade?.frontRunning ?? DEFAULTS.frontRunningDays,
      effectiveEpochDay: c.effective ?? null,
      endEpochDay: c.end ?? null,
      extraterritorial,
    });
  }
  return { controls, authorities };
}
