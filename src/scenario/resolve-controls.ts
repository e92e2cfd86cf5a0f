/**
 * Resolution of `controls` and `authorities`: exporter, commodities (groups expanded) and
 * destinations to indices; each measure with its own fields (approval by destination,
 * processing time, authority and capacity, validity; quota), dates in order, reach and
 * coverage. A licensing control that names no authority gets a queue of its own.
 */
import { DAYS_PER_YEAR, type AuthoritySpec, type MeasureSpec, type ControlSpec, type LicensingCapacity } from "../model/index.js";
import { lookup, type ReferenceIndex, type Report } from "./reference-index.js";
import type { ConcreteScenario } from "./scenario-schema.js";

/** The de-minimis share an extraterritorial control uses when it gives none: MOFCOM No. 61's 0.1%. */
const DEFAULT_THRESHOLD = 0.001;

/** The controls of `doc` (in declaration order) and the authorities their licences go to. */
export function resolveControls(doc: ConcreteScenario, refs: ReferenceIndex, note: Report): { controls: ControlSpec[]; authorities: AuthoritySpec[] } {
  const controls: ControlSpec[] = [];
  const authorities: AuthoritySpec[] = Object.entries(doc.authorities ?? {}).map(([id, a]) => ({ id, capacity: a.capacity }));
  const authorityIds = authorities.map((a) => a.id);
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
    let measure: MeasureSpec;
    switch (c.measure) {
      case "ban":
        measure = { kind: "ban" };
        break;
      case "licensing": {
        let authority: number;
        if (c.authority !== undefined) {
          if (c.capacity !== undefined) note([...path, "capacity"], "misplaced-field", `the capacity is the authority's ("${c.authority}"): give it there`);
          authority = lookup("authority", c.authority, authorityIds, [...path, "authority"], note) ?? 0;
        } else {
          // A queue of its own, named after the control.
          authority = authorities.length;
          authorities.push({ id: `control:${id}`, capacity: c.capacity ?? UNLIMITED });
        }
        measure = {
          kind: "licensing",
          approvalByCountry: approvalByCountry(c.approval, refs, [...path, "approval"], note),
          processingDays: c.processingTime,
          authority,
          validityDays: c.validity ?? 0,
          applicationTonnes: c.applicationSize ?? Infinity,
        };
        break;
      }
      case "quota":
        measure = { kind: "quota", tonnesPerYear: c.quota * DAYS_PER_YEAR };
        break;
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
            thresholdShare: c.extraterritorial.threshold ?? DEFAULT_THRESHOLD,
          };
    if (exporter === undefined) continue;
    controls.push({
      id,
      exporter,
      commodities,
      destinations,
      measure,
      coverage: c.coverage ?? 1,
      reExport: c.reExport ?? (c.measure === "quota" ? "free" : "refused"),
      announcedEpochDay: c.announced ?? null,
      frontRunCoverDays: c.frontRunning ?? doc.trade?.frontRunning ?? 0,
      effectiveEpochDay: c.effective ?? null,
      endEpochDay: c.end ?? null,
      extraterritorial,
    });
  }
  return { controls, authorities };
}

const UNLIMITED: LicensingCapacity = { unit: "applications", perDay: Infinity };

/**
 * Approval probability by importer from a share or a map: "default" first, then groups, then
 * single countries, so the most specific entry wins. Reported at `path`; also used by events.
 */
export function approvalByCountry(approval: number | Record<string, number> | undefined, refs: ReferenceIndex, path: (string | number)[], note: Report): number[] {
  const byCountry = new Array<number>(refs.countryIds.length).fill(1);
  if (typeof approval === "number") byCountry.fill(approval);
  else if (approval !== undefined) {
    const entries = Object.entries(approval);
    if (approval.default !== undefined) byCountry.fill(approval.default);
    for (const [key, value] of entries) {
      if (key === "default" || refs.isCountry(key)) continue;
      for (const country of refs.countries(key, [...path, key], note, true)) byCountry[country] = value;
    }
    for (const [key, value] of entries) {
      if (!refs.isCountry(key)) continue;
      byCountry[refs.country(key, [...path, key], note, true) as number] = value;
    }
  }
  return byCountry;
}
