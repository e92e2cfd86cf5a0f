/**
 * The record file's format (validation/episodes.yaml), as a zod schema: recorded episodes of
 * trade and prices around a control, the model series each is set beside, and the criteria the
 * backtest scores. Months are written "YYYY-MM" and become month numbers (year x 12 + month - 1);
 * changes are written "-74%" and become fractions; tolerances "15 pt" and "2 months".
 */
import { z } from "zod";
import { monthFromIso } from "../model/index.js";
import { COUNTRY_CODE, isoDate, note, SLUG, slug, source } from "./field-schemas.js";

/** What a series sums (flows and levels of the daily record), or averages (the price index, weighted by demand). */
export const SERIES_MEASURES = ["exports", "imports", "production", "consumption", "demand", "unmet", "given-up", "price"] as const;
/** One measure of a series. */
export type SeriesMeasure = (typeof SERIES_MEASURES)[number];

const monthText = z.string({ error: 'must be a month written YYYY-MM, such as "2024-01"' }).transform((text, ctx) => {
  const month = monthFromIso(text);
  if (month === undefined) {
    ctx.addIssue({ code: "custom", message: `"${text}" is not a month: write YYYY-MM, such as "2024-01"` });
    return z.NEVER;
  }
  return month;
});

/** A span of whole months, both ends included. */
export interface MonthWindow {
  readonly first: number;
  readonly last: number;
}

const windowText = z.string({ error: 'must be a span of months written YYYY-MM..YYYY-MM, such as "2024-03..2024-10"' }).transform((text, ctx): MonthWindow => {
  const match = /^(\d{4}-\d{2})\.\.(\d{4}-\d{2})$/.exec(text);
  const first = match === null ? undefined : monthFromIso(match[1]);
  const last = match === null ? undefined : monthFromIso(match[2]);
  if (first === undefined || last === undefined) {
    ctx.addIssue({ code: "custom", message: `"${text}" is not a span of months: write YYYY-MM..YYYY-MM, such as "2024-03..2024-10"` });
    return z.NEVER;
  }
  if (last < first) {
    ctx.addIssue({ code: "custom", message: `"${text}" ends before it starts` });
    return z.NEVER;
  }
  return { first, last };
});

/** A signed change or share: "-74%", "+96%" or a fraction (-0.74). */
const change = z.union([z.number(), z.string()], { error: 'must be a change such as "-74%" or "+96%" (or a fraction such as -0.74)' }).transform((input, ctx) => {
  if (typeof input === "number") {
    if (!Number.isFinite(input) || Math.abs(input) > 1000) {
      ctx.addIssue({ code: "custom", message: `must be a finite change of at most 100,000% either way, got ${input}` });
      return z.NEVER;
    }
    return input;
  }
  const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*%\s*$/.exec(input);
  if (match === null || Math.abs(Number(match[1])) > 100_000) {
    ctx.addIssue({ code: "custom", message: `"${input}" is not a change: write a percentage such as "-74%" or "+96%"` });
    return z.NEVER;
  }
  return Number(match[1]) / 100;
});

const points = z.union([z.number(), z.string()], { error: 'must be a tolerance in percentage points, such as "15 pt"' }).transform((input, ctx) => {
  const match = typeof input === "string" ? /^\s*(\d+\.?\d*)\s*(?:pt|points?)\s*$/.exec(input) : null;
  const value = typeof input === "number" ? input : match === null ? Number.NaN : Number(match[1]) / 100;
  if (!(Number.isFinite(value) && value >= 0 && value <= 1000)) {
    ctx.addIssue({ code: "custom", message: `${JSON.stringify(input)} is not a tolerance: write percentage points, such as "15 pt" (or a fraction such as 0.15)` });
    return z.NEVER;
  }
  return value;
});

const months = z.union([z.number(), z.string()], { error: 'must be a number of months, such as "1 month" or "2 months"' }).transform((input, ctx) => {
  const match = typeof input === "string" ? /^\s*(\d+)\s*months?\s*$/.exec(input) : null;
  const value = typeof input === "number" ? input : match === null ? Number.NaN : Number(match[1]);
  if (!(Number.isInteger(value) && value >= 0 && value <= 120)) {
    ctx.addIssue({ code: "custom", message: `${JSON.stringify(input)} is not a number of months: write "1 month" or "2 months" (0 to 120)` });
    return z.NEVER;
  }
  return value;
});

const countryCode = z.string({ error: 'must be a country code such as "CN"' }).regex(COUNTRY_CODE, { error: 'must be a country code such as "CN" or "EU"' });
const why = z.string({ error: "must say why the tolerance is what it is (text)" }).min(1, { error: "must say why the tolerance is what it is" });

