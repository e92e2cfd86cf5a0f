/**
 * Builders for small hand-made worlds used by the model tests: named countries and
 * commodities instead of indices, defaults for everything else.
 */
import type { Distribution } from "../../src/engine/index.js";
import { RESPONSE_DEFAULTS } from "../../src/scenario/scenario-defaults.js";
import { defaultReExport } from "../../src/model/measures/measure.js";
import type {
  AuthoritySpec,
  MeasureSpec,
  LicensingCapacity,
  ReleasePolicy,
  CommodityResponse,
  ControlSpec,
  EventAction,
  FacilitySpec,
  MarketSpec,
  ServedDemand,
  StockpileSpec,
  WorldSpec,
} from "../../src/model/index.js";

/** A release rule that releases the moment a member runs dry (every trigger but a shortage off). */
const NO_RELEASE_RULE: ReleasePolicy = {
  triggerShare: 0,
  sustainedDays: 0,
  decisionLagDays: 0,
  fromEpochDay: null,
  priceAbove: Infinity,
  coverBelowDays: 0,
  onControl: null,
  clearedDays: 0,
  maxDurationDays: Infinity,
  shortfallShare: 1,
};

export const START = 20_000; // an arbitrary epoch day (2024-10-04)

export interface SmallWorld {
  countries: string[];
  commodities: string[];
  /** Reference prices, US$ per tonne, by commodity (none by default). */
  prices?: Record<string, number>;
  days: number;
  facilities?: {
    id: string;
    country: string;
    capacityTonnesPerDay: number;
    inputs?: Record<string, number>;
    outputs: Record<string, number>;
    utilization?: number;
    onlineDay?: number;
    rampUpDays?: number;
    outages?: { ratePerYear: number; durationDays: Distribution };
  }[];
  markets?: {
    country: string;
    commodity: string;
    demand?: number;
    growth?: number;
    coverDays?: number;
    inventory?: number;
    imports?: Record<string, number>;
    priority?: { defence?: number; critical?: number };
  }[];
  /** Price floors (days from the start; `index` is the floor as a price index). */
  floors?: { id: string; commodity: string; index: number; paidBy: "government" | "tariff"; facilities?: string[]; countries?: string[]; fromDay?: number; untilDay?: number }[];
  stockpiles?: {
    id: string;
    country: string;
    commodity: string;
    members?: string[];
    tonnes: number;
    floor?: number;
    maxRelease: number;
    refill?: number;
    target?: number;
    release?: Partial<ReleasePolicy>;
    serves?: ServedDemand;
    /** Participants' share of demand (a reserve that serves participants). */
    participants?: number;
    /** No refill while the host's price index is above this. */
    refillPriceCeiling?: number;
    holdingCost?: number;
  }[];
  controls?: {
    id: string;
    exporter: string;
    commodities: string[];
    destinations?: { mode: "all" | "only" | "except"; countries: string[] };
    measure:
      | { kind: "ban" }
      | { kind: "quota"; tonnesPerYear: number }
      | {
          kind: "licensing";
          approval: number;
          processingDays: Distribution;
          capacity?: LicensingCapacity;
          validityDays?: number;
          applicationTonnes?: number;
          /** Share of an approved application's tonnes granted (default fixed 1). */
          approvedShare?: Distribution;
          /** Share of buyers deterred, to every destination (default 0). */
          deterred?: number;
        };
    effectiveDay?: number | null;
    endDay?: number | null;
    announcedDay?: number;
    frontRunCoverDays?: number;
    coverage?: number;
    /** The re-export rule (default: the measure's, as scenarios resolve it). */
    reExport?: "covered" | "none" | { only: string[] };
    /** Extraterritorial reach: input commodities and the threshold share (default 0.1%). */
    extraterritorialInputs?: string[];
    threshold?: number;
  }[];
  events?: { id: string; day: number; probability?: number; action: EventAction }[];
  orderIntervalDays?: number;
  transitDays?: number;
  qualificationLagDays?: number;
  warmUpDays?: number;
  /** The market response: every commodity's (or per commodity, by id; null switches one off), on a clock of `priceStepDays`. */
  response?: { priceStepDays?: number; all?: Partial<CommodityResponse>; byCommodity?: Record<string, Partial<CommodityResponse> | null> };
}

