/**
 * Resolution of `floors`: commodities, producers and member countries to indices, the price to
 * an index against the commodity's reference price, dates in order. A government floor covers
 * its listed facilities; a tariff floor every facility of a member country that makes the
 * commodity as its first output. A floor acts through the market response, so it needs one for
 * its commodity.
 */
import type { FacilitySpec, FloorSpec, ResponseSpec } from "../model/index.js";
import { lookup, type ReferenceIndex, type Report } from "./reference-index.js";
import type { ConcreteScenario } from "./scenario-schema.js";

/** The price floors of `doc`, for the resolved `facilities` and `response`. */
export function resolveFloors(doc: ConcreteScenario, refs: ReferenceIndex, note: Report, facilities: readonly FacilitySpec[], response: ResponseSpec | null): FloorSpec[] {
  const floors: FloorSpec[] = [];
  const facilityIds = facilities.map((f) => f.id);
  for (const [id, f] of Object.entries(doc.floors ?? {})) {
    const path = ["floors", id];
    const commodity = refs.commodity(f.commodity, [...path, "commodity"], note);
    if (commodity === undefined) continue;
    if (response === null || response.byCommodity[commodity] === null) {
      const why = response === null ? "the scenario has no `response` section" : `the response of "${f.commodity}" is off (enabled: false)`;
      note([...path, "commodity"], "floor-needs-response", `a price floor acts through the market response, and ${why}`);
      continue;
    }
    const reference = doc.commodities[f.commodity].referencePrice?.price;
    if (reference === undefined || !(reference > 0)) {
      note([...path, "price"], "no-reference-price", `a floor needs a reference price for "${f.commodity}" to read its price against: set commodities.${f.commodity}.referencePrice`);
      continue;
    }
    if (f.until !== undefined && f.until < f.from) note([...path, "until"], "date-order", "must not be before from");
    const countries = (f.countries ?? []).flatMap((c, i) => refs.countries(c, [...path, "countries", i], note));
    let covered: number[] = [];
    if (f.paidBy === "government") {
      if (f.facilities === undefined || f.facilities.length === 0) note([...path, "facilities"], "empty", "a government floor must name the facilities it covers");
      if (f.countries !== undefined) note([...path, "countries"], "floor-members", "a government floor covers facilities, not countries: list them under facilities");
      (f.facilities ?? []).forEach((name, i) => {
        const at = [...path, "facilities", i];
        const k = lookup("facility", name, facilityIds, at, note);
        if (k === undefined) return;
        if (facilities[k].outputs[0]?.commodity !== commodity) note(at, "floor-output", `facility "${name}" does not make ${f.commodity} as its first output`);
        else covered.push(k);
      });
    } else {
      if (countries.length === 0) note([...path, "countries"], "empty", "a tariff floor must name its member countries");
      if (f.facilities !== undefined) note([...path, "facilities"], "floor-members", "a tariff floor holds member countries' markets: list them under countries");
      const members = new Set(countries);
      covered = facilities.flatMap((facility, k) => (members.has(facility.country) && facility.outputs[0]?.commodity === commodity ? [k] : []));
    }
    floors.push({
      id,
      commodity,
      priceIndex: f.price / reference,
      paidBy: f.paidBy,
      facilities: covered,
      countries: f.paidBy === "tariff" ? [...new Set(countries)].sort((a, b) => a - b) : [],
      fromEpochDay: f.from,
      untilEpochDay: f.until ?? null,
    });
  }
  return floors;
}
