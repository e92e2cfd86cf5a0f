/**
 * Compound limits: bounds on what several inputs make together. Each input within its own
 * limit can still compound past anything the model can represent: forty demand-change factors
 * of 100 on one market make its demand 1e80 times larger, and growth compounds over the years
 * simulated. The bound checked here is the largest demand each market can reach, with every
 * uncertain input at the end of its range that raises it, so that no draw can cross it.
 */
import { bounds } from "../engine/index.js";
import { DAYS_PER_YEAR, type WorldSpec } from "../model/index.js";
import { LIMITS } from "./input-limits.js";
import type { Report } from "./reference-index.js";
import type { FieldPath } from "./scenario-issue.js";
import type { ParsedScenario } from "./scenario-schema.js";
import { isUncertain } from "./uncertain-input.js";

/** How far above a limit a value may be before it counts as crossing it (rounding of unit conversions). */
const TOLERANCE_LOG10 = 1e-9;

/**
 * Reports every market whose demand can compound past LIMITS.compoundDemandTonnesPerDay: its
 * demand x its growth over the simulated days (warm-up included: growth runs backwards before
 * the start) x every demand-change factor above 1 that can apply to it. `spec` is the resolved
 * central world (which markets each event reaches), `doc` the validated document (the ranges of
 * uncertain inputs). The problem is reported at the factor that crosses the limit, or at the
 * growth when growth alone does.
 */
export function checkCompoundLimits(spec: WorldSpec, doc: ParsedScenario, note: Report): void {
  const limitLog = Math.log10(LIMITS.compoundDemandTonnesPerDay.max) + TOLERANCE_LOG10;
  const horizonYears = (spec.endEpochDay - spec.startEpochDay) / DAYS_PER_YEAR;
  const warmUpYears = spec.warmUpDays / DAYS_PER_YEAR;
  const factorsByMarket = new Map<number, { id: string; factor: number }[]>();
  for (const event of spec.events) {
    if (event.action.kind !== "demand-change") continue;
    const written = doc.events?.[event.id];
    const factor = largest(written?.type === "demand-change" ? written.factor : event.action.factor);
    if (!(factor > 1)) continue;
    for (const m of event.action.markets) {
      const list = factorsByMarket.get(m) ?? [];
      list.push({ id: event.id, factor });
      factorsByMarket.set(m, list);
    }
  }
  spec.markets.forEach((market, m) => {
    const countryId = spec.countries[market.country].id;
    const commodityId = spec.commodities[market.commodity].id;
    const entry = doc.markets?.[countryId]?.[commodityId];
    const demand = entry?.demand === undefined ? market.demandTonnesPerDay : largest(entry.demand);
    if (!(demand > 0)) return;
    const growth = entry?.growth === undefined ? { min: market.demandGrowthPerYear, max: market.demandGrowthPerYear } : range(entry.growth);
    // Growth raises demand most at the end of the horizon when positive, at the start of the warm-up when negative.
    const risingLog = growth.max > 0 ? Math.log10(1 + growth.max) * horizonYears : 0;
    const fallingLog = growth.min < 0 ? -Math.log10(1 + growth.min) * warmUpYears : 0;
    const growthLog = Math.max(risingLog, fallingLog);
    const factors = factorsByMarket.get(m) ?? [];
    let running = Math.log10(demand) + growthLog;
    let crossing: FieldPath | undefined = running > limitLog ? ["markets", countryId, commodityId, "growth"] : undefined;
    for (const { id, factor } of factors) {
      running += Math.log10(factor);
      if (crossing === undefined && running > limitLog) crossing = ["events", id, "factor"];
    }
    if (crossing === undefined) return;
    const parts = [`${formatLog(Math.log10(demand * DAYS_PER_YEAR))} t/yr`];
    if (growthLog > 0) {
      const years = growthLog === risingLog ? horizonYears : warmUpYears;
      const rate = growthLog === risingLog ? growth.max : growth.min;
      const when = growthLog === risingLog ? "to the end" : "back to the start of the warm-up";
      parts.push(`x ${formatLog(growthLog)} from growth of ${formatPercent(rate)}/yr over ${formatYears(years)} ${when}`);
    }
    if (factors.length > 0) {
      const factorLog = factors.reduce((sum, f) => sum + Math.log10(f.factor), 0);
      const ids = factors.length <= 4 ? factors.map((f) => f.id).join(", ") : `${factors.slice(0, 3).map((f) => f.id).join(", ")}, ... ${factors[factors.length - 1].id}`;
      parts.push(`x ${formatLog(factorLog)} from ${factors.length} demand-change event${factors.length === 1 ? "" : "s"} (${ids})`);
    }
    note(
      crossing,
      "compound-limit",
      `${countryId} ${commodityId}'s demand can compound to ${formatLog(running + Math.log10(DAYS_PER_YEAR))} t/yr: ${parts.join(" ")}; ` +
        `a market's demand, compounded by growth and by every demand-change factor above 1 that can apply to it, must be ${LIMITS.compoundDemandTonnesPerDay.text}`,
    );
  });
}

/** The largest value a field can take: itself, or the top of its distribution's range. */
function largest(value: unknown): number {
  return isUncertain(value) ? bounds(value.uncertain).max : (value as number);
}

/** The range a field can take. */
function range(value: unknown): { min: number; max: number } {
  return isUncertain(value) ? bounds(value.uncertain) : { min: value as number, max: value as number };
}

/** A number given by its base-10 logarithm, as it reads in a message ("20", "1.7e+81"). */
function formatLog(log: number): string {
  if (log < 6) return String(Number((10 ** log).toPrecision(3)));
  const exponent = Math.floor(log);
  const mantissa = 10 ** (log - exponent);
  // 9.96 rounds to "10.0": carry it into the exponent.
  return mantissa.toFixed(1) === "10.0" ? `1.0e+${exponent + 1}` : `${mantissa.toFixed(1)}e+${exponent}`;
}

function formatPercent(fraction: number): string {
  return `${fraction > 0 ? "+" : ""}${Number((fraction * 100).toPrecision(10))}%`;
}

function formatYears(years: number): string {
  return `${Number(years.toFixed(1))} year${Number(years.toFixed(1)) === 1 ? "" : "s"}`;
}
