/**
 * Field schemas: the building blocks of the scenario format (ids, dates, quantities with
 * units, shares, distributions), each validating what authors write and transforming it to
 * model units. Messages say what was expected and give an example.
 */
import { z } from "zod";
import type { Distribution } from "../engine/index.js";
import { epochDayFromIso } from "../model/index.js";
import { parseGrowth, parseQuantity, parseShare, plainNumberMeaning, type QuantityKind, type QuantityResult } from "./quantity.js";

/** Lower-case slug ids: commodities, groups, facilities, stockpiles, controls, events. */
export const SLUG = /^[a-z0-9][a-z0-9-]*$/;
/** Country and bloc ids: ISO 3166 alpha-2 or a short upper-case code (EU, ROW). */
export const COUNTRY_CODE = /^[A-Z][A-Z0-9]{1,3}$/;

/** An id matching SLUG. */
export const slug = (what: string) =>
  z.string({ error: `must be a ${what} id (text)` }).regex(SLUG, { error: `must be a ${what} id: lower-case letters, digits and dashes, such as "ndpr-oxide"` });

/** A country id or a country-group id. */
export const countryRef = z
  .string({ error: "must be a country code such as \"US\", or a country group id" })
  .regex(new RegExp(`${COUNTRY_CODE.source}|${SLUG.source}`), { error: "must be a country code such as \"US\" or \"ROW\", or a country group id such as \"allies\"" });

/** An ISO calendar date, transformed to an epoch day. */
export const isoDate = z
  .string({ error: "must be a date written YYYY-MM-DD" })
  .transform((text, ctx) => {
    const day = epochDayFromIso(text);
    if (day === undefined) {
      const message = /^\d{4}-\d{2}-\d{2}$/.test(text)
        ? `"${text}" is not a day of the calendar (check the month and day)`
        : `"${text}" is not a date: write YYYY-MM-DD, such as "2026-11-10"`;
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return day;
  });

const quantityInput = (kind: QuantityKind) =>
  z
    .union([z.number(), z.string()], { error: `must be a number (${plainNumberMeaning(kind)}) or a quantity with a unit` })
    .describe(`A ${kind}: a number (${plainNumberMeaning(kind)}) or a string with a unit`);

const quantity = (kind: QuantityKind, rule: "positive" | "non-negative") =>
  quantityInput(kind).transform((input, ctx) => {
    const parsed = parseQuantity(input, kind);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    if (rule === "positive" ? !(parsed.value > 0) : !(parsed.value >= 0)) {
      ctx.addIssue({ code: "custom", message: `must be ${rule === "positive" ? "> 0" : ">= 0"}, got ${JSON.stringify(input)}` });
      return z.NEVER;
    }
    return parsed.value;
  });

/** Tonnes, > 0 or >= 0. */
export const mass = (rule: "positive" | "non-negative" = "non-negative") => quantity("mass", rule);
/** Tonnes per day. */
export const rate = (rule: "positive" | "non-negative" = "non-negative") => quantity("rate", rule);
/** Days. */
export const duration = (rule: "positive" | "non-negative" = "non-negative") => quantity("duration", rule);

/** A mass (tonnes) or a duration (days of cover), for reserve levels. */
export const massOrCover = z
  .union([z.number(), z.string()], { error: 'must be tonnes (a number or "500 t") or days of cover ("60 days")' })
  .describe('Tonnes (a number, or "500 t") or days of cover ("60 days")')
  .transform((input, ctx): { tonnes: number } | { coverDays: number } => {
    const asMass = parseQuantity(input, "mass");
    if (asMass.ok && asMass.value >= 0) return { tonnes: asMass.value };
    const asDuration = typeof input === "string" ? parseQuantity(input, "duration") : undefined;
    if (asDuration?.ok && asDuration.value >= 0) return { coverDays: asDuration.value };
    ctx.addIssue({ code: "custom", message: `must be tonnes ("500 t") or days of cover ("60 days") and not negative, got ${JSON.stringify(input)}` });
    return z.NEVER;
  });

/** A fraction written as a number or a percentage string, checked against a range. */
function fraction(options: {
  parse: (input: number | string) => QuantityResult;
  isInRange: (value: number) => boolean;
  range: string;
  error: string;
  description: string;
}) {
  return z
    .union([z.number(), z.string()], { error: options.error })
    .describe(options.description)
    .transform((input, ctx) => {
      const parsed = options.parse(input);
      if (!parsed.ok || !options.isInRange(parsed.value)) {
        ctx.addIssue({ code: "custom", message: parsed.ok ? `must be ${options.range}, got ${JSON.stringify(input)}` : parsed.message });
        return z.NEVER;
      }
      return parsed.value;
    });
}

/** A fraction in [0, 1], written 0.7 or "70%". */
export const share = fraction({
  parse: parseShare,
  isInRange: (v) => v >= 0 && v <= 1,
  range: "between 0 and 1 (0% and 100%)",
  error: 'must be a share: a number from 0 to 1 or a percentage such as "70%"',
  description: 'A share: a number from 0 to 1, or a percentage such as "70%"',
});

/** Annual growth, written 0.03, "3%" or "3%/yr"; between -100% and +100%. */
export const growth = fraction({
  parse: parseGrowth,
  isInRange: (v) => v > -1 && v <= 1,
  range: "above -100% and at most +100% a year",
  error: 'must be a growth rate such as 0.03 or "3%/yr"',
  description: 'Annual growth: a fraction (0.03) or a percentage ("3%", "3%/yr")',
});

/** A distribution over a quantity or a date: a plain value (fixed) or one of a few families. */
function distribution<T extends z.ZodType<number>>(value: T, what: string) {
  const ordered = (values: number[], labels: string, ctx: z.RefinementCtx): boolean => {
    for (let i = 1; i < values.length; i++) {
      if (values[i] < values[i - 1]) {
        ctx.addIssue({ code: "custom", message: `${labels} must be in increasing order` });
        return false;
      }
    }
    return true;
  };
  return z.union(
    [
      value.transform((v): Distribution => ({ kind: "fixed", value: v })),
      z.strictObject({ uniform: z.tuple([value, value]) }).transform((d, ctx): Distribution => {
        const [min, max] = d.uniform as [number, number];
        if (!ordered([min, max], "uniform: [min, max]", ctx)) return z.NEVER;
        return { kind: "uniform", min, max };
      }),
      z.strictObject({ triangular: z.tuple([value, value, value]) }).transform((d, ctx): Distribution => {
        const [min, mode, max] = d.triangular as [number, number, number];
        if (!ordered([min, mode, max], "triangular: [min, mode, max]", ctx)) return z.NEVER;
        return { kind: "triangular", min, mode, max };
      }),
      z
        .strictObject({ lognormal: z.strictObject({ median: value, sigma: z.number().nonnegative() }) })
        .transform((d): Distribution => {
          const { median, sigma } = d.lognormal as { median: number; sigma: number };
          return { kind: "lognormal", median, sigma };
        }),
    ],
    { error: `must be ${what}, or a distribution: { uniform: [min, max] }, { triangular: [min, mode, max] } or { lognormal: { median, sigma } }` },
  );
}

/** A duration in days, or a distribution of durations. */
export const durationDistribution = distribution(duration("non-negative"), 'a duration such as "45 working days"');
/** A date (epoch day), or a distribution of dates ({ uniform: [from, to] }, ...). */
export const dateDistribution = distribution(isoDate, "a date YYYY-MM-DD");
