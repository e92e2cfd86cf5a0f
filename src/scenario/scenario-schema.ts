/**
 * The scenario file format, as a zod schema: structure, field types and units. Cross-field
 * rules (references between sections, dates in order, recipes without loops) are checked
 * afterwards by the resolver, which has the whole document in view.
 */
import { z } from "zod";
import { approval, control } from "./control-schema.js";
import { LIMITS } from "./input-limits.js";
import { commodityResponse, worldResponse } from "./response-schema.js";
import { DEFAULTS, percentText } from "./scenario-defaults.js";
import type { Concrete } from "./uncertain-input.js";
import {
  countryCode,
  countryRef,
  duration,
  durationDistribution,
  isoDate,
  licensingCapacity,
  money,
  note,
  pricePerTonne,
  share,
  slug,
  source,
  tags,
  uncertainDate,
  uncertainGrowth,
  uncertainMassOrCover,
  uncertainNumber,
  uncertainQuantity,
  uncertainShare,
} from "./field-schemas.js";

const positiveRatio = uncertainNumber(LIMITS.recipeRatio, "tonnes per tonne of throughput (a number > 0)");

const commodity = z
  .strictObject({
    name: z.string().optional(),
    stage: z.enum(["ore", "concentrate", "refined", "metal", "component", "product"]).optional(),
    groups: z.array(slug("commodity group")).optional(),
    referencePrice: z
      .strictObject({
        price: pricePerTonne,
        source: source.optional(),
        note: note.optional(),
      })
      .optional()
      .describe("What a tonne is worth, to value demand unmet and given up and the tonnes a reserve holds (KPIs in US$)"),
    response: commodityResponse.optional(),
    source: source.optional(),
    note: note.optional(),
  })
  .describe("A material at one stage of the chain");

const country = z
  .strictObject({
    name: z.string().optional(),
    groups: z.array(slug("country group")).optional(),
    source: source.optional(),
    note: note.optional(),
  })
  .describe("A country or bloc");

const facility = z
  .strictObject({
    country: countryCode,
    kind: z.enum(["mine", "refinery", "separation", "smelter", "plant", "recycling"]).optional(),
    capacity: uncertainQuantity("rate", { rule: "positive", description: "Nameplate throughput: a number (t/yr) or \"270 kt/yr\"" }),
    utilization: uncertainShare.optional().describe(`Share of capacity used in normal operation (default ${percentText(DEFAULTS.utilization)})`),
    inputs: z.record(slug("commodity"), positiveRatio).optional().describe("Tonnes of each input per tonne of throughput"),
    outputs: z.record(slug("commodity"), positiveRatio).describe("Tonnes of each output per tonne of throughput"),
    online: uncertainDate.optional().describe("Date it starts producing (default: before the scenario starts); a distribution of dates when uncertain"),
    rampUp: uncertainQuantity("duration", { description: `Time from online to full rate, rising linearly (default ${DEFAULTS.rampUpDays})` }).optional(),
    outages: z
      .strictObject({
        perYear: uncertainNumber(LIMITS.outagesPerYear, "a number of outages per year"),
        duration: durationDistribution,
      })
      .optional(),
    cost: money.optional().describe("What building it costs the policy that adds it (public money committed: grants, loans, equity), US$; counted in a compare's policy cost"),
    tags: tags.optional(),
    source: source.optional(),
    note: note.optional(),
  })
  .describe("A mine, refinery or plant");

const market = z
  .strictObject({
    demand: uncertainQuantity("rate", { description: "Final demand: a number (t/yr) or \"1,200 t/yr\"" }).optional(),
    growth: uncertainGrowth.optional(),
    cover: uncertainQuantity("duration", { description: "Commercial inventory target in days of use (default: defaults.cover)" }).optional(),
    inventory: uncertainMassOrCover.optional().describe("Starting commercial stock (default: steady state at the order-up-to level)"),
    imports: z.record(countryCode, share).optional().describe("Baseline import sources and their shares (adding up to 100%)"),
    priority: z
      .strictObject({
        defence: uncertainShare.optional().describe(`Share of final demand that is defence use, served first (default ${DEFAULTS.defenceShare})`),
        critical: uncertainShare.optional().describe(`Share that is critical civilian use, served next (default ${DEFAULTS.criticalShare})`),
        source: source.optional(),
        note: note.optional(),
      })
      .optional()
      .describe("Priority classes of final demand: defence first, then critical civilian, then the rest (shares adding up to at most 100%)"),
    source: source.optional(),
    note: note.optional(),
  })
  .describe("One country's demand, stock and import sources for one commodity");

