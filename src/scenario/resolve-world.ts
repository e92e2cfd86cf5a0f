/**
 * Resolution: a validated scenario document -> the fully resolved WorldSpec the model runs.
 * Here every reference becomes an index, every default is filled in once, groups are
 * expanded, days of cover become tonnes, and every rule that spans fields is checked
 * (dates in order, shares adding up, recipes without loops), each problem reported at the
 * field that causes it.
 */
import type { Distribution } from "../engine/index.js";
import {
  describeRecipeLoop,
  findRecipeLoop,
  type ControlMeasure,
  type ControlSpec,
  type EventAction,
  type EventSpec,
  type FacilitySpec,
  type MarketSpec,
  type StockpileSpec,
  type WorldSpec,
} from "../model/index.js";
import { lookup, ReferenceIndex, type Report } from "./reference-index.js";
import type { FieldPath } from "./scenario-issue.js";
import type { ParsedScenario } from "./scenario-schema.js";

/** Defaults used where a scenario says nothing. */
export const DEFAULTS = {
  coverDays: 30,
  orderIntervalDays: 30,
  transitDays: 30,
  qualificationLagDays: 180,
  warmUpDays: 365,
  seed: 1,
} as const;

/** Longest horizon accepted, in days (the daily record grows with it). */
export const MAX_HORIZON_DAYS = 30 * 366;

