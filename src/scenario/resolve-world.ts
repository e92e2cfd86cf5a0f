/**
 * Resolution: a validated scenario document -> the fully resolved WorldSpec the model runs.
 * Here every reference becomes an index, every default is filled in once, groups are
 * expanded, days of cover become tonnes, and every rule that spans fields is checked
 * (dates in order, shares adding up, recipes without loops), each problem reported at the
 * field that causes it. Each section has a resolver of its own (resolve-*.ts, market-table.ts);
 * this file puts them together in dependency order.
 */
import { describeRecipeLoop, findRecipeLoop, type WorldSpec } from "../model/index.js";
import { LIMITS } from "./input-limits.js";
import { MarketTable, type WhereWritten } from "./market-table.js";
import { ReferenceIndex, type Report } from "./reference-index.js";
import { resolveControls } from "./resolve-controls.js";
import { resolveEvents } from "./resolve-events.js";
import { resolveFacilities } from "./resolve-facilities.js";
import { resolveFloors } from "./resolve-floors.js";
import { resolveResponse } from "./resolve-response.js";
import { resolveStockpiles } from "./resolve-stockpiles.js";
import { DEFAULTS } from "./scenario-defaults.js";
import type { ConcreteScenario } from "./scenario-schema.js";

/** Longest horizon accepted, in days (the daily record grows with it). */
export const MAX_HORIZON_DAYS = LIMITS.horizonDays.max;

/**
 * Resolves a validated document; returns undefined when it reported problems. `where` (the
 * position of a field or key) lets messages name the file an inherited entry comes from.
 */
export function resolveWorld(doc: ConcreteScenario, name: string, report: Report, where?: WhereWritten): WorldSpec | undefined {
  let problems = 0;
  const note: Report = (path, code, message, atKey, reference) => {
    problems++;
    report(path, code, message, atKey, reference);
  };
  const refs = new ReferenceIndex(doc.commodities, doc.countries, note);
  const warmUpDays = resolveWarmUp(doc, note);

  if (doc.end < doc.start) note(["end"], "date-order", "must not be before start");
  else if (doc.end - doc.start + 1 > MAX_HORIZON_DAYS) note(["end"], "horizon", `the horizon may be ${LIMITS.horizonDays.text}`);
  if (Object.keys(doc.commodities).length === 0) note(["commodities"], "empty", "must declare at least one commodity");
  if (Object.keys(doc.countries).length === 0) note(["countries"], "empty", "must declare at least one country");

  const facilities = resolveFacilities(doc, refs, note);
  const markets = new MarketTable(doc.defaults?.cover ?? DEFAULTS.coverDays, facilities, doc.start - warmUpDays);
  markets.resolveDeclared(doc, refs, note, where);
  const stockpiles = resolveStockpiles(doc, refs, note, markets);
  const { controls, authorities } = resolveControls(doc, refs, note);
  const events = resolveEvents(doc, refs, note, markets, {
    facilityIds: Object.keys(doc.facilities ?? {}),
    stockpileIds: Object.keys(doc.stockpiles ?? {}),
    controlIds: Object.keys(doc.controls ?? {}),
    controls,
  });

  const routes: { from: number; to: number; transitDays: number }[] = [];
  (doc.trade?.routes ?? []).forEach((route, i) => {
    const from = refs.country(route.from, ["trade", "routes", i, "from"], note);
    const to = refs.country(route.to, ["trade", "routes", i, "to"], note);
    if (from !== undefined && to !== undefined) routes.push({ from, to, transitDays: route.transit });
  });

  const response = resolveResponse(doc, refs, note);
  const spec: WorldSpec = {
    name,
    description: doc.description ?? "",
    startEpochDay: doc.start,
    endEpochDay: doc.end,
    warmUpDays,
    commodities: refs.commodityIds.map((id) => ({ id, name: doc.commodities[id].name ?? id, groups: doc.commodities[id].groups ?? [], referencePriceUsdPerTonne: doc.commodities[id].referencePrice?.price ?? null })),
    countries: refs.countryIds.map((id) => ({ id, name: doc.countries[id].name ?? id, groups: doc.countries[id].groups ?? [] })),
    facilities,
    markets: markets.markets,
    stockpiles,
    floors: resolveFloors(doc, refs, note, facilities, response),
    controls,
    authorities,
    events,
    trade: {
      orderIntervalDays: doc.trade?.orderInterval ?? DEFAULTS.orderIntervalDays,
      defaultTransitDays: doc.trade?.transit ?? DEFAULTS.transitDays,
      routes,
      qualificationLagDays: doc.trade?.qualificationLag ?? DEFAULTS.qualificationLagDays,
    },
    response,
  };
  const loop = problems === 0 ? findRecipeLoop(spec) : undefined;
  if (loop !== undefined) {
    note(["facilities", spec.facilities[loop.facilities[0]].id, "outputs"], "recipe-cycle", describeRecipeLoop(spec, loop));
  }
  return problems === 0 ? spec : undefined;
}

/** Days simulated before `start`: the duration given, or the days from the date given. */
function resolveWarmUp(doc: ConcreteScenario, note: Report): number {
  const warmUp = doc.warmUp ?? DEFAULTS.warmUpDays;
  if (typeof warmUp === "number") return Math.round(warmUp);
  const days = doc.start - warmUp.from;
  if (days < 0) note(["warmUp"], "date-order", "must not be after start");
  else if (days > LIMITS.warmUpDays.max) note(["warmUp"], "limit", `must be ${LIMITS.warmUpDays.text} before start`);
  return Math.max(0, days);
}
