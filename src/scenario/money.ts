/**
 * Money as scenario authors write it: a reference price per mass ("56 US$/kg", "US$9.50/lb",
 * "14,000 US$/t") converted to US dollars per tonne, and an amount ("US$150 M", "43.4 M US$",
 * "2 bn US$") converted to US dollars. Only US dollars are read: a figure in another currency
 * is converted by its author, who says at which rate. The mass unit goes through the quantity
 * parser (quantity.ts), so "lb", "kg", "t" and "kt" mean what they mean everywhere else.
 */
import { parseQuantity, type QuantityResult } from "./quantity.js";

const NUMBER = String.raw`(\d[\d,]*\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?`;
const SCALE = String.raw`(k|M|m|B|bn|million|billion|thousand)?`;
const DOLLAR = String.raw`(?:US\$|\$|USD)`;

/** Multipliers of the scale words an amount may carry. */
const SCALES: Record<string, number> = { k: 1e3, thousand: 1e3, M: 1e6, m: 1e6, million: 1e6, B: 1e9, bn: 1e9, billion: 1e9 };

/** "US$150 M", "$1.2 bn", "43.4 M US$", "2,000,000 USD" (the dollar sign before or after). */
const AMOUNT = new RegExp(String.raw`^(?:${DOLLAR}\s*${NUMBER}\s*${SCALE}|${NUMBER}\s*${SCALE}\s*${DOLLAR})$`);

function amountOf(text: string): number | undefined {
  const m = AMOUNT.exec(text.trim());
  if (m === null) return undefined;
  const [digits, exponent, scale] = m[1] !== undefined ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
  const value = Number(digits.replace(/,(?=\d{3}\b)/g, "")) * 10 ** Number(exponent ?? 0) * (scale === undefined ? 1 : SCALES[scale]);
  return Number.isFinite(value) ? value : undefined;
}

/** An amount of US dollars: a plain number, or "US$150 M" and the like. */
export function parseMoney(input: number | string): QuantityResult {
  if (typeof input === "number") return Number.isFinite(input) && input >= 0 ? { ok: true, value: input } : { ok: false, message: `must be a finite amount >= 0, got ${input}` };
  const value = amountOf(input);
  if (value === undefined || !(value >= 0)) return { ok: false, message: `"${input}" is not an amount of money: write US dollars, such as "US$150 M", "43.4 M US$" or "2 bn US$"` };
  return { ok: true, value };
}

/**
 * A price per mass in US dollars per tonne: "56 US$/kg", "US$9.50/lb", "14,000 US$/t"; a plain
 * number means US$ per tonne.
 */
export function parsePricePerTonne(input: number | string): QuantityResult {
  if (typeof input === "number") return parseMoney(input);
  const slash = input.lastIndexOf("/");
  const refuse = (why = ""): QuantityResult => ({ ok: false, message: `"${input}" is not a price${why}: write US dollars per mass, such as "56 US$/kg", "US$9.50/lb" or "14,000 US$/t"` });
  if (slash < 0) return refuse();
  const amount = amountOf(input.slice(0, slash));
  if (amount === undefined) return refuse();
  const per = parseQuantity(`1 ${input.slice(slash + 1).trim()}`, "mass");
  if (!per.ok || !(per.value > 0)) return refuse(` (after "/" comes a unit of mass: t, kg, lb)`);
  return { ok: true, value: Number((amount / per.value).toPrecision(12)) };
}