/** Resolves a validated document; returns undefined when it reported problems. */
export function resolveWorld(doc: ParsedScenario, name: string, report: Report): WorldSpec | undefined {
  let problems = 0;
  const note: Report = (path, code, message, atKey) => {
    problems++;
    report(path, code, message, atKey);
  };
  const refs = new ReferenceIndex(doc.commodities, doc.countries, note);
  const defaultCover = doc.defaults?.cover ?? DEFAULTS.coverDays;
  const warmUpStart = doc.start - Math.round(doc.warmUp ?? DEFAULTS.warmUpDays);

  if (doc.end < doc.start) note(["end"], "date-order", "must not be before start");
  else if (doc.end - doc.start + 1 > MAX_HORIZON_DAYS) note(["end"], "horizon", `the horizon may be at most 30 years (${MAX_HORIZON_DAYS} days)`);
  if (Object.keys(doc.commodities).length === 0) note(["commodities"], "empty", "must declare at least one commodity");
  if (Object.keys(doc.countries).length === 0) note(["countries"], "empty", "must declare at least one country");

  const facilities = resolveFacilities(doc, refs, note);
  const facilityIds = Object.keys(doc.facilities ?? {});

  // Markets: declared ones first, then every pair some facility, route or reserve needs.
  const markets: MarketSpec[] = [];
  const marketOf = new Map<string, number>();
  const keyOf = (c: number, k: number) => `${c}/${k}`;
  const ensureMarket = (c: number, k: number): number => {
    const key = keyOf(c, k);
    let m = marketOf.get(key);
    if (m === undefined) {
      m = markets.length;
      markets.push({ country: c, commodity: k, demandTonnesPerDay: 0, demandGrowthPerYear: 0, coverDays: defaultCover, initialInventoryTonnes: null, imports: [] });
      marketOf.set(key, m);
    }
    return m;
  };
  const useAtStart = (c: number, k: number): number => {
    let use = 0;
    const m = marketOf.get(keyOf(c, k));
    if (m !== undefined) use += markets[m].demandTonnesPerDay;
    for (const f of facilities) {
      if (f.country !== c || dayRange(f.onlineEpochDay).earliest > warmUpStart) continue;
      for (const input of f.inputs) if (input.commodity === k) use += f.capacityTonnesPerDay * f.utilization * input.tonnesPerTonne;
    }
    return use;
  };

  const inventoryCover: { m: number; coverDays: number }[] = [];
  for (const [countryId, entries] of Object.entries(doc.markets ?? {})) {
    const c = refs.country(countryId, ["markets", countryId], note, true);
    for (const [commodityId, entry] of Object.entries(entries)) {
      const path = ["markets", countryId, commodityId];
      const k = refs.commodity(commodityId, path, note, true);
      if (c === undefined || k === undefined) continue;
      const imports: { supplier: number; share: number }[] = [];
      let total = 0;
      for (const [supplierId, share] of Object.entries(entry.imports ?? {})) {
        const s = refs.country(supplierId, [...path, "imports", supplierId], note, true);
        if (s === undefined) continue;
        if (s === c) {
          note([...path, "imports", supplierId], "self-import", "a country cannot import from itself; its own production is used first", true);
          continue;
        }
        if (share > 0) imports.push({ supplier: s, share });
        total += share;
      }
      if (imports.length > 0 && Math.abs(total - 1) > 0.02) {
        note([...path, "imports"], "shares-sum", `shares add up to ${(total * 100).toFixed(1)}%; they must add up to 100% (within 2 points)`);
      }
      const m = ensureMarket(c, k);
      markets[m] = {
        country: c,
        commodity: k,
        demandTonnesPerDay: entry.demand ?? 0,
        demandGrowthPerYear: entry.growth ?? 0,
        coverDays: entry.cover ?? defaultCover,
        initialInventoryTonnes: entry.inventory !== undefined && "tonnes" in entry.inventory ? entry.inventory.tonnes : null,
        imports: imports.map((i) => ({ supplier: i.supplier, share: i.share / total })),
      };
      if (entry.inventory !== undefined && "coverDays" in entry.inventory) inventoryCover.push({ m, coverDays: entry.inventory.coverDays });
    }
  }
  for (const { m, coverDays } of inventoryCover) {
    markets[m] = { ...markets[m], initialInventoryTonnes: coverDays * useAtStart(markets[m].country, markets[m].commodity) };
  }
  for (const market of [...markets]) for (const i of market.imports) ensureMarket(i.supplier, market.commodity);
  for (const f of facilities) for (const term of [...f.inputs, ...f.outputs]) ensureMarket(f.country, term.commodity);

  const stockpiles = resolveStockpiles(doc, refs, note, ensureMarket, useAtStart);
  const stockpileIds = Object.keys(doc.stockpiles ?? {});
  const controls = resolveControls(doc, refs, note);
  const controlIds = Object.keys(doc.controls ?? {});

  const events: EventSpec[] = [];
  for (const [id, event] of Object.entries(doc.events ?? {})) {
    const path = ["events", id];
    const latest = dayRange(event.date).latest;
    let action: EventAction | undefined;
    switch (event.type) {
      case "impose":
      case "lift": {
        const controls = controlList(event.control, controlIds, [...path, "control"], note);
        if (controls !== undefined) action = { kind: event.type, controls };
        break;
      }
      case "suspend":
      case "extend": {
        const controls = controlList(event.control, controlIds, [...path, "control"], note);
        if (event.until <= latest) note([...path, "until"], "date-order", "must be after the event's date");
        if (controls !== undefined) action = { kind: event.type, controls, untilEpochDay: event.until };
        break;
      }
      case "facility-offline": {
        const facility = lookup("facility", event.facility, facilityIds, [...path, "facility"], note);
        if (event.until !== undefined && event.until <= latest) note([...path, "until"], "date-order", "must be after the event's date");
        if (facility !== undefined) action = { kind: "facility-offline", facility, untilEpochDay: event.until ?? null };
        break;
      }
      case "facility-online": {
        const facility = lookup("facility", event.facility, facilityIds, [...path, "facility"], note);
        if (facility !== undefined) action = { kind: "facility-online", facility };
        break;
      }
      case "demand-change": {
        const countries = refs.countries(event.country, [...path, "country"], note);
        const commodities = refs.commodities(event.commodity, [...path, "commodity"], note);
        const targets: number[] = [];
        for (const c of countries) for (const k of commodities) {
          const m = marketOf.get(keyOf(c, k));
          if (m !== undefined && markets[m].demandTonnesPerDay > 0) targets.push(m);
        }
        if (countries.length > 0 && commodities.length > 0 && targets.length === 0) {
          note(path, "no-demand", `no market with demand matches country "${event.country}" and commodity "${event.commodity}"`);
        }
        action = { kind: "demand-change", markets: targets, factor: event.factor };
        break;
      }
      case "stockpile-release":
      case "stockpile-purchase": {
        const stockpile = lookup("stockpile", event.stockpile, stockpileIds, [...path, "stockpile"], note);
        if (stockpile !== undefined) action = { kind: event.type, stockpile, tonnes: event.amount };
        break;
      }
    }
    if (action !== undefined) events.push({ id, epochDay: event.date, probability: event.probability ?? 1, action });
  }

  const routes: { from: number; to: number; transitDays: number }[] = [];
  (doc.trade?.routes ?? []).forEach((route, i) => {
    const from = refs.country(route.from, ["trade", "routes", i, "from"], note);
    const to = refs.country(route.to, ["trade", "routes", i, "to"], note);
    if (from !== undefined && to !== undefined) routes.push({ from, to, transitDays: route.transit });
  });

  const spec: WorldSpec = {
    name,
    description: doc.description ?? "",
    startEpochDay: doc.start,
    endEpochDay: doc.end,
    warmUpDays: Math.round(doc.warmUp ?? DEFAULTS.warmUpDays),
    commodities: refs.commodityIds.map((id) => ({ id, name: doc.commodities[id].name ?? id, groups: doc.commodities[id].groups ?? [] })),
    countries: refs.countryIds.map((id) => ({ id, name: doc.countries[id].name ?? id, groups: doc.countries[id].groups ?? [] })),
    facilities,
    markets,
    stockpiles,
    controls,
    events,
    trade: {
      orderIntervalDays: doc.trade?.orderInterval ?? DEFAULTS.orderIntervalDays,
      defaultTransitDays: doc.trade?.transit ?? DEFAULTS.transitDays,
      routes,
      qualificationLagDays: doc.trade?.qualificationLag ?? DEFAULTS.qualificationLagDays,
    },
  };
  const loop = problems === 0 ? findRecipeLoop(spec) : undefined;
  if (loop !== undefined) {
    note(["facilities", spec.facilities[loop.facilities[0]].id, "outputs"], "recipe-cycle", describeRecipeLoop(spec, loop));
  }
  return problems === 0 ? spec : undefined;
}

