/**
 * World index: the lookups a run's state needs, worked out once from the resolved world and its
 * controls by a pure function: markets by (country, commodity) and by commodity, what each
 * market is linked to (facilities, reserves), each reserve's host and members, the tracked
 * origins, the controls that may govern each route, and the groups of markets solved together.
 * It checks that every market it refers to exists, and that no market is given twice.
 */
import type { ExportControl } from "./export-control.js";
import type { FacilityLink, MarketLinks } from "./market.js";
import { ModelError } from "./model-error.js";
import type { RateGroup } from "./rate-solver.js";
import type { WorldSpec } from "./world-spec.js";
import { commodityOrder, solveGroups } from "./world-topology.js";

/** The lookups of one world (see the module comment). */
export interface WorldIndex {
  /** Market index by key country * commodity count + commodity (-1: no market). */
  readonly marketByKey: Int32Array;
  /** Markets of each commodity, by commodity index, in market order. */
  readonly marketsByCommodity: readonly (readonly number[])[];
  /** What each market is linked to, by market. */
  readonly marketLinks: readonly MarketLinks[];
  /** Each reserve's host market, by reserve. */
  readonly reserveHosts: Int32Array;
  /** Each reserve's member markets (in the order of its spec's members), by reserve. */
  readonly reserveMembers: readonly number[][];
  /** Tracked origins: the exporters of the controls, in control order. */
  readonly origins: readonly number[];
  /** Each country's slot among the origins (-1: not tracked). */
  readonly originSlot: Int32Array;
  /**
   * The controls that may govern each (exporter, commodity), by key exporter * commodity count
   * + commodity: its own exporter's, and those that follow their origin into every other
   * country's exports (re-export rules, extraterritorial reach). End-use controls govern none.
   */
  readonly controlsByRoute: readonly (readonly number[])[];
  /** The groups of markets solved together. */
  readonly groups: readonly RateGroup[];
  /** The group each market is solved in. */
  readonly groupOfMarket: Int32Array;
  /** The group each facility is solved in (that of its primary output's market). */
  readonly groupOfFacility: Int32Array;
}

/** Builds the index of `spec`, whose controls are `controls` (in the spec's order). */
export function buildWorldIndex(spec: WorldSpec, controls: readonly ExportControl[]): WorldIndex {
  const commodityCount = spec.commodities.length;
  const countryCount = spec.countries.length;
  const { origins, originSlot } = trackedOrigins(controls, countryCount);
  const marketByKey = marketKeys(spec);
  const marketAt = (country: number, commodity: number, what: string): number => {
    const m = marketByKey[country * commodityCount + commodity];
    if (m === -1) {
      throw new ModelError("missing-market", `${what}: no market for ${spec.commodities[commodity]?.id ?? commodity} in ${spec.countries[country]?.id ?? country}`);
    }
    return m;
  };
  const links = spec.markets.map(() => ({ producers: [] as FacilityLink[], consumers: [] as FacilityLink[], stockpiles: [] as number[], stockpileSlots: [] as number[], hostedStockpiles: [] as number[] }));
  spec.facilities.forEach((facility, i) => {
    for (const term of facility.inputs) links[marketAt(facility.country, term.commodity, `facility ${facility.id} input`)].consumers.push({ facility: i, tonnesPerTonne: term.tonnesPerTonne });
    for (const term of facility.outputs) links[marketAt(facility.country, term.commodity, `facility ${facility.id} output`)].producers.push({ facility: i, tonnesPerTonne: term.tonnesPerTonne });
  });
  const reserveHosts = new Int32Array(spec.stockpiles.length);
  const reserveMembers = spec.stockpiles.map((stockpile, i) => {
    const host = marketAt(stockpile.country, stockpile.commodity, `stockpile ${stockpile.id}`);
    const members = stockpile.members.map((c) => marketAt(c, stockpile.commodity, `stockpile ${stockpile.id} member`));
    reserveHosts[i] = host;
    links[host].hostedStockpiles.push(i);
    members.forEach((member, slot) => {
      links[member].stockpiles.push(i);
      links[member].stockpileSlots.push(slot);
    });
    return members;
  });
  spec.markets.forEach((market, m) => {
    for (const share of market.imports) marketAt(share.supplier, market.commodity, `import source of market ${m}`);
  });

  const marketsByCommodity: number[][] = Array.from({ length: commodityCount }, () => []);
  spec.markets.forEach((market, m) => marketsByCommodity[market.commodity].push(m));
  const controlsByRoute: number[][] = Array.from({ length: countryCount * commodityCount }, () => []);
  for (const control of controls) {
    // An end-use control governs no route: it acts where the goods are consumed (end-use-rule.ts).
    if (control.isDefenceOnly) continue;
    for (const k of spec.controls[control.index].commodities) {
      for (let exporter = 0; exporter < countryCount; exporter++) {
        if (exporter !== control.exporter && !(control.followsOrigin && marketByKey[exporter * commodityCount + k] >= 0)) continue;
        controlsByRoute[exporter * commodityCount + k].push(control.index);
      }
    }
  }
  const order = commodityOrder(spec);
  const { groupOfMarket, groupCount } = solveGroups(spec, (c, k) => marketByKey[c * commodityCount + k]);
  const groupOfFacility = Int32Array.from(spec.facilities, (f) => groupOfMarket[marketByKey[f.country * commodityCount + f.outputs[0].commodity]]);
  const groups = rateGroups(spec, order, groupCount, groupOfMarket, groupOfFacility, reserveHosts, marketsByCommodity);
  return { marketByKey, marketsByCommodity, marketLinks: links, reserveHosts, reserveMembers, origins, originSlot, controlsByRoute, groups, groupOfMarket, groupOfFacility };
}