const series = z
  .strictObject({
    label: z.string().min(1).describe("What the series shows, for the chart and the scorecard"),
    measure: z.enum(SERIES_MEASURES).describe("The daily-record column summed per month (price: its demand-weighted monthly mean)"),
    countries: z.array(countryCode).min(1).optional().describe("Countries summed (default: all)"),
    except: z.array(countryCode).min(1).optional().describe("All countries but these"),
    commodities: z.array(slug("commodity")).min(1).describe("Commodities summed"),
    baseline: z
      .union([z.literal("year-before"), windowText])
      .optional()
      .describe('Change against the same month a year before ("year-before") or the average month of a span ("2023-01..2023-07"); no baseline with `per`'),
    per: z.enum(SERIES_MEASURES).optional().describe("A share: this series over the same measure of the same commodities in every country"),
    note: note.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.countries !== undefined && s.except !== undefined) ctx.addIssue({ code: "custom", path: ["except"], message: "give countries or except, not both" });
    if ((s.baseline === undefined) === (s.per === undefined)) ctx.addIssue({ code: "custom", path: [], message: "a series is either a change (give baseline) or a share (give per), one of the two" });
  });

const mark = z.strictObject({ date: isoDate, label: z.string().min(1) });

const recordPoint = z
  .strictObject({
    month: monthText,
    value: z.number().finite().min(0).optional().describe("The published figure, in the record's unit"),
    change: change.optional().describe("A published change against the series' baseline"),
    source,
    note: note.optional(),
  })
  .superRefine((p, ctx) => {
    if ((p.value === undefined) === (p.change === undefined)) ctx.addIssue({ code: "custom", path: [], message: "a point gives value or change, one of the two" });
  });

const record = z.strictObject({
  unit: z.string().min(1).describe("Unit of the points' values (t, $/lb, ...)"),
  baseline: z.strictObject({ value: z.number().finite().positive(), source, note: note.optional() }).optional().describe("The figure the points' values are set against"),
  points: z.array(recordPoint),
});

const common = { source, why, series: slug("series").optional().describe("The series scored (default: the episode's first)") };
const toleranceOrRange = {
  tolerance: points.optional().describe("Met within this many percentage points of the record"),
  range: z.tuple([change, change]).optional().describe("Met within this range (instead of a tolerance)"),
};

const criterion = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("direction"), window: windowText, record: z.enum(["up", "down"]), ...common }),
    z.strictObject({ kind: z.literal("trough-month"), within: windowText, record: monthText, tolerance: months, ...common }),
    z.strictObject({ kind: z.literal("trough-depth"), within: windowText, record: change, ...toleranceOrRange, ...common }),
    z.strictObject({ kind: z.literal("level"), window: windowText, baseline: z.literal("year-before").optional(), record: change, ...toleranceOrRange, ...common }),
    z.strictObject({ kind: z.literal("recovery-month"), within: windowText, band: change, record: z.union([z.literal("none"), monthText]), tolerance: months, ...common }),
    z.strictObject({ kind: z.literal("first-above"), within: windowText, threshold: change, record: z.union([z.literal("none"), monthText]), tolerance: months, ...common }),
    z.strictObject({ kind: z.literal("peak-year"), within: windowText, record: change, ...toleranceOrRange, ...common }),
    z.strictObject({ kind: z.literal("rise-per-year"), from: windowText, to: windowText, record: change, ...toleranceOrRange, ...common }),
  ],
  { error: (issue) => (issue.code === "invalid_union" ? "kind must be one of direction, trough-month, trough-depth, level, recovery-month, first-above, peak-year, rise-per-year" : undefined) },
);

const episode = z.strictObject({
  title: z.string().min(1),
  scenario: z.string().min(1).describe("The scenario that replays it: chokepoint:NAME (a shipped one) or a path relative to this file"),
  set: z.array(z.string().min(1)).optional().describe("What-if overlays of the scenario, path=value each (as --set)"),
  marks: z.array(mark).optional().describe("Dates marked on the chart"),
  series: z.record(slug("series"), series).refine((s) => Object.keys(s).length > 0, { error: "name at least one series" }),
  record,
  criteria: z.array(criterion).min(1),
});

/** The record file. */
export const episodesSchema = z.strictObject({ episodes: z.record(z.string().regex(SLUG, { error: 'must be an episode id: lower-case letters, digits and dashes, such as "gallium-2023"' }), episode) });

/** The record file as validated. */
export type EpisodesDocument = z.output<typeof episodesSchema>;
/** One episode as validated. */
export type EpisodeInput = EpisodesDocument["episodes"][string];
/** One series as validated. */
export type SeriesInput = EpisodeInput["series"][string];
/** One criterion as validated. */
export type CriterionInput = EpisodeInput["criteria"][number];
