/**
 * The `controls` entry of the scenario format: the fields every control has, one branch per
 * measure (`measure: ban | licensing | quota`, each with its own fields), and how a measure's
 * own fields resolve into the model's MeasureSpec (`resolveMeasure`), side by side so that a
 * measure's part of the format is in one place. The rest of a control (exporter, commodities,
 * destinations, dates, reach) resolves in resolve-controls.ts.
 *
 * Adding a measure: its branch in `control` below; the type checker then asks for its case in
 * `resolveMeasure` (and, in the model, for its file in src/model/measures/).
 */
import { z } from "zod";
import { assertNever } from "../engine/index.js";
import { DAYS_PER_YEAR, type AuthoritySpec, type LicensingCapacity, type MeasureSpec } from "../model/index.js";
import {
  countryCode,
  countryRef,
  durationDistribution,
  licensingCapacity,
  note,
  shareDistribution,
  slug,
  source,
  tags,
  uncertainDate,
  uncertainQuantity,
  uncertainShare,
} from "./field-schemas.js";
import { lookup, type ReferenceIndex, type Report } from "./reference-index.js";
import { DEFAULTS, percentText } from "./scenario-defaults.js";
import type { Concrete } from "./uncertain-input.js";

const destinations = z.union(
  [
    z.literal("all"),
    z.strictObject({ only: z.array(countryRef).min(1) }),
    z.strictObject({ except: z.array(countryRef).min(1) }),
  ],
  { error: 'must be "all", { only: [countries] } or { except: [countries] }' },
);

/** Approval probability of licence applications, overall or by destination (a licensing control's, or a licensing-change event's). */
export const approval = z
  .union([uncertainShare, z.record(z.string(), uncertainShare)], { error: 'must be a share ("80%") or a map of country code to share with an optional "default"' })
  .describe("Probability an application is approved, overall or per destination ({ default: 90%, US: 50% })");

/** Fields every control has, whatever its measure. */
const controlBase = {
  exporter: countryCode,
  commodities: z.array(z.string({ error: "must be a commodity or commodity group id" })).min(1, { error: "must name at least one commodity or group" }),
  destinations: destinations.optional(),
  coverage: uncertainShare.optional().describe(`Share of the covered trade the control applies to; the rest flows as before (default ${percentText(DEFAULTS.coverage)})`),
  reExport: z
    .union([z.enum(["none", "covered", "refused", "free"]), z.strictObject({ only: z.array(countryRef).min(1) })], {
      error: 'must be "none", "covered" or { only: [countries] }',
    })
    .optional()
    .describe(
      'Where third countries may not pass on goods of the exporter\'s origin: "none" (only its own exports are controlled; the default for licensing and quotas), "covered" (to the destinations it covers; the default for bans) or { only: [countries] }. "refused" and "free" are older spellings of "covered" and "none".',
    ),
  announced: uncertainDate.optional().describe("Date it was announced: importers facing it front-run until it takes effect"),
  frontRunning: uncertainQuantity("duration", { description: "Extra cover importers facing it seek between announcement and effect (default: trade.frontRunning)" }).optional(),
  effective: uncertainDate.optional().describe("Date it takes effect; leave out to wait for an impose event"),
  end: uncertainDate.optional(),
  name: z.string().min(1).optional().describe("What reports call it, e.g. \"April 2025 rare-earth licensing\" (default: its id in words)"),
  legalBasis: z.string().optional().describe("The instrument, e.g. \"MOFCOM Announcement No. 18 (2025)\""),
  extraterritorial: z
    .strictObject({
      inputs: z.array(z.string({ error: "must be a commodity or commodity group id" })).min(1),
      threshold: uncertainShare.optional().describe(`De-minimis share of the good's mass of the exporter's origin (default ${percentText(DEFAULTS.deMinimisShare)})`),
    })
    .optional()
    .describe("Reach over third countries: the control also governs their exports of its commodities when more than the threshold of the good is of the exporter's origin"),
  tags: tags.optional(),
  source: source.optional(),
  note: note.optional(),
};

/** The measures' branches: each its `measure` literal, the fields every control has, and its own. */
const branches = [
  z.strictObject({ measure: z.literal("ban"), ...controlBase }).describe("A ban: covered orders are refused"),
  z
    .strictObject({
      measure: z.literal("licensing"),
      ...controlBase,
      approval: approval.optional(),
      processingTime: durationDistribution.describe("Review time of one application, e.g. \"45 working days\" or a distribution"),
      authority: slug("authority").optional().describe("The authority whose queue its applications join (default: a queue of its own)"),
      capacity: licensingCapacity.optional().describe("Capacity of its own queue, when it names no authority (default: unlimited)"),
      validity: uncertainQuantity("duration", { description: `How long an approved licence's tonnes may ship (default ${DEFAULTS.validityDays}: at once)` }).optional(),
      approvedQuantity: shareDistribution
        .optional()
        .describe("Share of an approved application's tonnes the licence grants, drawn per application; the rest is refused (default 100%)"),
      deterred: approval
        .optional()
        .describe(
          "Share of the governed orders whose buyers do not apply while it is in force and seek other suppliers, overall or per destination ({ default: 10%, US: 30% }); refused at once (default 0%)",
        ),
      applicationSize: uncertainQuantity("mass", {
        rule: "positive",
        description: "Tonnes of one application (a contract): an order is filed as that many tonnes a piece, each decided on its own (default: the whole order is one application)",
      }).optional(),
    })
    .describe("Licensing: covered orders wait for a decision"),
  z
    .strictObject({
      measure: z.literal("quota"),
      ...controlBase,
      quota: uncertainQuantity("rate", { rule: "non-negative", description: "Quota: tonnes per year allowed to the covered destinations" }),
    })
    .describe("A quota: covered exports are capped per calendar year"),
] as const;