function resolveFacilities(doc: ParsedScenario, refs: ReferenceIndex, note: Report): FacilitySpec[] {
  const facilities: FacilitySpec[] = [];
  for (const [id, f] of Object.entries(doc.facilities ?? {})) {
    const path = ["facilities", id];
    const country = refs.country(f.country, [...path, "country"], note);
    const terms = (section: "inputs" | "outputs") =>
      Object.entries(f[section] ?? {}).flatMap(([commodityId, tonnesPerTonne]) => {
        const commodity = refs.commodity(commodityId, [...path, section, commodityId], note, true);
        return commodity === undefined ? [] : [{ commodity, tonnesPerTonne }];
      });
    const inputs = terms("inputs");
    const outputs = terms("outputs");
    if (Object.keys(f.outputs).length === 0) note([...path, "outputs"], "empty", "a facility must make at least one output");
    for (const input of inputs) {
      if (outputs.some((o) => o.commodity === input.commodity)) {
        note([...path, "inputs"], "recipe-cycle", `"${refs.commodityIds[input.commodity]}" cannot be both an input and an output`);
      }
    }
    if (country === undefined) continue;
    facilities.push({
      id,
      country,
      capacityTonnesPerDay: f.capacity,
      utilization: f.utilization ?? 1,
      onlineEpochDay: f.online ?? { kind: "fixed", value: doc.start - 36_525 },
      rampUpDays: f.rampUp ?? 0,
      inputs,
      outputs,
      outages: f.outages === undefined ? null : { ratePerYear: f.outages.perYear, durationDays: f.outages.duration },
    });
  }
  return facilities;
}

function resolveStockpiles(
  doc: ParsedScenario,
  refs: ReferenceIndex,
  note: Report,
  ensureMarket: (c: number, k: number) => number,
  useAtStart: (c: number, k: number) => number,
): StockpileSpec[] {
  const stockpiles: StockpileSpec[] = [];
  for (const [id, s] of Object.entries(doc.stockpiles ?? {})) {
    const path = ["stockpiles", id];
    const country = refs.country(s.country, [...path, "country"], note);
    const commodity = refs.commodity(s.commodity, [...path, "commodity"], note);
    const members = (s.members ?? [s.country]).flatMap((m, i) => {
      const c = refs.country(m, s.members === undefined ? [...path, "country"] : [...path, "members", i], note);
      return c === undefined ? [] : [c];
    });
    if (country === undefined || commodity === undefined) continue;
    ensureMarket(country, commodity);
    for (const c of members) ensureMarket(c, commodity);
    const memberUse = members.reduce((sum, c) => sum + useAtStart(c, commodity), 0);
    const tonnes = (v: { tonnes: number } | { coverDays: number }) => ("tonnes" in v ? v.tonnes : v.coverDays * memberUse);
    const level = tonnes(s.level);
    const floor = s.floor === undefined ? 0 : tonnes(s.floor);
    if (floor > level) note([...path, "floor"], "floor-above-level", `floor (${floor.toFixed(1)} t) must not exceed the level (${level.toFixed(1)} t)`);
    stockpiles.push({
      id,
      country,
      commodity,
      members,
      initialTonnes: level,
      floorTonnes: floor,
      maxReleaseTonnesPerDay: s.maxRelease ?? memberUse,
      refillTonnesPerDay: s.refill ?? 0,
      targetTonnes: s.target === undefined ? level : tonnes(s.target),
    });
  }
  return stockpiles;
}

