/**
 * Resolution of `response`: the scenario's market response, with each commodity's overrides
 * applied field by field and defaults filled in once. No `response` section: no response at
 * all (prices stay at the baseline, demand and producers do not react), as before it existed.
 */
import type { CommodityResponse, ResponseSpec } from "../model/index.js";
import type { ReferenceIndex, Report } from "./reference-index.js";
import { RESPONSE_DEFAULTS, UNWIND_SLOWDOWN } from "./scenario-defaults.js";
import type { ConcreteScenario } from "./scenario-schema.js";

type Fields = NonNullable<ConcreteScenario["response"]>;
type Override = NonNullable<ConcreteScenario["commodities"][string]["response"]>;

/**
 * The response of `doc`, or null when it has none. The price bounds must leave the baseline
 * reachable (minPrice <= 1 <= maxPrice), reported at the field that breaks it.
 */
export function resolveResponse(doc: ConcreteScenario, refs: ReferenceIndex, note: Report): ResponseSpec | null {
  const world = doc.response;
  if (world === undefined) return null;
  checkPriceBounds(world, ["response"], note);
  const byCommodity = refs.commodityIds.map((id): CommodityResponse | null => {
    const own = doc.commodities[id].response;
    if (own?.enabled === false) return null;
    if (own !== undefined) checkPriceBounds(own, ["commodities", id, "response"], note);
    return commodityResponse(world, own);
  });
  return { priceStepDays: world.priceStep ?? RESPONSE_DEFAULTS.priceStepDays, byCommodity };
}

/** Bounds given in one place must leave the baseline price index (1) reachable. */
function checkPriceBounds(fields: { minPrice?: number; maxPrice?: number }, path: string[], note: Report): void {
  if (fields.minPrice !== undefined && fields.minPrice > 1) note([...path, "minPrice"], "price-bounds", `must be at most 1 (the baseline price index), got ${fields.minPrice}`);
  if (fields.maxPrice !== undefined && fields.maxPrice < 1) note([...path, "maxPrice"], "price-bounds", `must be at least 1 (the baseline price index), got ${fields.maxPrice}`);
}

function commodityResponse(world: Fields, own: Override | undefined): CommodityResponse {
  const pick = <K extends keyof Fields & keyof Override>(key: K): Fields[K] => (own?.[key] ?? world[key]) as Fields[K];
  const substitution = { ...world.substitution, ...own?.substitution };
  const supply = { ...world.supply, ...own?.supply };
  const investment = { ...world.investment, ...own?.investment };
  const expansion = { ...world.expansion, ...own?.expansion };
  const storage = pick("storage");
  const perYear = substitution.perYear ?? RESPONSE_DEFAULTS.substitutionPerYear;
  const d = RESPONSE_DEFAULTS;
  return {
    adjustmentDays: pick("adjustment") ?? d.adjustmentDays,
    relaxationDays: pick("relaxation") ?? d.relaxationDays,
    coverSensitivity: pick("coverSensitivity") ?? d.coverSensitivity,
    maxPrice: pick("maxPrice") ?? d.maxPrice,
    minPrice: pick("minPrice") ?? d.minPrice,
    horizonDays: pick("horizon") ?? d.horizonDays,
    elasticity: pick("elasticity") ?? d.elasticity,
    substitutionThreshold: substitution.threshold ?? d.substitutionThreshold,
    substitutionPerYear: perYear,
    substitutionMax: substitution.max ?? d.substitutionMax,
    unwindPerYear: substitution.unwind ?? perYear / UNWIND_SLOWDOWN,
    supplyThreshold: supply.threshold ?? d.supplyThreshold,
    restartDays: supply.restart ?? d.restartDays,
    supplyRampPerYear: supply.ramp ?? d.supplyRampPerYear,
    storageDays: storage === undefined || storage === "unlimited" ? Infinity : storage,
    investmentThreshold: investment.threshold ?? d.investmentThreshold,
    investmentAfterDays: investment.after ?? d.investmentAfterDays,
    investmentLeadDays: investment.leadTime ?? d.investmentLeadDays,
    investmentShare: investment.share ?? d.investmentShare,
    investmentMax: investment.max ?? d.investmentMax,
    expansionThreshold: expansion.threshold ?? d.expansionThreshold,
    expansionAfterDays: expansion.after ?? d.expansionAfterDays,
    expansionLeadDays: expansion.leadTime ?? d.expansionLeadDays,
    expansionPerYear: expansion.perYear ?? d.expansionPerYear,
    expansionMax: expansion.max ?? d.expansionMax,
  };
}