/** The measures a scenario may write, as listed in messages: "ban", "licensing" or "quota". */
const measureNames = branches.map((b) => b.shape.measure.value);

/** One export control as written: the fields every control has, and those of its measure. */
export const control = z.discriminatedUnion("measure", branches, {
  error: (issue) =>
    issue.code === "invalid_union" && issue.input !== null && typeof issue.input === "object" && !("measure" in issue.input)
      ? `a control needs a measure: ${orList(measureNames)}`
      : `measure must be ${orList(measureNames.map((m) => `"${m}"`))}${issue.input !== null && typeof issue.input === "object" && "measure" in issue.input ? `; got ${JSON.stringify((issue.input as { measure: unknown }).measure)}` : ""}`,
});

/** A validated control with every uncertain field drawn: what the resolver reads. */
export type ConcreteControl = Concrete<z.output<typeof control>>;

/** "a, b or c". */
function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** What resolving the measures of a scenario's controls shares. */
export interface MeasureContext {
  /** The licensing authorities: those declared, then the queues of controls that name none (appended as resolved). */
  readonly authorities: AuthoritySpec[];
  /** Ids of the declared authorities, which a control may name. */
  readonly authorityIds: readonly string[];
  readonly refs: ReferenceIndex;
  readonly note: Report;
}

/**
 * The model's measure of control `id` from its own fields, problems reported at
 * `controls.<id>.<field>`. A licensing control that names no authority gets a queue of its own.
 */
export function resolveMeasure(id: string, c: ConcreteControl, context: MeasureContext): MeasureSpec {
  const { authorities, refs, note } = context;
  const path = ["controls", id];
  switch (c.measure) {
    case "ban":
      return { kind: "ban" };
    case "licensing": {
      let authority: number;
      if (c.authority !== undefined) {
        if (c.capacity !== undefined) note([...path, "capacity"], "misplaced-field", `the capacity is the authority's ("${c.authority}"): give it there`);
        authority = lookup("authority", c.authority, context.authorityIds, [...path, "authority"], note) ?? 0;
      } else {
        // A queue of its own, named after the control.
        authority = authorities.length;
        authorities.push({ id: `control:${id}`, capacity: c.capacity ?? UNLIMITED });
      }
      return {
        kind: "licensing",
        approvalByCountry: approvalByCountry(c.approval, refs, [...path, "approval"], note),
        processingDays: c.processingTime,
        approvedShare: c.approvedQuantity ?? { kind: "fixed", value: 1 },
        deterredByCountry: approvalByCountry(c.deterred, refs, [...path, "deterred"], note, 0),
        authority,
        validityDays: c.validity ?? DEFAULTS.validityDays,
        applicationTonnes: c.applicationSize ?? Infinity,
      };
    }
    case "quota":
      return { kind: "quota", tonnesPerYear: c.quota * DAYS_PER_YEAR };
    default:
      return assertNever(c, "measure");
  }
}

const UNLIMITED: LicensingCapacity = { unit: "applications", perDay: Infinity };

/**
 * A share by importer (an approval probability, a deterred share) from a share or a map:
 * "default" first, then groups, then single countries, so the most specific entry wins;
 * `fallback` where neither the map's default nor an entry says. Reported at `path`; also used
 * by events.
 */
export function approvalByCountry(approval: number | Record<string, number> | undefined, refs: ReferenceIndex, path: (string | number)[], note: Report, fallback = 1): number[] {
  const byCountry = new Array<number>(refs.countryIds.length).fill(fallback);
  if (typeof approval === "number") byCountry.fill(approval);
  else if (approval !== undefined) {
    const entries = Object.entries(approval);
    if (approval.default !== undefined) byCountry.fill(approval.default);
    for (const [key, value] of entries) {
      if (key === "default" || refs.isCountry(key)) continue;
      for (const country of refs.countries(key, [...path, key], note, true)) byCountry[country] = value;
    }
    for (const [key, value] of entries) {
      if (!refs.isCountry(key)) continue;
      byCountry[refs.country(key, [...path, key], note, true) as number] = value;
    }
  }
  return byCountry;
}
