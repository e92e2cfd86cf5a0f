/**
 * Field schemas: the building blocks of the scenario format (ids, dates, quantities with
 * units, shares, distributions), each validating what authors write and transforming it to
 * model units. Messages say what was expected and give an example.
 */
import { z } from "zod";
import type { Distribution } from "../engine/index.js";
import { DAYS_PER_YEAR, epochDayFromIso, type LicensingCapacity } from "../model/index.js";
import { distributionObject, familiesText, FAMILY_NAMES, type Support } from "./distribution-schema.js";
import { LIMITS, type Limit } from "./input-limits.js";
import { parseMoney, parsePricePerTonne } from "./money.js";
import { parseGrowth, parseQuantity, parseShare, plainNumberMeaning, type QuantityKind, type QuantityResult } from "./quantity.js";
import type { Uncertain } from "./uncertain-input.js";

/** Lower-case slug ids: commodities, groups, facilities, stockpiles, controls, events. */
export const SLUG = /^[a-z0-9][a-z0-9-]*$/;
/** Country and bloc ids: ISO 3166 alpha-2 or a short upper-case code (EU, ROW). */
export const COUNTRY_CODE = /^[A-Z][A-Z0-9]{1,3}$/;

/** An id matching SLUG. */
export const slug = (what: string) =>
  z.string({ error: `must be a ${what} id (text)` }).regex(SLUG, { error: `must be a ${what} id: lower-case letters, digits and dashes, such as "ndpr-oxide"` });

/** A country code as a key or field: ISO 3166 alpha-2, or a bloc code. */
export const countryCode = z
  .string({ error: "must be a country code such as \"US\"" })
  .regex(COUNTRY_CODE, { error: "must be a country code: ISO 3166 alpha-2 such as \"US\", or a bloc code such as \"EU\" or \"ROW\"" });

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

/** Days of cover, written with a unit ("60 days"); a plain number would mean tonnes. */
const coverDays = z
  .string({ error: 'must be days of cover with a unit, such as "60 days"' })
  .transform((input, ctx) => {
    const parsed = parseQuantity(input, "duration");
    if (!parsed.ok || !(parsed.value >= 0 && parsed.value <= LIMITS.durationDays.max)) {
      ctx.addIssue({ code: "custom", message: parsed.ok ? `must be >= 0 and ${LIMITS.durationDays.text}, got ${JSON.stringify(input)}` : parsed.message });
      return z.NEVER;
    }
    return parsed.value;
  });

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

/** Families of each kind of field: every family for numbers, all but lognormal for dates. */
const DATE_FAMILIES = FAMILY_NAMES.filter((f) => f !== "lognormal");

/**
 * A field that may be uncertain: its plain value, or a distribution (parameters written like
 * the value, a normal's sd like `spread`) to be drawn per replicate, truncated to `support`.
 */
function maybeUncertain<V>(
  plain: z.ZodType<V>,
  value: z.ZodType<number>,
  spread: z.ZodType<number>,
  support: Support,
  what: string,
  tag: { wrap?: "tonnes" | "coverDays"; isDate?: boolean; displayScale?: number } = {},
) {
  const families = tag.isDate === true ? DATE_FAMILIES : FAMILY_NAMES;
  const uncertain = distributionObject(value, spread, support, families).transform((d): Uncertain<V> => ({ uncertain: d, ...tag }));
  // A single value that is wrong gets the plain message; a mapping that fits no form lists the distributions.
  return z.union([plain, uncertain], {
    error: (issue) =>
      typeof issue.input === "object" && issue.input !== null && !Array.isArray(issue.input) ? `must be ${what}, or a distribution: ${familiesText(families)}` : `must be ${what}`,
  });
}

/** The support of a quantity field: its sign rule and limits. */
function quantitySupport(kind: QuantityKind, options: QuantityRule): Support {
  const limit = options.limit ?? DEFAULT_LIMIT[kind];
  return { min: Math.max(0, limit.min), max: limit.max };
}

/** A mass, rate or duration that may be uncertain ({ uniform: [50 kt/yr, 70 kt/yr] }, ...). */
export const uncertainQuantity = (kind: QuantityKind, options: QuantityRule = {}) =>
  maybeUncertain(
    quantity(kind, options),
    quantity(kind, { ...options, rule: "non-negative" }),
    quantity(kind, { limit: options.limit }),
    quantitySupport(kind, options),
    `a ${kind} such as ${kind === "duration" ? '"45 working days"' : kind === "rate" ? '"270 kt/yr"' : '"500 t"'}`,
    // Rates are t/day in the model; drawn values are shown in t/yr, as a plain number in the file means.
    kind === "rate" ? { displayScale: DAYS_PER_YEAR } : {},
  );

/** A share in [0, 1] that may be uncertain ({ uniform: [40%, 80%] }, ...). */
export const uncertainShare = maybeUncertain(share, share, share, { min: 0, max: 1 }, 'a share such as "70%"');

/** Annual growth that may be uncertain. */
export const uncertainGrowth = maybeUncertain(growth, growth, share, { min: -0.999999, max: 1 }, 'a growth rate such as "3%/yr"');

/** A bounded plain number that may be uncertain. */
export const uncertainNumber = (limit: Limit, what: string) => maybeUncertain(boundedNumber(limit, what), boundedNumber(limit, what), boundedNumber(limit, what), limit, what);

/** The epoch day of 0001-01-01, the first date of the format's calendar. */
// A constant: Date.UTC, under epochDayFromIso, reads years below 100 as 19xx, and the undefined
// it gave made every truncated date distribution (a normal's) fail as "min must be below max".
const FIRST_EPOCH_DAY = -719162;

