/**
 * Relative edits: the arithmetic of `--set PATH+=1 year`, `-=`, `*=2` and `/=2` on one value
 * as written in a scenario file, giving the value to write in its place, in the same units and
 * form as the original ("9,000 t/yr" * 2 = "18000 t/yr", "80%" + 10% = "90%", a plain number of
 * t/yr stays a plain number). Dates move by whole days, weeks, months or years of the calendar
 * (date-shift.ts); quantities add quantities of their own kind, in any unit ("9,000 t/yr" + 500
 * t/yr, "45 working days" - 1 week); shares and growth rates add shares (percentage points);
 * plain numbers add numbers; every kind but dates multiplies and divides by a plain number or a
 * percentage. A distribution changes parameter by parameter, as the quantity it describes
 * would: its points (uniform, triangular, pert, choice), a normal's mean, a lognormal's median
 * and either's min and max all move; a normal's sd scales with *= and /= and stays with += and
 * -=; shapes (a lognormal's sigma, a pert's shape, a choice's weights) never change.
 */
import { FAMILY_NAMES } from "./distribution-schema.js";
import { parseCalendarShift, shiftDate } from "./date-shift.js";
import type { FieldKind } from "./field-kind.js";
import { parseGrowth, parseQuantity, parseShare, type QuantityKind, type QuantityResult } from "./quantity.js";
import { setOwn, type PlainValue } from "./source-document.js";

/** The relative operators `--set` takes. */
export type RelativeOperator = "+=" | "-=" | "*=" | "/=";

/** The changed value, or why it cannot be changed (a sentence for the `--set` argument's message). */
export type EditResult = { readonly ok: true; readonly value: PlainValue } | { readonly ok: false; readonly message: string };

/** What an edit does to one written value, with the field's name for messages. */
interface Edit {
  readonly operator: RelativeOperator;
  readonly operand: PlainValue;
  readonly kinds: readonly FieldKind[];
  /** The field, as messages write it (`facilities.x.online`). */
  readonly where: string;
}

const QUANTITY_KINDS: readonly QuantityKind[] = ["mass", "rate", "duration"];
const EXAMPLES: Record<FieldKind, string> = {
  date: '"1 year", "6 months" or "30 days"',
  mass: '"500 t" or "1.2 kt"',
  rate: '"500 t/yr" or "2 t/day"',
  duration: '"30 days" or "6 months"',
  share: '"10%" or 0.1',
  growth: '"1%" or 0.01',
  number: "2 or 0.5",
};

/**
 * `value`, the value of a field holding `kinds`, changed by `operator` `operand`; a
 * distribution is changed parameter by parameter.
 */
export function editRelative(value: PlainValue, kinds: readonly FieldKind[], operator: RelativeOperator, operand: PlainValue, where: string): EditResult {
  const edit: Edit = { operator, operand, kinds, where };
  if (kinds.length === 0 || (typeof value !== "object" && typeof value !== "string" && typeof value !== "number")) return notChangeable(value, edit);
  if (Array.isArray(value)) return notChangeable(value, edit);
  if (typeof value === "object" && value !== null) return editDistribution(value, edit);
  return editValue(value, edit);
}

/** Why a value that is not a date, a quantity, a share or a number cannot be changed. */
function notChangeable(value: PlainValue, { operator, kinds, where }: Edit): EditResult {
  const changes = `${operator} changes dates, quantities, shares and numbers`;
  if (Array.isArray(value)) return { ok: false, message: `${where} is a list: ${changes}, one at a time` };
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value);
    const example = keys.length > 0 ? `, such as ${where}.${keys[0]}` : "";
    return { ok: false, message: `${where} is a mapping (${keys.slice(0, 8).join(", ")}${keys.length > 8 ? ", ..." : ""}): ${changes}; name one of its entries${example}` };
  }
  if (kinds.length === 0) return { ok: false, message: `${where} is text (${JSON.stringify(value)}), not a number: ${changes} only` };
  return { ok: false, message: `${where} holds ${JSON.stringify(value)}, which ${operator} cannot change: write it as ${kindsText(kinds)}` };
}

/** Each parameter of a distribution changed; its shape parameters kept. */
function editDistribution(value: { [key: string]: PlainValue }, edit: Edit): EditResult {
  const family = FAMILY_NAMES.find((f) => Object.hasOwn(value, f));
  if (family === undefined) return notChangeable(value, edit);
  const parameters = value[family];
  let changed: EditResult;
  if (Array.isArray(parameters)) changed = editAll(parameters, edit);
  else if (typeof parameters === "object" && parameters !== null) {
    const isScaling = edit.operator === "*=" || edit.operator === "/=";
    // A normal's sd scales with the quantity and does not move with it; sigma is a shape.
    const moved = (key: string) => key === "mean" || key === "median" || key === "min" || key === "max" || (key === "sd" && isScaling);
    changed = editFields(parameters, moved, edit);
  } else return { ok: false, message: `${edit.where}.${family} holds no parameters to change` };
  if (!changed.ok) return changed;
  const copy: { [key: string]: PlainValue } = {};
  for (const [key, item] of Object.entries(value)) setOwn(copy, key, key === family ? changed.value : item);
  return { ok: true, value: copy };
}

