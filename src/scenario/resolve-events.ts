/**
 * Resolution of `events`: what each scripted event acts on (controls, a facility, markets, a
 * reserve) as indices, with its dates checked against each other.
 */
import type { ControlSpec, EventAction, EventSpec } from "../model/index.js";
import { approvalByCountry } from "./control-schema.js";
import type { MarketTable } from "./market-table.js";
import { lookup, type ReferenceIndex, type Report } from "./reference-index.js";
import { DEFAULTS } from "./scenario-defaults.js";
import type { FieldPath } from "./scenario-issue.js";
import type { ConcreteScenario } from "./scenario-schema.js";

/** The ids events refer to, in declaration order (their positions are the model's indices). */
export interface EventTargets {
  readonly facilityIds: readonly string[];
  readonly stockpileIds: readonly string[];
  readonly controlIds: readonly string[];
  /** The resolved controls (a licensing change must name licensing controls). */
  readonly controls: readonly ControlSpec[];
}

/** The scripted events of `doc`, in declaration order. */
export function resolveEvents(doc: ConcreteScenario, refs: ReferenceIndex, note: Report, markets: MarketTable, targets: EventTargets): EventSpec[] {
  const { facilityIds, stockpileIds, controlIds } = targets;
  const events: EventSpec[] = [];
  for (const [id, event] of Object.entries(doc.events ?? {})) {
    const path = ["events", id];
    const latest = event.date;
    let action: EventAction | undefined;
    switch (event.type) {
      case "impose":
      case "lift": {
        const acted = controlList(event.control, controlIds, [...path, "control"], note);
        if (acted !== undefined) action = { kind: event.type, controls: acted };
        break;
      }
      case "suspend":
      case "extend": {
        const acted = controlList(event.control, controlIds, [...path, "control"], note);
        if (event.until <= latest) note([...path, "until"], "date-order", "must be after the event's date");
        if (acted !== undefined) action = { kind: event.type, controls: acted, untilEpochDay: event.until };
        break;
      }
      case "licensing-change":
      case "general-licence": {
        const acted = controlList(event.control, controlIds, [...path, "control"], note);
        if (acted === undefined) break;
        const notLicensing = acted.filter((c) => targets.controls[c]?.measure.kind !== "licensing");
        if (notLicensing.length > 0) {
          note([...path, "control"], "not-licensing", `${notLicensing.map((c) => controlIds[c]).join(", ")} ${notLicensing.length === 1 ? "is not a licensing control" : "are not licensing controls"}: only licences can change or be granted`);
          break;
        }
        if (event.type === "licensing-change") {
          if (event.approval === undefined && event.processingTime === undefined && event.capacity === undefined) {
            note(path, "empty-change", "a licensing change needs approval, processingTime or capacity");
          }
          action = {
            kind: "licensing-change",
            controls: acted,
            approvalByCountry: event.approval === undefined ? null : approvalByCountry(event.approval, refs, [...path, "approval"], note),
            processingDays: event.processingTime ?? null,
            capacity: event.capacity ?? null,
          };
        } else {
          if (event.until !== undefined && event.until <= latest) note([...path, "until"], "date-order", "must be after the event's date");
          const destinations = [...new Set(event.destinations.flatMap((ref, i) => refs.countries(ref, [...path, "destinations", i], note)))];
          action = { kind: "general-licence", controls: acted, destinations, untilEpochDay: event.until ?? null };
        }
        break;
      }
      case "facility-offline": {
        const facility = lookup("facility", event.facility, facilityIds, [...path, "facility"], note);
        if (event.until !== undefined && event.until <= latest) note([...path, "until"], "date-order", "must be after the event's date");
        if (facility !== undefined) action = { kind: "facility-offline", facility, untilEpochDay: event.until ?? null };
        break;
      }
      case "facility-online": {
        const facility = lookup("facility", event.facility, facilityIds, [...path, "facility"], note);
        if (facility !== undefined) action = { kind: "facility-online", facility };
        break;
      }
      case "demand-change": {
        const countries = refs.countries(event.country, [...path, "country"], note);
        const commodities = refs.commodities(event.commodity, [...path, "commodity"], note);
        const affected: number[] = [];
        for (const c of countries) for (const k of commodities) {
          const m = markets.indexOf(c, k);
          if (m !== undefined && markets.markets[m].demandTonnesPerDay > 0) affected.push(m);
        }
        if (countries.length > 0 && commodities.length > 0 && affected.length === 0) {
          note(path, "no-demand", `no market with demand matches country "${event.country}" and commodity "${event.commodity}"`);
        }
        action = { kind: "demand-change", markets: affected, factor: event.factor, priorityClass: event.class ?? null };
        break;
      }
      case "stockpile-release":
      case "stockpile-purchase": {
        const stockpile = lookup("stockpile", event.stockpile, stockpileIds, [...path, "stockpile"], note);
        if (stockpile !== undefined) action = { kind: event.type, stockpile, tonnes: event.amount };
        break;
      }
    }
    if (action !== undefined) events.push({ id, epochDay: event.date, probability: event.probability ?? DEFAULTS.probability, action });
  }
  return events;
}

/** Control indices for one id or a list of ids; undefined if any is unknown (each reported). */
function controlList(refs: string | string[], controlIds: readonly string[], path: FieldPath, note: Report): number[] | undefined {
  const list = typeof refs === "string" ? [refs] : refs;
  const found = list.map((id, i) => lookup("control", id, controlIds, typeof refs === "string" ? path : [...path, i], note));
  return found.every((c) => c !== undefined) ? (found as number[]) : undefined;
}
