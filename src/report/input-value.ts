/** An uncertain input's value as a person reads it: dates as ISO dates, rates in t/yr, the rest as written. */
import { isoFromEpochDay } from "../model/index.js";
import type { SweepPlan } from "../sweep/index.js";
import { formatNumber } from "./number-format.js";

/** Input `i` of the plan's base at model value `value`, as text. */
export function formatInputValue(plan: SweepPlan, i: number, value: number): string {
  const base = plan.alternatives[0];
  if (base.dateInputs.includes(base.inputs[i])) return isoFromEpochDay(value);
  return formatNumber(Number((value * base.inputScales[i]).toPrecision(4)), 6);
}