const releasePolicy = z
  .strictObject({
    trigger: uncertainShare.optional().describe(`Share of a member's use it cannot get that counts as a shortage (default ${DEFAULTS.triggerShare}: any)`),
    sustained: uncertainQuantity("duration", { description: `How long the shortage must last before the release is decided (default ${DEFAULTS.sustainedDays})` }).optional(),
    lag: uncertainQuantity("duration", { description: `From the decision to the first release (default ${DEFAULTS.decisionLagDays})` }).optional(),
    from: uncertainDate.optional().describe("No release before this date"),
    price: uncertainNumber(LIMITS.priceIndex, "a price index (1 = the baseline)").optional().describe("Also a trigger: a member's price index above this (default: no price trigger)"),
    cover: uncertainQuantity("duration", { description: "Also a trigger: a member's commercial stock below this many days of its use (default: no cover trigger)" }).optional(),
    control: z.enum(["announced", "in force"], { error: 'must be "announced" or "in force"' }).optional().describe("Also a trigger: a control on the reserve's commodity covering a member as an importer, once announced or once in force (default: none)"),
    share: uncertainShare.optional().describe("Largest share of what its members cannot get that it releases (default 100%, within maxRelease)"),
    cleared: uncertainQuantity("duration", { description: "Stop: the release lapses once no trigger has held this long (default: the sustained time)" }).optional(),
    duration: uncertainQuantity("duration", { rule: "positive", description: "Stop: the release lapses this long after it was decided, and no new decision comes until the triggers have cleared (default: none)" }).optional(),
    source: source.optional(),
    note: note.optional(),
  })
  .describe("A release rule: a trigger (a shortage above the trigger share, a price, a cover, a control), sustained, then a decision lag, never before a date; a share of the shortfall; a stop rule");

const floor = z
  .strictObject({
    commodity: slug("commodity").describe("The commodity whose price the floor holds up (it must have a reference price)"),
    price: pricePerTonne.describe('The floor, in US dollars per mass, such as "110 US$/kg"; read as a price index against the commodity\'s reference price'),
    paidBy: z
      .enum(["government", "tariff"], { error: 'must be "government" (a payer tops sales up to the floor and buys what the market leaves) or "tariff" (member markets never price below it)' })
      .describe("Who holds the floor: a government payer, or a tariff on the member countries' imports"),
    facilities: z.array(slug("facility")).optional().describe("The producers a government floor covers (each must make the commodity as its first output)"),
    countries: z.array(countryRef).optional().describe("The member countries or groups whose markets a tariff floor holds"),
    from: isoDate.describe("First day in force"),
    until: isoDate.optional().describe("Last day in force (default: to the end of the run)"),
    source: source.optional(),
    note: note.optional(),
  })
  .describe("A price floor: below it, the covered producers are paid the difference (government) or the member markets' price is held (tariff)");

const stockpile = z
  .strictObject({
    country: countryCode.describe("Where the reserve is held"),
    commodity: slug("commodity"),
    members: z.array(countryCode).optional().describe("Countries it can release to (default: the host); more than one makes a shared reserve"),
    level: uncertainMassOrCover.describe("Starting level: tonnes, or days of the members' use"),
    floor: uncertainMassOrCover.optional(),
    maxRelease: uncertainQuantity("rate", { rule: "positive", description: "Largest release rate (default: the members' daily use)" }).optional(),
    refill: uncertainQuantity("rate", { description: `Rate at which it buys back toward its target once no member is short (default ${DEFAULTS.refillTonnesPerDay})` }).optional(),
    target: uncertainMassOrCover.optional().describe("Refill target (default: the starting level)"),
    release: releasePolicy.optional().describe("When it may release: a government decision after a sustained shortage (default: defaults.release, else the moment a member runs dry)"),
    serves: z
      .union([z.enum(["all", "defence", "critical"]), z.strictObject({ participants: uncertainShare.describe("The participating buyers' share of each member's final demand") })], {
        error: 'must be "all", "defence", "critical" or { participants: SHARE }',
      })
      .optional()
      .describe(
        `Which demand it serves: "defence" for a defence-only reserve such as the US National Defense Stockpile, "critical" for defence and critical civilian use, { participants: 40% } for an industry reserve whose participating buyers are that share of its members' demand (default "${DEFAULTS.serves}")`,
      ),
    refillPriceCeiling: uncertainNumber(LIMITS.priceIndex, "a price index (1 = the baseline)").optional().describe("No refill buying while the host's price index is above this (default: no ceiling)"),
    holdingCost: share.optional().describe(`Yearly cost of holding it (storage, insurance, capital), as a share of its value at the reference price (default: defaults.holdingCost, else ${DEFAULTS.holdingCostPerYear})`),
    tags: tags.optional(),
    source: source.optional(),
    note: note.optional(),
  })
  .describe("A government reserve: releases when members run short");