function resolveControls(doc: ParsedScenario, refs: ReferenceIndex, note: Report): ControlSpec[] {
  const controls: ControlSpec[] = [];
  const countryCount = refs.countryIds.length;
  for (const [id, c] of Object.entries(doc.controls ?? {})) {
    const path = ["controls", id];
    const exporter = refs.country(c.exporter, [...path, "exporter"], note);
    const commodities = [...new Set(c.commodities.flatMap((ref, i) => refs.commodities(ref, [...path, "commodities", i], note)))];
    let destinations: ControlSpec["destinations"] = { mode: "all", countries: [] };
    if (c.destinations !== undefined && c.destinations !== "all") {
      const mode = "only" in c.destinations ? "only" : "except";
      const list = "only" in c.destinations ? c.destinations.only : c.destinations.except;
      destinations = { mode, countries: [...new Set(list.flatMap((ref, i) => refs.countries(ref, [...path, "destinations", mode, i], note)))] };
    }
    const misplaced = (field: "approval" | "processingTime" | "quota", measure: string) => {
      if (c[field] !== undefined) note([...path, field], "misplaced-field", `only applies to ${measure} controls, but measure is "${c.measure}"`);
    };
    let measure: ControlMeasure = { kind: "ban" };
    if (c.measure === "licensing") {
      misplaced("quota", "quota");
      if (c.processingTime === undefined) note([...path, "measure"], "missing-field", 'a licensing control needs processingTime (e.g. "45 working days")');
      const approvalByCountry = new Array<number>(countryCount).fill(1);
      if (typeof c.approval === "number") approvalByCountry.fill(c.approval);
      else if (c.approval !== undefined) {
        const entries = Object.entries(c.approval);
        const fallback = c.approval.default;
        if (fallback !== undefined) approvalByCountry.fill(fallback);
        // Groups first, then single countries, so the most specific entry wins.
        for (const [key, value] of entries) {
          if (key === "default" || /^[A-Z]/.test(key)) continue;
          for (const country of refs.countries(key, [...path, "approval", key], note, true)) approvalByCountry[country] = value;
        }
        for (const [key, value] of entries) {
          if (!/^[A-Z]/.test(key)) continue;
          const country = refs.country(key, [...path, "approval", key], note, true);
          if (country !== undefined) approvalByCountry[country] = value;
        }
      }
      measure = { kind: "licensing", approvalByCountry, processingDays: c.processingTime ?? { kind: "fixed", value: 0 } };
    } else if (c.measure === "quota") {
      misplaced("approval", "licensing");
      misplaced("processingTime", "licensing");
      if (c.quota === undefined) note([...path, "measure"], "missing-field", 'a quota control needs quota (e.g. "30 kt/yr")');
      measure = { kind: "quota", tonnesPerYear: (c.quota ?? 0) * 365.25 };
    } else {
      misplaced("approval", "licensing");
      misplaced("processingTime", "licensing");
      misplaced("quota", "quota");
    }
    if (c.effective !== undefined && c.end !== undefined && c.end <= c.effective) note([...path, "end"], "date-order", "must be after effective");
    if (c.announced !== undefined && c.effective !== undefined && c.effective < c.announced) {
      note([...path, "effective"], "date-order", "must not be before announced");
    }
    const extraterritorialInputs = [
      ...new Set((c.extraterritorial?.inputs ?? []).flatMap((ref, i) => refs.commodities(ref, [...path, "extraterritorial", "inputs", i], note))),
    ];
    if (exporter === undefined) continue;
    controls.push({
      id,
      exporter,
      commodities,
      destinations,
      measure,
      effectiveEpochDay: c.effective ?? null,
      endEpochDay: c.end ?? null,
      extraterritorialInputs,
    });
  }
  return controls;
}

/** Control indices for one id or a list of ids; undefined if any is unknown (each reported). */
function controlList(refs: string | string[], controlIds: readonly string[], path: FieldPath, note: Report): number[] | undefined {
  const list = typeof refs === "string" ? [refs] : refs;
  const found = list.map((id, i) => lookup("control", id, controlIds, typeof refs === "string" ? path : [...path, i], note));
  return found.every((c) => c !== undefined) ? (found as number[]) : undefined;
}

/**
 * The earliest and latest day a date distribution can give. An unbounded one (lognormal) has
 * neither, and both come back as -Infinity, so that no ordering check is made against it.
 */
function dayRange(distribution: Distribution): { earliest: number; latest: number } {
  switch (distribution.kind) {
    case "fixed":
      return { earliest: distribution.value, latest: distribution.value };
    case "uniform":
    case "triangular":
      return { earliest: distribution.min, latest: distribution.max };
    default:
      return { earliest: -Infinity, latest: -Infinity };
  }
}
