/**
 * Quantities: numbers with units as scenario authors write them ("270 kt/yr", "60 days",
 * "45 working days", "750 kg", "70%"), converted to model units (tonnes, tonnes per day,
 * days, fractions). Unit strings are parsed by mathjs's unit parser, never evaluated as
 * expressions: "2+3 t" or "sqrt(4) t" are refused.
 */
import type { MathJsInstance, Unit } from "mathjs";
import { mathjs } from "../engine/index.js";
import { DAYS_PER_YEAR } from "../model/index.js";

/** What kind of quantity a field holds. */
export type QuantityKind = "mass" | "rate" | "duration";

/** A parsed quantity, or why it could not be parsed. */
export type QuantityResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

const MODEL_UNIT: Record<QuantityKind, string> = { mass: "t", rate: "t/day", duration: "day" };
const PLAIN_NUMBER_MEANS: Record<QuantityKind, string> = { mass: "tonnes", rate: "tonnes per year", duration: "days" };
const EXAMPLE: Record<QuantityKind, string> = { mass: '"750 kg" or "1.2 kt"', rate: '"270 kt/yr" or "2 t/day"', duration: '"60 days", "2 months" or "45 working days"' };

let math: MathJsInstance | undefined;
let references: Record<QuantityKind, Unit> | undefined;

// Created on first use, so importing the library costs nothing until a unit is parsed.
function units(): { math: MathJsInstance; references: Record<QuantityKind, Unit> } {
  if (math === undefined || references === undefined) {
    const { create, unitDependencies, createUnitDependencies } = mathjs();
    const instance = create({ unitDependencies, createUnitDependencies });
    instance.createUnit("yr", { definition: "1 year", aliases: ["yrs"] });
    // A working week is five days in seven: "45 working days" are 63 calendar days.
    instance.createUnit("workday", { definition: "1.4 day", aliases: ["workdays"] });
    math = instance;
    references = { mass: instance.unit("1 t"), rate: instance.unit("1 t/day"), duration: instance.unit("1 day") };
  }
  return { math, references };
}

/** Rounds away binary noise from unit conversion (45 working days = 63 days, not 62.99999999999999). */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * Parses a quantity of the given kind. A plain number means tonnes, tonnes per year or
 * days. Strings may use thousands separators ("270,000 t/yr").
 */
export function parseQuantity(input: number | string, kind: QuantityKind): QuantityResult {
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return { ok: false, message: `must be a finite number, got ${input}` };
    return { ok: true, value: kind === "rate" ? tidy(input / DAYS_PER_YEAR) : input };
  }
  const text = input
    .trim()
    .replace(/(\d),(?=\d{3}\b)/g, "$1")
    .replace(/\bworking\s+days?\b/g, "workdays")
    .replace(/\bworking\s+day\b/g, "workday");
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    return parseQuantity(Number(text), kind);
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*[A-Za-z]/.test(text)) {
    return { ok: false, message: `"${input}" is not a quantity: write a number and a unit, such as ${EXAMPLE[kind]}` };
  }
  // "ton" is a US short ton to the unit parser (0.907 t), a long ton (1.016 t) to a Briton and
  // a tonne to many authors in this field: refuse it rather than guess.
  const ambiguous = /(?:^|[^A-Za-z])((?:[kMG]|kilo|mega|giga)?tons?)(?![A-Za-z])/.exec(text);
  if (ambiguous !== null) {
    // A ton is a mass: where a duration is tried too (reserve levels), the examples are masses.
    const example = EXAMPLE[kind === "duration" ? "mass" : kind];
    return { ok: false, message: `"${input}": "${ambiguous[1]}" is ambiguous (a US short ton is 0.907 t, a long ton 1.016 t); write "t" for the metric tonne, such as ${example}` };
  }
  const { math: m, references: ref } = units();
  let unit: Unit;
  try {
    unit = m.unit(text);
  } catch (error) {
    return { ok: false, message: `"${input}" is not a quantity${whyNot(error, EXAMPLE[kind])}` };
  }
  if (!unit.equalBase(ref[kind])) {
    return { ok: false, message: `"${input}" is not a ${kind}: use a unit such as ${EXAMPLE[kind]}` };
  }
  const value = unit.toNumber(MODEL_UNIT[kind]);
  if (!Number.isFinite(value)) return { ok: false, message: `"${input}" is not a finite quantity` };
  return { ok: true, value: tidy(value) };
}

/**
 * Why the unit parser refused a quantity, in this format's words (its own messages name its
 * internals), ending with examples: a word that is not a unit, "per" (written "/") among them.
 */
function whyNot(error: unknown, example: string): string {
  const unknown = error instanceof Error ? /Unit "([^"]*)" not found/.exec(error.message) : null;
  if (unknown === null) return `; write one such as ${example}`;
  if (unknown[1] === "per") return `: write "/" for "per", such as ${example}`;
  return `: "${unknown[1]}" is not a known unit; write one such as ${example}`;
}

/** What a plain number means for a kind of quantity (for messages and docs). */
export function plainNumberMeaning(kind: QuantityKind): string {
  return PLAIN_NUMBER_MEANS[kind];
}

/** Parses a share: a number in [0, 1] or a percentage string ("70%"). */
export function parseShare(input: number | string): QuantityResult {
  let value: number;
  if (typeof input === "number") value = input;
  else {
    const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*%\s*$/.exec(input);
    if (match === null) return { ok: false, message: `"${input}" is not a share: write a number from 0 to 1 or a percentage such as "70%"` };
    value = Number(match[1]) / 100;
  }
  if (!Number.isFinite(value)) return { ok: false, message: `must be a finite number, got ${input}` };
  return { ok: true, value };
}

/** Parses an annual growth rate: a fraction (0.03), "3%" or "3%/yr". */
export function parseGrowth(input: number | string): QuantityResult {
  if (typeof input === "string") return parseShare(input.replace(/\s*\/\s*(yr|year)\s*$/, ""));
  return parseShare(input);
}