/**
 * Origins tracked through stocks: the exporter of every control, in control order. Those whose
 * control follows its goods abroad are screened on third countries' routes; an end-use control's
 * exporter is tracked because its rule reads the origin content of the stocks consumed; the
 * others are tracked so that what third countries pass on of a controlled origin is reported
 * exactly.
 */
function trackedOrigins(controls: readonly ExportControl[], countryCount: number): { origins: number[]; originSlot: Int32Array } {
  const originSlot = new Int32Array(countryCount).fill(-1);
  const origins: number[] = [];
  for (const control of controls) {
    if (originSlot[control.exporter] < 0) {
      originSlot[control.exporter] = origins.length;
      origins.push(control.exporter);
    }
  }
  return { origins, originSlot };
}

/** Market index by key country * commodity count + commodity; a second market for one key is an error. */
function marketKeys(spec: WorldSpec): Int32Array {
  const commodityCount = spec.commodities.length;
  const marketByKey = new Int32Array(commodityCount * spec.countries.length).fill(-1);
  spec.markets.forEach((market, m) => {
    const key = market.country * commodityCount + market.commodity;
    if (marketByKey[key] !== -1) throw new ModelError("duplicate-market", `two markets for country ${market.country}, commodity ${market.commodity}`);
    marketByKey[key] = m;
  });
  return marketByKey;
}

/** Each group's markets layer by layer (commodities in topological order), its facilities and its reserves. */
function rateGroups(
  spec: WorldSpec,
  order: readonly number[],
  groupCount: number,
  groupOfMarket: Int32Array,
  groupOfFacility: Int32Array,
  reserveHosts: Int32Array,
  marketsByCommodity: readonly (readonly number[])[],
): RateGroup[] {
  const marketsOfGroup: number[][] = Array.from({ length: groupCount }, () => []);
  for (let m = 0; m < spec.markets.length; m++) marketsOfGroup[groupOfMarket[m]].push(m);
  return Array.from({ length: groupCount }, (_, g) => {
    const layers: number[][] = [];
    const stockpilesByLayer: number[][] = [];
    const mine = new Set(marketsOfGroup[g]);
    for (const k of order) {
      const layer = marketsByCommodity[k].filter((m) => mine.has(m));
      if (layer.length === 0) continue;
      layers.push(layer);
      const reserves: number[] = [];
      spec.stockpiles.forEach((s, i) => {
        if (s.commodity === k && mine.has(reserveHosts[i])) reserves.push(i);
      });
      stockpilesByLayer.push(reserves);
    }
    const facilities: number[] = [];
    for (let f = 0; f < spec.facilities.length; f++) if (groupOfFacility[f] === g) facilities.push(f);
    return {
      index: g,
      layers: layers.map((layer) => Int32Array.from(layer)),
      facilities: Int32Array.from(facilities),
      stockpilesByLayer: stockpilesByLayer.map((list) => Int32Array.from(list)),
      markets: Int32Array.from(layers.flat()),
      stockpiles: Int32Array.from(stockpilesByLayer.flat()),
    };
  });
}