function editAll(values: readonly PlainValue[], edit: Edit): EditResult {
  const out: PlainValue[] = [];
  for (const item of values) {
    const changed = editValue(item, edit);
    if (!changed.ok) return changed;
    out.push(changed.value);
  }
  return { ok: true, value: out };
}

function editFields(parameters: { [key: string]: PlainValue }, moved: (key: string) => boolean, edit: Edit): EditResult {
  const out: { [key: string]: PlainValue } = {};
  for (const [key, item] of Object.entries(parameters)) {
    const changed = moved(key) ? editValue(item, edit) : { ok: true as const, value: item };
    if (!changed.ok) return changed;
    setOwn(out, key, changed.value);
  }
  return { ok: true, value: out };
}

/** One written value (a date, a quantity, a share, a number) changed. */
function editValue(value: PlainValue, edit: Edit): EditResult {
  if (typeof value !== "string" && typeof value !== "number") return notChangeable(value, edit);
  const kind = kindOfValue(value, edit.kinds);
  if (edit.operator === "*=" || edit.operator === "/=") {
    if (kind === "date") return { ok: false, message: `${edit.where} is a date: it moves with += or -= a number of days, weeks, months or years, and cannot be multiplied or divided` };
    return scale(value, edit);
  }
  if (kind === undefined) return notChangeable(value, edit);
  const sign = edit.operator === "+=" ? 1 : -1;
  if (kind === "date") return moveDate(value as string, sign, edit);
  if (kind === "share" || kind === "growth") return addShare(value, kind, sign, edit);
  if (kind === "number") return addNumber(value as number, sign, edit);
  return addQuantity(value, kind, sign, edit);
}

/** Which of the field's kinds a written value is ("42 days" in a reserve level is a duration, 1,800 t a mass). */
function kindOfValue(value: string | number, kinds: readonly FieldKind[]): FieldKind | undefined {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return kinds.includes("date") ? "date" : undefined;
  for (const kind of QUANTITY_KINDS) if (kinds.includes(kind) && parseQuantity(value, kind).ok) return kind;
  if (kinds.includes("share") && parseShare(value).ok) return "share";
  if (kinds.includes("growth") && parseGrowth(value).ok) return "growth";
  if (kinds.includes("number") && typeof value === "number") return "number";
  return undefined;
}

/** `*=` and `/=`: the value's number times the factor, its unit kept ("45 working days" * 2 = "90 working days"). */
function scale(value: string | number, edit: Edit): EditResult {
  const factor = factorOf(edit.operand);
  if (factor === undefined) return { ok: false, message: `${edit.operator} takes a plain number or a percentage, such as 2 or "150%"; got ${JSON.stringify(edit.operand)}` };
  if (edit.operator === "/=" && factor === 0) return { ok: false, message: "/= 0 divides by zero" };
  const times = (n: number) => tidy(edit.operator === "*=" ? n * factor : n / factor);
  if (typeof value === "number") return { ok: true, value: times(value) };
  const parts = leadingNumber(value);
  if (parts === undefined) return { ok: false, message: `${edit.where} holds ${JSON.stringify(value)}, which has no number to ${edit.operator === "*=" ? "multiply" : "divide"}` };
  return { ok: true, value: `${decimal(times(parts.number))}${parts.unit}` };
}

/** A plain number, or a percentage as a fraction ("150%" = 1.5). */
function factorOf(operand: PlainValue): number | undefined {
  if (typeof operand === "number") return Number.isFinite(operand) ? operand : undefined;
  if (typeof operand !== "string") return undefined;
  const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(%?)\s*$/.exec(operand);
  if (match === null) return undefined;
  return match[2] === "%" ? Number(match[1]) / 100 : Number(match[1]);
}

function moveDate(value: string, sign: 1 | -1, edit: Edit): EditResult {
  if (typeof edit.operand !== "string") {
    return { ok: false, message: `${edit.where} is a date: ${edit.operator} takes a number of days, weeks, months or years with its unit, such as ${EXAMPLES.date}; got ${JSON.stringify(edit.operand)}` };
  }
  const shift = parseCalendarShift(edit.operand);
  if (!shift.ok) return { ok: false, message: `${edit.where} is a date: ${shift.message}` };
  const moved = shiftDate(value.trim(), shift.shift, sign);
  if (moved === undefined) return { ok: false, message: `${edit.where}: ${value} ${edit.operator === "+=" ? "+" : "-"} ${edit.operand.trim()} is not a date of years 0001 to 9999` };
  return { ok: true, value: moved };
}

