/**
 * The market response's part of the scenario format: the scenario's `response` section and each
 * commodity's override of it (`commodities.<id>.response`), field by field.
 */
import { z } from "zod";
import { LIMITS } from "./input-limits.js";
import { duration, note, source, uncertainNumber, uncertainQuantity, uncertainShare } from "./field-schemas.js";
import { RESPONSE_DEFAULTS as D, UNWIND_SLOWDOWN, yearsText } from "./scenario-defaults.js";

const priceIndex = (what: string) => uncertainNumber(LIMITS.priceIndex, `a price index (1 = the baseline) ${what}`);

/** How a commodity's markets respond to scarcity; every field may be overridden per commodity. */
const responseFields = {
  adjustment: uncertainQuantity("duration", { description: `Time for a rising price index to close 63% of its gap to the target (default ${D.adjustmentDays} days)` }).optional(),
  relaxation: uncertainQuantity("duration", { description: `The same for a falling price index (default ${D.relaxationDays} days)` }).optional(),
  coverSensitivity: uncertainNumber(LIMITS.coverSensitivity, `the exponent of the target price in the cover ratio: target = (cover / target cover)^-sensitivity (default ${D.coverSensitivity})`).optional(),
  maxPrice: priceIndex(`that the index never exceeds (default ${D.maxPrice}: rare-earth oxides rose 15 to 30 times their 2008 prices by mid-2011)`).optional(),
  minPrice: priceIndex(`below which the index never falls (default ${D.minPrice})`).optional(),
  horizon: uncertainQuantity("duration", {
    description: `How far ahead a market prices the export controls it knows of (announced, in force, suspended until a date), so prices move between announcement and effect (default ${D.horizonDays} days; "0 days": no expectations)`,
  }).optional(),
  elasticity: uncertainNumber(LIMITS.elasticity, `the short-run price elasticity of demand, a number <= 0 (default ${D.elasticity})`).optional(),
  substitution: z
    .strictObject({
      threshold: priceIndex(`above which substitution and thrifting grow (default ${D.substitutionThreshold})`).optional(),
      perYear: uncertainShare.optional().describe(`Largest growth of the substituted share per year, as a share of demand (default ${D.substitutionPerYear})`),
      max: uncertainShare.optional().describe(`Largest share of demand substituted (default ${D.substitutionMax})`),
      unwind: uncertainShare.optional().describe(`How much of demand comes back per year once the price is below the threshold (default: perYear / ${UNWIND_SLOWDOWN})`),
      source: source.optional(),
      note: note.optional(),
    })
    .optional()
    .describe("Substitution and thrifting while the price stays high"),
  supply: z
    .strictObject({
      threshold: priceIndex(`above which idle capacity outside the controlling countries restarts (default ${D.supplyThreshold})`).optional(),
      restart: uncertainQuantity("duration", { description: `How long the price must stay above the threshold before idle capacity restarts (default ${D.restartDays} days)` }).optional(),
      ramp: uncertainShare.optional().describe(`Largest rise of all restarted output per year, as a share of the world's output at the start (default ${D.supplyRampPerYear})`),
      source: source.optional(),
      note: note.optional(),
    })
    .optional()
    .describe("Supply that answers: idle capacity restarting when the price is high"),
  investment: z
    .strictObject({
      threshold: priceIndex(`above which producers outside the controlling countries invest in new capacity (default ${D.investmentThreshold})`).optional(),
      after: uncertainQuantity("duration", { description: `How long the price must stay above the threshold before each investment is decided (default ${D.investmentAfterDays} days)` }).optional(),
      leadTime: uncertainQuantity("duration", { description: `From the decision until the new capacity produces (default ${yearsText(D.investmentLeadDays)}: a new mine, Keilhacker & Minner 2017; less for refineries and plants)` }).optional(),
      share: uncertainNumber(LIMITS.capacityShare, `the capacity each investment adds, as a share of the facility's nameplate capacity (default ${D.investmentShare}: no investment)`).optional(),
      max: uncertainNumber(LIMITS.capacityShare, `the most capacity all investments may add to a facility, as a share of its nameplate capacity (default ${D.investmentMax})`).optional(),
      source: source.optional(),
      note: note.optional(),
    })
    .optional()
    .describe("Investment: new capacity decided while the price stays high, online after a lead time (off by default)"),
  expansion: z
    .strictObject({
      threshold: priceIndex(`at or above which producers outside the controlling countries expand their own capacity (default ${D.expansionThreshold})`).optional(),
      after: uncertainQuantity("duration", { description: `How long the price must stay at or above the threshold before expansions are decided (default ${D.expansionAfterDays} days)` }).optional(),
      leadTime: uncertainQuantity("duration", { description: `From an expansion's decision until its capacity produces (default ${yearsText(D.expansionLeadDays)}: a separation or refining expansion)` }).optional(),
      perYear: uncertainShare.optional().describe(`Capacity decided per year while the price holds, as a share of the facility's nameplate capacity (default ${D.expansionPerYear}: no expansion)`),
      max: uncertainNumber(LIMITS.capacityShare, `the most capacity expansions may add to a facility, as a share of its nameplate capacity (default ${D.expansionMax})`).optional(),
      source: source.optional(),
      note: note.optional(),
    })
    .optional()
    .describe("Brownfield expansion: producers with no idle capacity left add to their own while the price stays high, online after a lead time (off by default)"),
  storage: z
    .union([z.literal("unlimited"), uncertainQuantity("duration", { description: "Days of its producers' output a market stores before they cut output to what it uses and sells" })], {
      error: 'must be days of output, such as "90 days", or "unlimited"',
    })
    .optional()
    .describe('Storage limit of producing markets, in days of their output (default "unlimited")'),
};

export const commodityResponse = z
  .strictObject({
    enabled: z.boolean().optional().describe("Whether this commodity's markets respond at all (default true when the scenario has a response)"),
    ...responseFields,
    source: source.optional(),
    note: note.optional(),
  })
  .describe("This commodity's market response: overrides the scenario's `response` field by field");

/** The scenario's market response (absent: no prices, demand fixed). */
export const worldResponse = z
  .strictObject({
    priceStep: duration({ rule: "positive", limit: LIMITS.orderIntervalDays, description: `Days between price updates, the market response's clock (default ${D.priceStepDays} days)` }).optional(),
    ...responseFields,
    source: source.optional(),
    note: note.optional(),
  })
  .describe("The market response: a scarcity price per market, demand that bends, supply that answers (absent: no prices, demand fixed)");
