/**
 * The scenario's dated events as marks on a time axis: a dashed rule at each date where
 * something happened, labelled with the names (several on one date share a rule), labels
 * stepped down in three rows so that neighbours do not overprint. What happened: the scripted
 * events that came up, the end of each suspension or extension that nothing later replaced (the
 * date the controls come back), and controls taking effect or ending by their own terms. Events
 * and controls are named in words, not by their ids (see DisplayNames).
 */
import { epochMsFromIso, isoFromEpochDay, type RealizedEvent, type WorldSpec } from "../../model/index.js";
import { DisplayNames } from "./display-names.js";
import { COLOURS } from "./palette.js";

/** One marked date. */
export interface EventMark {
  readonly date: string;
  readonly label: string;
}

/** What happened within [start, end] (ISO dates), one mark per date, in date order. */
export function eventMarks(events: readonly RealizedEvent[], spec: WorldSpec, start: string, end: string, labels: Readonly<Record<string, string>> = {}): EventMark[] {
  const names = new DisplayNames(spec, labels);
  const byDate = new Map<string, string[]>();
  const add = (date: string | null, name: string) => {
    if (date === null || date < start || date > end) return;
    const onDate = byDate.get(date) ?? [];
    if (!onDate.includes(name)) onDate.push(name);
    byDate.set(date, onDate);
  };
  const happened = events.filter((e) => e.happened && e.date !== null);
  for (const event of happened) add(event.date, names.label(event.id));
  // A suspension (or extension) ends on its date unless a later one for some of its controls came first.
  const windows = happened.flatMap((event) => {
    const action = spec.events.find((e) => e.id === event.id)?.action;
    return action !== undefined && (action.kind === "suspend" || action.kind === "extend") ? [{ id: event.id, date: event.date as string, until: isoFromEpochDay(action.untilEpochDay), controls: action.controls }] : [];
  });
  for (const w of windows) {
    const replaced = windows.some((v) => v !== w && v.date > w.date && v.date <= w.until && v.controls.some((c) => w.controls.includes(c)));
    if (!replaced) add(w.until, `${names.label(w.id)} ends`);
  }
  for (const control of spec.controls) {
    if (control.effectiveEpochDay !== null) add(isoFromEpochDay(control.effectiveEpochDay), `${names.label(control.id)} in force`);
    if (control.endEpochDay !== null) add(isoFromEpochDay(control.endEpochDay), `${names.label(control.id)} ends`);
  }
  return [...byDate.keys()].sort().map((date) => ({ date, label: byDate.get(date)!.join(", ") }));
}

/** Vega-Lite layers drawing the marks (rules over the panel's height; labels at its top when `labelled`). */
export function eventLayers(marks: readonly EventMark[], labelled: boolean): Record<string, unknown>[] {
  if (marks.length === 0) return [];
  const values = marks.map((m, i) => ({ date: epochMsFromIso(m.date), label: `${m.date} ${m.label}`, ty: 2 + 12 * (i % 3) }));
  const rule = {
    data: { values },
    mark: { type: "rule", strokeDash: [4, 3], color: COLOURS.event, strokeWidth: 1 },
    encoding: { x: { field: "date", type: "temporal" } },
  };
  if (!labelled) return [rule];
  const text = {
    data: { values },
    mark: { type: "text", align: "left", baseline: "top", dx: 3, fontSize: 10, color: "#333333" },
    encoding: { x: { field: "date", type: "temporal" }, y: { field: "ty", type: "quantitative", scale: null }, text: { field: "label" } },
  };
  return [rule, text];
}
