/**
 * Resolution of `events`: what each scripted event acts on (controls, a facility, markets, a
 * reserve) as indices, with its dates checked against each other.
 */
import { assertNever } from "../engine/index.js";
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
  const events: EventSpec[] = [];
  const context: EventContext = { refs, note, markets, targets };
  for (const [id, event] of Object.entries(doc.events ?? {})) {
    const action = eventAction(event, ["events", id], context);
    if (action !== undefined) events.push({ id, epochDay: event.date, probability: event.probability ?? DEFAULTS.probability, action });
  }
  return events;
}

/** One event as the scenario writes it. */
type ScenarioEvent = NonNullable<ConcreteScenario["events"]>[string];

/** What an event's action is resolved against, and where problems go. */
interface EventContext {
  readonly refs: ReferenceIndex;
  readonly note: Report;
  readonly markets: MarketTable;
  readonly targets: EventTargets;
}

/** What an event does, with its targets as indices; undefined (reported) when a target is unknown. */
function eventAction(event: ScenarioEvent, path: FieldPath, context: EventContext): EventAction | undefined {
  const { refs, note, targets } = context;
  const { facilityIds, stockpileIds, controlIds } = targets;
  switch (event.type) {
    case "impose":
    case "lift": {
      const acted = controlList(event.control, controlIds, [...path, "control"], note);
      return acted === undefined ? undefined : { kind: event.type, controls: acted };
    }
    case "suspend":
    case "extend": {
      const acted = controlList(event.control, controlIds, [...path, "control"], note);
      if (event.until <= event.date) note([...path, "until"], "date-order", "must be after the event's date");
      return acted === undefined ? undefined : { kind: event.type, controls: acted, untilEpochDay: event.until };
    }
    case "licensing-change":
    case "general-licence":
      return licenceAction(event, path, context);
    case "facility-offline": {
      const facility = lookup("facility", event.facility, facilityIds, [...path, "facility"], note);
      if (event.until !== undefined && event.until <= event.date) note([...path, "until"], "date-order", "must be after the event's date");
      return facility === undefined ? undefined : { kind: "facility-offline", facility, untilEpochDay: event.until ?? null };
    }
    case "facility-online": {
      const facility = lookup("facility", event.facility, facilityIds, [...path, "facility"], note);
      return facility === undefined ? undefined : { kind: "facility-online", facility };
    }
    case "demand-change":
      return demandChangeAction(event, path, context);
    case "stockpile-release":
    case "stockpile-purchase": {
      const stockpile = lookup("stockpile", event.stockpile, stockpileIds, [...path, "stockpile"], note);
      return stockpile === undefined ? undefined : { kind: event.type, stockpile, tonnes: event.amount };
    }
    default:
      return assertNever(event, "event type");
  }
}

/** A licensing change or a general licence: it must name licensing controls only. */
function licenceAction(event: Extract<ScenarioEvent, { type: "licensing-change" | "general-licence" }>, path: FieldPath, context: EventContext): EventAction | undefined {
  const { refs, note, targets } = context;
  const acted = controlList(event.control, targets.controlIds, [...path, "control"], note);
  if (acted === undefined) return undefined;
  const notLicensing = acted.filter((c) => targets.controls[c]?.measure.kind !== "licensing");
  if (notLicensing.length > 0) {
    note([...path, "control"], "not-licensing", `${notLicensing.map((c) => targets.controlIds[c]).join(", ")} ${notLicensing.length === 1 ? "is not a licensing control" : "are not licensing controls"}: only licences can change or be granted`);
    return undefined;
  }
  if (event.type === "licensing-change") {
    if (event.approval === undefined && event.processingTime === undefined && event.capacity === undefined) {
      note(path, "empty-change", "a licensing change needs approval, processingTime or capacity");
    }
    return {
      kind: "licensing-change",
      controls: acted,
      approvalByCountry: event.approval === undefined ? null : approvalByCountry(event.approval, refs, [...path, "approval"], note),
      processingDays: event.processingTime ?? null,
      capacity: event.capacity ?? null,
    };
  }
  if (event.until !== undefined && event.until <= event.date) note([...path, "until"], "date-order", "must be after the event's date");
  const destinations = [...new Set(event.destinations.flatMap((ref, i) => refs.countries(ref, [...path, "destinations", i], note)))];
  return { kind: "general-licence", controls: acted, destinations, untilEpochDay: event.until ?? null, share: event.holders ?? 1 };
}

/** A demand change: the markets with demand among the countries and commodities it names (none is reported). */
function demandChangeAction(event: Extract<ScenarioEvent, { type: "demand-change" }>, path: FieldPath, context: EventContext): EventAction {
  const { refs, note, markets } = context;
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
  return { kind: "demand-change", markets: affected, factor: event.factor, priorityClass: event.class ?? null };
}

/** Control indices for one id or a list of ids; undefined if any is unknown (each reported). */
function controlList(refs: string | string[], controlIds: readonly string[], path: FieldPath, note: Report): number[] | undefined {
  const list = typeof refs === "string" ? [refs] : refs;
  const found = list.map((id, i) => lookup("control", id, controlIds, typeof refs === "string" ? path : [...path, i], note));
  return found.every((c) => c !== undefined) ? (found as number[]) : undefined;
}