/** A date (epoch day) that may be uncertain ({ uniform: [2026-11-10, 2027-11-10] }, a normal with an sd in days, ...). */
export const uncertainDate = maybeUncertain(isoDate, isoDate, duration(), { min: FIRST_EPOCH_DAY, max: epochDayFromIso("9999-12-31") as number }, "a date YYYY-MM-DD", {
  isDate: true,
});

/** Tonnes or days of cover, for reserve levels, that may be uncertain (every parameter in the same unit). */
export const uncertainMassOrCover = z.union(
  [
    massOrCover,
    distributionObject(mass(), mass(), quantitySupport("mass", {})).transform((d): Uncertain<{ tonnes: number }> => ({ uncertain: d, wrap: "tonnes" })),
    distributionObject(coverDays, coverDays, { min: 0, max: LIMITS.durationDays.max }).transform((d): Uncertain<{ coverDays: number }> => ({ uncertain: d, wrap: "coverDays" })),
  ],
  { error: `must be tonnes ("500 t") or days of cover ("60 days"), or a distribution of either: ${familiesText()}` },
);

/**
 * A per-occurrence distribution (a licence's processing time, an outage's duration): drawn by
 * the model for every application or outage, not once per replicate. A plain value is fixed.
 */
export const durationDistribution = z.union(
  [duration().transform((v): Distribution => ({ kind: "fixed", value: v })), distributionObject(duration(), duration(), { min: 0, max: LIMITS.durationDays.max })],
  { error: `must be a duration such as "45 working days", or a distribution: ${familiesText()}` },
);

/**
 * A per-occurrence share distribution (the share of an application's tonnes a licence grants):
 * drawn by the model for every application, not once per replicate. A plain value is fixed.
 */
export const shareDistribution = z.union([share.transform((v): Distribution => ({ kind: "fixed", value: v })), distributionObject(share, share, { min: 0, max: 1 })], {
  error: `must be a share such as "70%", or a distribution: ${familiesText()}`,
});

/**
 * A licensing authority's capacity: how many applications it starts reviewing, or how many
 * tonnes of applications, per unit of time: "40 applications/working day", "800 applications per
 * month", "500 t/working day", "12 kt/month", or "unlimited".
 */
export const licensingCapacity = z
  .string({ error: 'must be a capacity such as "40 applications/working day", "500 t/working day" or "unlimited"' })
  .describe('Applications or tonnes an authority starts reviewing per unit of time: "40 applications/working day", "500 t/working day", "unlimited"')
  .transform((input, ctx): LicensingCapacity => {
    const text = input.trim();
    if (text === "unlimited") return { unit: "applications", perDay: Infinity };
    const applications = /^([0-9]*\.?[0-9]+)\s*applications?\s*(?:\/|per)\s*(.+)$/.exec(text);
    if (applications !== null) {
      const per = parseQuantity(`1 ${applications[2].trim()}`, "duration");
      const count = Number(applications[1]);
      if (!per.ok || !(per.value > 0) || !(count > 0)) {
        ctx.addIssue({ code: "custom", message: `"${input}": write a positive number of applications per day, working day, week or month` });
        return z.NEVER;
      }
      return { unit: "applications", perDay: count / per.value };
    }
    const tonnes = parseQuantity(text.replace(/\bper\b/, "/"), "rate");
    if (!tonnes.ok || !(tonnes.value > 0)) {
      ctx.addIssue({ code: "custom", message: tonnes.ok ? `must be > 0, got ${JSON.stringify(input)}` : `must be applications or tonnes per unit of time ("40 applications/working day", "500 t/working day"): ${tonnes.message}` });
      return z.NEVER;
    }
    return { unit: "tonnes", perDay: tonnes.value };
  });

/**
 * Tags of a facility, control, event or reserve: names of the groups it belongs to, which one
 * `--set` can edit together (`facilities[tag=allied-separation].online-=1 year`). They change
 * nothing in a run.
 */
export const tags = z
  .array(
    z.string({ error: "must be a tag (text)" }).regex(SLUG, { error: 'must be a tag: lower-case letters, digits and dashes, such as "allied-separation"' }),
    { error: "must be a list of tags, such as [allied-separation, allied-projects]" },
  )
  .describe("Groups it belongs to, for editing them together with --set (e.g. [allied-separation]); no effect on a run");

/** The publication a figure comes from, on any entry. */
export const source = z.string().min(1).describe("Publication a figure comes from, with its year (e.g. \"USGS MCS 2025, rare earths\")");
/** Why a figure is what it is, on any entry. */
export const note = z.string().describe("Why a figure is what it is; label assumptions as such");

const moneyField = (parse: (input: number | string) => QuantityResult, error: string, description: string) =>
  z
    .union([z.number(), z.string()], { error })
    .describe(description)
    .transform((input, ctx) => {
      const parsed = parse(input);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.message });
        return z.NEVER;
      }
      if (parsed.value > LIMITS.money.max) {
        ctx.addIssue({ code: "custom", message: `must be ${LIMITS.money.text}, got ${JSON.stringify(input)}` });
        return z.NEVER;
      }
      return parsed.value;
    });

/** A price per mass, in US$ per tonne ("56 US$/kg"; a plain number is US$/t). */
export const pricePerTonne = moneyField(parsePricePerTonne, 'must be a price such as "56 US$/kg" or a number (US$ per tonne)', 'A price per mass in US dollars: "56 US$/kg", "US$9.50/lb", "14,000 US$/t" (a plain number is US$ per tonne)');

/** An amount of US dollars ("US$150 M"; a plain number is dollars). */
export const money = moneyField(parseMoney, 'must be an amount such as "US$150 M" or a number (US dollars)', 'An amount in US dollars: "US$150 M", "43.4 M US$", "2 bn US$" (a plain number is dollars)');

