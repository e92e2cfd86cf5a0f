/**
 * Field schemas: the building blocks of the scenario format (ids, dates, quantities with
 * units, shares, distributions), each validating what authors write and transforming it to
 * model units. Messages say what was expected and give an example.
 */
import { z } from "zod";
import type { Distribution } from "../engine/index.js";
import { epochDayFromIso } from "../model/index.js";
import { LIMITS, type Limit } from "./input-limits.js";
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
  z.union([z.number(), z.string()], { error: `must be a number (${plainNumberMeaning(kind)}) or a quantity with a unit` });

/** How a quantity field is checked: its sign rule, its bounds, and what it is (for the schema). */
interface QuantityRule {
  readonly rule?: "positive" | "non-negative";
  readonly limit?: Limit;
  readonly description?: string;
}

const DEFAULT_LIMIT: Record<QuantityKind, Limit> = { mass: LIMITS.tonnes, rate: LIMITS.tonnesPerDay, duration: LIMITS.durationDays };

/** The bounds as they read in messages: "> 0 and at most 10 Gt/yr (1e10 t/yr)". */
function boundsText(limit: Limit, rule: "positive" | "non-negative"): string {
  // A limit with a lower bound of its own says it ("at least 1 day and ...").
  if (limit.min > 0) return limit.text;
  return `${rule === "positive" ? "> 0" : ">= 0"} and ${limit.text}`;
}

const quantity = (kind: QuantityKind, options: QuantityRule = {}) => {
  const rule = options.rule ?? "non-negative";
  const limit = options.limit ?? DEFAULT_LIMIT[kind];
  const bounds = boundsText(limit, rule);
  const what = options.description ?? `A ${kind}: a number (${plainNumberMeaning(kind)}) or a string with a unit`;
  return quantityInput(kind)
    .describe(`${what}. Limits: ${bounds}`)
    .transform((input, ctx) => {
      const parsed = parseQuantity(input, kind);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.message });
        return z.NEVER;
      }
      const value = parsed.value;
      // Only the side that is crossed is named: "must be > 0" or "must be at most 10 Gt/yr".
      let broken: string | undefined;
      if (limit.min > 0 ? value < limit.min : rule === "positive" ? !(value > 0) : !(value >= 0)) broken = limit.min > 0 ? limit.text : rule === "positive" ? "> 0" : ">= 0";
      else if (value > limit.max * (1 + 1e-12)) broken = limit.text;
      if (broken !== undefined) {
        ctx.addIssue({ code: "custom", message: `must be ${broken}, got ${JSON.stringify(input)}` });
        return z.NEVER;
      }
      return value;
    });
};

/** Tonnes. */
export const mass = (options?: QuantityRule) => quantity("mass", options);
/** Tonnes per day (a plain number means tonnes per year). */
export const rate = (options?: QuantityRule) => quantity("rate", options);
/** Days. */
export const duration = (options?: QuantityRule) => quantity("duration", options);

/** A plain number within a limit (counts and factors without a unit). */
export const boundedNumber = (limit: Limit, what: string) =>
  z
    .number({ error: `must be ${what}` })
    .min(limit.min, { error: `must be >= ${limit.min}` })
    .max(limit.max, { error: `must be ${limit.text}` })
    .describe(`${what[0].toUpperCase()}${what.slice(1)}. Limits: >= ${limit.min} and ${limit.text}`);

/** A mass (tonnes) or a duration (days of cover), for reserve levels. */
export const massOrCover = z
  .union([z.number(), z.string()], { error: 'must be tonnes (a number or "500 t") or days of cover ("60 days")' })
  .describe(`Tonnes (a number, or "500 t") or days of cover ("60 days"). Limits: ${LIMITS.tonnes.text}, or ${LIMITS.durationDays.text} of cover`)
  .transform((input, ctx): { tonnes: number } | { coverDays: number } => {
    const asMass = parseQuantity(input, "mass");
    const isWithin = (value: number, limit: Limit) => value >= 0 && value <= limit.max;
    if (asMass.ok && isWithin(asMass.value, LIMITS.tonnes)) return { tonnes: asMass.value };
    const asDuration = typeof input === "string" && !asMass.ok ? parseQuantity(input, "duration") : undefined;
    if (asDuration?.ok && isWithin(asDuration.value, LIMITS.durationDays)) return { coverDays: asDuration.value };
    const refused = asMass.ok ? asMass : asDuration;
    if (refused === undefined || refused.ok) {
      ctx.addIssue({
        code: "custom",
        message: `must be tonnes (>= 0 and ${LIMITS.tonnes.text}) or days of cover (>= 0 and ${LIMITS.durationDays.text}), got ${JSON.stringify(input)}`,
      });
    } else {
      ctx.addIssue({ code: "custom", message: `must be tonnes ("500 t") or days of cover ("60 days"): ${refused.message}` });
    }
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

/**
 * A distribution over a quantity or a date: a plain value (fixed) or one of a few families.
 * Every parameter is bounded like the plain value, so every draw is a finite number; dates
 * take only bounded families (a lognormal of an epoch day means nothing).
 */
function distribution<T extends z.ZodType<number>>(value: T, what: string, options: { lognormal: boolean }) {
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
      ...(options.lognormal
        ? [
            z
              .strictObject({ lognormal: z.strictObject({ median: value, sigma: boundedNumber(LIMITS.lognormalSigma, "the spread of the logarithm (a number)") }) })
              .transform((d, ctx): Distribution => {
                const { median, sigma } = d.lognormal as { median: number; sigma: number };
                if (!(median > 0)) {
                  ctx.addIssue({ code: "custom", message: "lognormal: median must be > 0" });
                  return z.NEVER;
                }
                return { kind: "lognormal", median, sigma };
              }),
          ]
        : []),
    ],
    {
      error: `must be ${what}, or a distribution: { uniform: [min, max] }, { triangular: [min, mode, max] }${options.lognormal ? " or { lognormal: { median, sigma } }" : ""}`,
    },
  );
}

/** A duration in days, or a distribution of durations. */
export const durationDistribution = distribution(duration(), 'a duration such as "45 working days"', { lognormal: true });
/** A date (epoch day), or a distribution of dates ({ uniform: [from, to] }, ...). */
export const dateDistribution = distribution(isoDate, "a date YYYY-MM-DD", { lognormal: false });