const authority = z
  .strictObject({
    capacity: licensingCapacity,
    source: source.optional(),
    note: note.optional(),
  })
  .describe("A licensing authority: one queue, first come first served, with a capacity");

const controlRefs = z
  .union([slug("control"), z.array(slug("control")).min(1)], { error: "must be a control id or a list of control ids" })
  .describe("The control, or a list of controls acted on together (one draw decides for all)");
const eventBase = {
  date: uncertainDate.describe("When: a date, or a distribution of dates (drawn per replicate)"),
  probability: uncertainShare.optional().describe(`Probability it happens at all (default ${percentText(DEFAULTS.probability)}); whether it happens is drawn per replicate`),
  name: z.string().min(1).optional().describe("What reports call it, e.g. \"October 2025 package suspended\" (default: its id in words)"),
  legalBasis: z.string().optional().describe("The instrument, e.g. \"MOFCOM/GAC No. 70 (2025)\""),
  tags: tags.optional(),
  source: source.optional(),
  note: note.optional(),
};
const event = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("impose"), control: controlRefs, ...eventBase }),
    z.strictObject({ type: z.literal("suspend"), control: controlRefs, until: uncertainDate, ...eventBase }),
    z.strictObject({ type: z.literal("extend"), control: controlRefs, until: uncertainDate, ...eventBase }),
    z.strictObject({ type: z.literal("lift"), control: controlRefs, ...eventBase }),
    z.strictObject({ type: z.literal("facility-offline"), facility: slug("facility"), until: uncertainDate.optional(), ...eventBase }),
    z.strictObject({ type: z.literal("facility-online"), facility: slug("facility"), ...eventBase }),
    z.strictObject({
      type: z.literal("demand-change"),
      country: countryRef,
      commodity: z.string({ error: "must be a commodity or commodity group id" }),
      factor: uncertainNumber(LIMITS.demandFactor, "a number (1.1 = demand up 10%)"),
      class: z
        .enum(["defence", "critical", "other"], { error: 'must be "defence", "critical" or "other"' })
        .optional()
        .describe("Change only this priority class's demand (a wartime surge of defence use); default: all of it"),
      ...eventBase,
    }),
    z.strictObject({
      type: z.literal("licensing-change"),
      control: controlRefs,
      approval: approval.optional(),
      processingTime: durationDistribution.optional(),
      capacity: licensingCapacity.optional().describe("New capacity of the controls' authorities"),
      ...eventBase,
    }),
    z.strictObject({
      type: z.literal("general-licence"),
      control: controlRefs,
      destinations: z.array(countryRef).min(1, { error: "must name at least one destination" }).describe("Countries or groups whose orders ship without applications"),
      until: uncertainDate.optional().describe("End of the general licence (default: while the control lasts)"),
      holders: uncertainShare
        .optional()
        .describe("Share of the covered trade whose exporters hold the general licence (default 100%); the rest still applies case by case"),
      ...eventBase,
    }),
    z.strictObject({ type: z.literal("stockpile-release"), stockpile: slug("stockpile"), amount: uncertainQuantity("mass", { rule: "positive" }), ...eventBase }),
    z.strictObject({ type: z.literal("stockpile-purchase"), stockpile: slug("stockpile"), amount: uncertainQuantity("mass", { rule: "positive" }), ...eventBase }),
  ],
  {
    error: (issue) =>
      issue.code === "invalid_union" && issue.input !== null && typeof issue.input === "object" && !("type" in issue.input)
        ? "an event needs a type: impose, suspend, extend, lift, licensing-change, general-licence, facility-offline, facility-online, demand-change, stockpile-release or stockpile-purchase"
        : `type must be one of: impose, suspend, extend, lift, licensing-change, general-licence, facility-offline, facility-online, demand-change, stockpile-release, stockpile-purchase${
            issue.input !== null && typeof issue.input === "object" && "type" in issue.input ? `; got ${JSON.stringify((issue.input as { type: unknown }).type)}` : ""
          }`,
  },
);