/** A response with every reaction off (prices still move with cover): the format's defaults, without unwinding or a storage limit. */
const { priceStepDays: _step, ...defaults } = RESPONSE_DEFAULTS;
export const QUIET_RESPONSE: CommodityResponse = { ...defaults, unwindPerYear: 0, storageDays: Infinity };

/** Builds a WorldSpec; every (country, commodity) pair referenced gets a market. */
export function buildWorld(w: SmallWorld): WorldSpec {
  const country = (id: string) => index(w.countries, id, "country");
  const commodity = (id: string) => index(w.commodities, id, "commodity");
  const facilities: FacilitySpec[] = (w.facilities ?? []).map((f) => ({
    id: f.id,
    country: country(f.country),
    capacityTonnesPerDay: f.capacityTonnesPerDay,
    utilization: f.utilization ?? 1,
    onlineEpochDay: START + (f.onlineDay ?? -1000),
    rampUpDays: f.rampUpDays ?? 0,
    inputs: Object.entries(f.inputs ?? {}).map(([k, r]) => ({ commodity: commodity(k), tonnesPerTonne: r })),
    outputs: Object.entries(f.outputs).map(([k, r]) => ({ commodity: commodity(k), tonnesPerTonne: r })),
    outages: f.outages ?? null,
    costUsd: 0,
  }));
  const marketMap = new Map<string, MarketSpec>();
  const ensure = (c: number, k: number) => {
    const key = `${c}/${k}`;
    if (!marketMap.has(key)) {
      marketMap.set(key, {
        country: c,
        commodity: k,
        demandTonnesPerDay: 0,
        demandGrowthPerYear: 0,
        coverDays: 0,
        initialInventoryTonnes: 0,
        imports: [],
        priority: { defence: 0, critical: 0 },
      });
    }
  };
  for (const m of w.markets ?? []) {
    const c = country(m.country);
    const k = commodity(m.commodity);
    const shares = Object.entries(m.imports ?? {});
    const total = shares.reduce((sum, [, s]) => sum + s, 0);
    marketMap.set(`${c}/${k}`, {
      country: c,
      commodity: k,
      demandTonnesPerDay: m.demand ?? 0,
      demandGrowthPerYear: m.growth ?? 0,
      coverDays: m.coverDays ?? 0,
      initialInventoryTonnes: m.inventory ?? null,
      imports: shares.map(([s, share]) => ({ supplier: country(s), share: share / total })),
      priority: { defence: m.priority?.defence ?? 0, critical: m.priority?.critical ?? 0 },
    });
  }
  for (const m of [...marketMap.values()]) for (const s of m.imports) ensure(s.supplier, m.commodity);
  for (const f of facilities) for (const t of [...f.inputs, ...f.outputs]) ensure(f.country, t.commodity);
  const stockpiles: StockpileSpec[] = (w.stockpiles ?? []).map((s) => {
    const members = (s.members ?? [s.country]).map(country);
    for (const c of members) ensure(c, commodity(s.commodity));
    ensure(country(s.country), commodity(s.commodity));
    return {
      id: s.id,
      country: country(s.country),
      commodity: commodity(s.commodity),
      members,
      initialTonnes: s.tonnes,
      floorTonnes: s.floor ?? 0,
      maxReleaseTonnesPerDay: s.maxRelease,
      refillTonnesPerDay: s.refill ?? 0,
      targetTonnes: s.target ?? s.tonnes,
      refillPriceCeiling: s.refillPriceCeiling ?? Infinity,
      release: { ...NO_RELEASE_RULE, ...s.release, clearedDays: s.release?.clearedDays ?? s.release?.sustainedDays ?? 0 },
      serves: s.serves ?? "all",
      participantShare: s.participants ?? 1,
      holdingCostPerYear: s.holdingCost ?? 0,
    };
  });
  const authorities: AuthoritySpec[] = [];
  const controls: ControlSpec[] = (w.controls ?? []).map((c) => {
    let measure: MeasureSpec;
    if (c.measure.kind === "licensing") {
      authorities.push({ id: `control:${c.id}`, capacity: c.measure.capacity ?? { unit: "applications", perDay: Infinity } });
      measure = {
        kind: "licensing",
        approvalByCountry: w.countries.map(() => (c.measure as { approval: number }).approval),
        processingDays: c.measure.processingDays,
        approvedShare: c.measure.approvedShare ?? { kind: "fixed", value: 1 },
        deterredByCountry: w.countries.map(() => (c.measure as { deterred?: number }).deterred ?? 0),
        authority: authorities.length - 1,
        validityDays: c.measure.validityDays ?? 0,
        applicationTonnes: c.measure.applicationTonnes ?? Infinity,
      };
    } else measure = c.measure;
    return {
      id: c.id,
      exporter: country(c.exporter),
      commodities: c.commodities.map(commodity),
      destinations: { mode: c.destinations?.mode ?? "all", countries: (c.destinations?.countries ?? []).map(country) },
      measure,
      effectiveEpochDay: c.effectiveDay === null ? null : START + (c.effectiveDay ?? 0),
      endEpochDay: c.endDay === undefined || c.endDay === null ? null : START + c.endDay,
      coverage: c.coverage ?? 1,
      reExport: c.reExport === undefined ? { mode: defaultReExport(measure.kind) } : typeof c.reExport === "string" ? { mode: c.reExport } : { mode: "only", countries: c.reExport.only.map(country) },
      announcedEpochDay: c.announcedDay === undefined ? null : START + c.announcedDay,
      frontRunCoverDays: c.frontRunCoverDays ?? 0,
      extraterritorial: c.extraterritorialInputs === undefined ? null : { inputs: c.extraterritorialInputs.map(commodity), thresholdShare: c.threshold ?? 0.001 },
    };
  });
  return {
    name: "small-world",
    description: "test world",
    startEpochDay: START,
    endEpochDay: START + w.days - 1,
    warmUpDays: w.warmUpDays ?? 0,
    commodities: w.commodities.map((id) => ({ id, name: id, groups: [], referencePriceUsdPerTonne: w.prices?.[id] ?? null })),
    countries: w.countries.map((id) => ({ id, name: id, groups: [] })),
    facilities,
    markets: [...marketMap.values()],
    stockpiles,
    floors: (w.floors ?? []).map((f) => ({
      id: f.id,
      commodity: commodity(f.commodity),
      priceIndex: f.index,
      paidBy: f.paidBy,
      facilities: (f.facilities ?? []).map((id) => facilities.findIndex((x) => x.id === id)),
      countries: (f.countries ?? []).map(country),
      fromEpochDay: START + (f.fromDay ?? -1000),
      untilEpochDay: f.untilDay === undefined ? null : START + f.untilDay,
    })),
    controls,
    authorities,
    events: (w.events ?? []).map((e) => ({
      id: e.id,
      epochDay: START + e.day,
      probability: e.probability ?? 1,
      action: e.action,
    })),
    trade: {
      orderIntervalDays: w.orderIntervalDays ?? 30,
      defaultTransitDays: w.transitDays ?? 20,
      routes: [],
      qualificationLagDays: w.qualificationLagDays ?? 90,
    },
    response:
      w.response === undefined
        ? null
        : {
            priceStepDays: w.response.priceStepDays ?? 7,
            byCommodity: w.commodities.map((id) => {
              const own = w.response?.byCommodity?.[id];
              return own === null ? null : { ...QUIET_RESPONSE, ...w.response?.all, ...own };
            }),
          },
  };
}

function index(list: string[], id: string, what: string): number {
  const i = list.indexOf(id);
  if (i < 0) throw new Error(`unknown ${what} ${id}`);
  return i;
}
