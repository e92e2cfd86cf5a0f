/**
 * Resolution of `controls` and `authorities`: exporter, commodities (groups expanded) and
 * destinations to indices, dates in order, reach, coverage, the uses covered (an end-use control
 * must be a ban, with neither a re-export rule nor reach) and the re-export rule (by default
 * the measure's: a ban's follows the goods to the destinations it covers, licensing and quotas
 * control only the exporter's own shipments); each measure's own fields resolve beside its schema
 * branch (control-schema.ts). A licensing control that names no authority gets a queue of its own.
 */
import { defaultReExport, type AuthoritySpec, type ControlSpec, type MeasureKind, type ReExportRule } from "../model/index.js";
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
    if (c.endUse === "defence") {
      // An end-use control acts where the goods are consumed (the defence class may not consume the exporter's origin).
      if (measure.kind !== "ban") note([...path, "endUse"], "end-use", `an end-use control refuses the defence class the exporter's origin: its measure must be "ban", got "${measure.kind}"`);
      if (c.reExport !== undefined) note([...path, "reExport"], "end-use", "an end-use control follows the exporter's origin to where it is consumed: leave out reExport");
      if (c.extraterritorial !== undefined) note([...path, "extraterritorial"], "end-use", "an end-use control follows the exporter's origin to where it is consumed: leave out extraterritorial");
    }
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
            ownExports: c.extraterritorial.ownExports ?? true,
          };
    if (exporter === undefined) continue;
    controls.push({
      id,
      exporter,
      commodities,
      destinations,
      measure,
      coverage: c.coverage ?? DEFAULTS.coverage,
      endUse: c.endUse ?? "all",
      reExport: resolveReExport(c.reExport, measure.kind, refs, [...path, "reExport"], note),
      announcedEpochDay: c.announced ?? null,
      frontRunCoverDays: c.frontRunning ?? doc.trade?.frontRunning ?? DEFAULTS.frontRunningDays,
      effectiveEpochDay: c.effective ?? null,
      endEpochDay: c.end ?? null,
      extraterritorial,
    });
  }
  return { controls, authorities };
}

/** The re-export rule as written (older spellings: "refused" is "covered", "free" is "none"), or the measure's default. */
function resolveReExport(written: "none" | "covered" | "refused" | "free" | { only: string[] } | undefined, kind: MeasureKind, refs: ReferenceIndex, path: (string | number)[], note: Report): ReExportRule {
  if (written === undefined) return { mode: defaultReExport(kind) };
  if (written === "covered" || written === "refused") return { mode: "covered" };
  if (written === "none" || written === "free") return { mode: "none" };
  return { mode: "only", countries: [...new Set(written.only.flatMap((ref, i) => refs.countries(ref, [...path, "only", i], note)))] };
}
