/**
 * Date order under uncertainty: where one date must come after another (a control's end after
 * its effective date, a suspension's end after the event that starts it), the check is made on
 * the ranges an uncertain date can take, once, when the scenario is loaded, so that no draw of
 * a valid scenario can break it.
 */
import { bounds } from "../engine/index.js";
import type { Report } from "./reference-index.js";
import type { ParsedScenario } from "./scenario-schema.js";
import { isUncertain } from "./uncertain-input.js";

/** Earliest and latest value of a date field (a plain date, or a distribution's support). */
function range(value: unknown): { earliest: number; latest: number } | undefined {
  if (typeof value === "number") return { earliest: value, latest: value };
  if (isUncertain(value)) {
    const { min, max } = bounds(value.uncertain);
    return { earliest: min, latest: max };
  }
  return undefined;
}

/** Reports date pairs that some draw could put in the wrong order (only where one of them is uncertain). */
export function checkUncertainDateOrder(doc: ParsedScenario, note: Report): void {
  const mustFollow = (path: (string | number)[], later: unknown, earlier: unknown, rule: string, strict: boolean) => {
    if (!isUncertain(later) && !isUncertain(earlier)) return; // plain dates are checked by the resolver
    const a = range(later);
    const b = range(earlier);
    if (a === undefined || b === undefined) return;
    if (strict ? a.earliest <= b.latest : a.earliest < b.latest) note(path, "date-order", `${rule}, whatever is drawn: the ranges overlap`);
  };
  for (const [id, c] of Object.entries(doc.controls ?? {})) {
    mustFollow(["controls", id, "end"], c.end, c.effective, "must be after effective", true);
    mustFollow(["controls", id, "effective"], c.effective, c.announced, "must not be before announced", false);
  }
  for (const [id, e] of Object.entries(doc.events ?? {})) {
    if ("until" in e && e.until !== undefined) mustFollow(["events", id, "until"], e.until, e.date, "must be after the event's date", true);
  }
}