/** A quantity plus or minus one of its kind, in the value's own unit. */
function addQuantity(value: string | number, kind: QuantityKind, sign: 1 | -1, edit: Edit): EditResult {
  const operand = typeof edit.operand === "number" || typeof edit.operand === "string" ? parseQuantity(edit.operand, kind) : undefined;
  if (operand === undefined || !operand.ok) return mismatch(kind, sign, edit);
  const parts = typeof value === "string" ? leadingNumber(value) : { number: value, unit: "" };
  if (parts === undefined) return notChangeable(value, edit);
  // A plain number stays one, in what a plain number means (t, t/yr, days); a unit stays that unit.
  // The operand is converted to the value's unit, so that rounding touches only the operand's part.
  const unit = parts.unit.trim() === "" ? undefined : parts.unit;
  const perUnit = parseQuantity(unit === undefined ? 1 : `1 ${unit.trim()}`, kind) as Extract<QuantityResult, { ok: true }>;
  const number = tidy(parts.number + sign * tidy(operand.value / perUnit.value));
  return { ok: true, value: unit === undefined ? (typeof value === "number" ? number : decimal(number)) : `${decimal(number)}${unit}` };
}

/** A share or growth rate plus or minus a share (percentage points), written as the value was ("80%" or 0.8, "3%/yr"). */
function addShare(value: string | number, kind: "share" | "growth", sign: 1 | -1, edit: Edit): EditResult {
  const parse = kind === "share" ? parseShare : parseGrowth;
  const operand = typeof edit.operand === "number" || typeof edit.operand === "string" ? parse(edit.operand) : undefined;
  if (operand === undefined || !operand.ok) return mismatch(kind, sign, edit);
  if (typeof value === "number") return { ok: true, value: tidy(value + sign * operand.value) };
  // "80%" stays a percentage (percentage points added), "3%/yr" keeps its "/yr".
  const percent = /^\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*%(.*)$/s.exec(value);
  if (percent === null) return { ok: true, value: decimal(tidy(Number(value) + sign * operand.value)) };
  return { ok: true, value: `${decimal(tidy(Number(percent[1]) + sign * tidy(operand.value * 100)))}%${percent[2]}` };
}

function addNumber(value: number, sign: 1 | -1, edit: Edit): EditResult {
  if (typeof edit.operand !== "number" || !Number.isFinite(edit.operand)) return mismatch("number", sign, edit);
  return { ok: true, value: tidy(value + sign * edit.operand) };
}

/** The operand is not of the field's kind: what it is, and what the field takes. */
function mismatch(kind: FieldKind, sign: 1 | -1, edit: Edit): EditResult {
  const verb = sign === 1 ? "add" : "subtract";
  const written = JSON.stringify(edit.operand);
  const actually = kindOfOperand(edit.operand);
  const is = actually === undefined ? `is not ${kindName(kind)}` : `is ${kindName(actually)}`;
  return { ok: false, message: `${written} ${is}, but ${edit.where} is ${kindName(kind)}: ${verb} ${kindName(kind)}, such as ${EXAMPLES[kind]}` };
}

/** What an operand is, when it is one of the kinds. */
function kindOfOperand(operand: PlainValue): FieldKind | undefined {
  if (typeof operand === "number") return undefined;
  if (typeof operand !== "string") return undefined;
  if (/^\s*\d{4}-\d{2}-\d{2}\s*$/.test(operand)) return "date";
  for (const kind of QUANTITY_KINDS) if (parseQuantity(operand, kind).ok) return kind;
  if (parseShare(operand).ok) return "share";
  return undefined;
}

/** "a date", "a rate", "a plain number", for messages. */
function kindName(kind: FieldKind): string {
  return `a ${kind === "number" ? "plain number" : kind === "growth" ? "growth rate" : kind}`;
}

function kindsText(kinds: readonly FieldKind[]): string {
  return kinds.map(kindName).join(" or ");
}

/** "9,000 t/yr" -> 9000 and " t/yr" (the space kept); undefined when it does not start with a number. */
function leadingNumber(text: string): { number: number; unit: string } | undefined {
  const match = /^\s*([+-]?(?:\d[\d,]*\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(.*)$/s.exec(text);
  if (match === null) return undefined;
  const number = Number(match[1].replace(/(\d),(?=\d{3}(?!\d))/g, "$1"));
  return Number.isFinite(number) ? { number, unit: match[2] } : undefined;
}

/** Rounds away binary noise (80% x 1.1 = 88%, not 88.00000000000001%), as quantities are read. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/** A number as text without an exponent where it has one only for being small (scenario text reads no "1e-7%"). */
function decimal(value: number): string {
  const text = String(value);
  if (!/e-/.test(text)) return text;
  return value.toFixed(20).replace(/0+$/, "").replace(/\.$/, "");
}