const trade = z.strictObject({
  orderInterval: duration({ rule: "positive", limit: LIMITS.orderIntervalDays, description: `Days between ordering rounds (default ${DEFAULTS.orderIntervalDays} days)` }).optional(),
  transit: uncertainQuantity("duration", { limit: LIMITS.transitDays, description: `Transit time of routes without their own (default ${DEFAULTS.transitDays} days)` }).optional(),
  routes: z
    .array(z.strictObject({ from: countryCode, to: countryCode, transit: uncertainQuantity("duration", { limit: LIMITS.transitDays }), source: source.optional(), note: note.optional() }))
    .optional(),
  qualificationLag: uncertainQuantity("duration", { description: `Time before an importer can buy from a new supplier (default ${DEFAULTS.qualificationLagDays} days)` }).optional(),
  frontRunning: uncertainQuantity("duration", {
    description: `Extra days of cover importers seek between a control's announcement and its effective date (default ${DEFAULTS.frontRunningDays})`,
  }).optional(),
  source: source.optional(),
  note: note.optional(),
});

const defaults = z.strictObject({
  cover: uncertainQuantity("duration", { description: `Commercial inventory target for markets without their own (default ${DEFAULTS.coverDays} days)` }).optional(),
  release: releasePolicy.optional().describe("Release rule of reserves without their own; a reserve's own fields override it field by field"),
  holdingCost: share.optional().describe("Yearly holding cost of reserves without their own, as a share of their value"),
  note: note.optional(),
});

/** The whole scenario file format, after `extends:` has been merged. */
export const scenarioSchema = z
  .strictObject({
    name: slug("scenario").optional().describe("Scenario id (default: the file name); names the output folder"),
    title: z.string().optional(),
    question: z.string().optional().describe("The one-line question this scenario answers"),
    description: z.string().optional(),
    extends: z.union([z.string(), z.array(z.string())]).optional().describe("Base file(s) to build on, relative to this file"),
    start: isoDate.describe("First simulated day"),
    end: isoDate.describe("Last simulated day"),
    warmUp: z
      .union(
        [
          z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .pipe(isoDate)
            .transform((from) => ({ from })),
          duration({ limit: LIMITS.warmUpDays, description: "Time simulated before start" }),
        ],
        { error: 'must be a duration such as "365 days", or the date to simulate from (YYYY-MM-DD), such as "2023-01-01"' },
      )
      .optional()
      .describe(
        `Time simulated before start and not reported, so stocks, shipments and licence queues settle under the regime in force: a duration (default ${DEFAULTS.warmUpDays} days), or the date to simulate from, so that a scenario starts from the simulated path of the history before it`,
      ),
    seed: z
      .number({ error: "must be an integer" })
      .int({ error: "must be an integer" })
      .refine(Number.isSafeInteger, { error: "must be an integer of at most 15 digits (a safe integer)" })
      .optional()
      .describe(`Default random seed (default ${DEFAULTS.seed})`),
    defaults: defaults.optional(),
    commodities: z.record(slug("commodity"), commodity),
    countries: z.record(countryCode, country),
    facilities: z.record(slug("facility"), facility).optional(),
    markets: z.record(countryCode, z.record(slug("commodity"), market)).optional(),
    stockpiles: z.record(slug("stockpile"), stockpile).optional(),
    floors: z.record(slug("floor"), floor).optional().describe("Price floors that keep allied supply running when the price falls below them"),
    controls: z.record(slug("control"), control).optional(),
    authorities: z.record(slug("authority"), authority).optional().describe("Licensing authorities that several controls share"),
    events: z.record(slug("event"), event).optional(),
    trade: trade.optional(),
    response: worldResponse.optional(),
    sources: z.record(z.string(), z.string()).optional().describe("Bibliography: short key -> full reference"),
  })
  .describe("A chokepoint scenario: a world of commodities, countries, facilities, markets, reserves, controls and dated events");

/**
 * A scenario file after validation, in model units (tonnes, t/day, days, epoch days); an
 * uncertain field holds an `Uncertain` tag (see uncertain-input.ts).
 */
export type ParsedScenario = z.output<typeof scenarioSchema>;
/** A validated scenario with every uncertain field drawn: what the resolver reads. */
export type ConcreteScenario = Concrete<ParsedScenario>;
/** A scenario file as written. */
export type ScenarioFileInput = z.input<typeof scenarioSchema>;
