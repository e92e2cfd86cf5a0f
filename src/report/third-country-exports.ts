/**
 * Third countries' exports of controlled-origin content: for each commodity a control covers,
 * the routes on which countries other than its controlling exporters ship it (allied refiners
 * working controlled feed, traders passing it on), year by year, with the tonnes of a
 * controlling exporter's origin they carry. Those tonnes are trade.csv's `controlled_origin_t`,
 * exact because origin is conserved through stocks and recipes. The routes carrying the most
 * controlled-origin tonnes are kept, grouped by exporter; the others are counted.
 */
import type { ControlSpec, TradeFlow } from "../model/index.js";

/** Routes shown per commodity; the others are counted in `leftOut`. */
export const THIRD_COUNTRY_ROUTES = 8;

/**
 * Share of a commodity's third-country exports that must be of controlled origin for it to be
 * shown (0.1%, the de-minimis share of MOFCOM No. 61 (2025)): below it the
 * content is a trace that mixing through stocks leaves, not a supply that passes through.
 */
export const TRACE_SHARE = 0.001;

/** What the table reads of a world spec: ids, and each control's exporter and commodities. */
export interface ControlledWorld {
  readonly countries: readonly { readonly id: string }[];
  readonly commodities: readonly { readonly id: string }[];
  readonly controls: readonly Pick<ControlSpec, "id" | "exporter" | "commodities">[];
}

/** One route in one year: what a third country shipped and how much of it was of controlled origin. */
export interface ThirdCountryRow {
  readonly year: number;
  readonly exporter: string;
  readonly importer: string;
  readonly tonnes: number;
  readonly controlledOriginTonnes: number;
  /** controlledOriginTonnes / tonnes, or null when nothing was shipped that year. */
  readonly share: number | null;
}

/** Tonnes shipped and, of them, of controlled origin. */
export interface OriginTotals {
  readonly tonnes: number;
  readonly controlledOriginTonnes: number;
}

/** A third country's exports of one commodity over the reported period. */
export interface ThirdCountryExporter extends OriginTotals {
  readonly exporter: string;
}

/** What third countries exported of one commodity under control. */
export interface ThirdCountryCommodity extends OriginTotals {
  readonly commodity: string;
  /** The controls covering it, by id, in the scenario's order. */
  readonly controls: readonly string[];
  /** Their exporters (whose own shipments are not third countries'), by id. */
  readonly controllingExporters: readonly string[];
  /** Every third-country exporter, most controlled-origin tonnes first. */
  readonly exporters: readonly ThirdCountryExporter[];
  /** The kept routes' rows: by exporter (as `exporters`), then route (most controlled-origin tonnes first), then year; a row for every year of the record. */
  readonly rows: readonly ThirdCountryRow[];
  /** How many routes the rows show. */
  readonly routes: number;
  /** The routes left out, and what they shipped. */
  readonly leftOut: OriginTotals & { readonly routes: number };
}

/** Third countries' exports of controlled origin in one run. */
export interface ThirdCountryExports {
  /** The origins counted as controlled: every control's exporter, by id, in the scenario's order. */
  readonly origins: readonly string[];
  /** The years of the trade record, ascending. */
  readonly years: readonly number[];
  /** Commodities whose third-country exports are at least TRACE_SHARE of controlled origin, in the order the scenario's controls name them. */
  readonly commodities: readonly ThirdCountryCommodity[];
  /** Commodities under control whose third-country exports carry less, or none, in the same order. */
  readonly traces: readonly string[];
}

interface Route {
  exporter: string;
  importer: string;
  tonnes: number;
  controlledOriginTonnes: number;
  byYear: Map<number, { tonnes: number; controlledOriginTonnes: number }>;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Most controlled-origin tonnes first, then most tonnes, then by id. */
function byControlledOrigin(a: OriginTotals, b: OriginTotals): number {
  return b.controlledOriginTonnes - a.controlledOriginTonnes || b.tonnes - a.tonnes;
}

/** Third countries' exports of each commodity under control, from a run's trade record. */
export function thirdCountryExports(
  trade: readonly TradeFlow[],
  spec: ControlledWorld,
  routeLimit = THIRD_COUNTRY_ROUTES,
): ThirdCountryExports {
  const country = (i: number) => spec.countries[i].id;
  const origins = [...new Set(spec.controls.map((c) => country(c.exporter)))];
  const years = [...new Set(trade.map((f) => f.year))].sort((a, b) => a - b);
  // Commodities in the order the controls name them, each with its controls and their exporters.
  const covered = new Map<string, { controls: string[]; exporters: Set<string> }>();
  for (const control of spec.controls) {
    for (const c of control.commodities) {
      const id = spec.commodities[c].id;
      const entry = covered.get(id) ?? { controls: [], exporters: new Set<string>() };
      if (!entry.controls.includes(control.id)) entry.controls.push(control.id);
      entry.exporters.add(country(control.exporter));
      covered.set(id, entry);
    }
  }
  const routesOf = new Map<string, Map<string, Route>>();
  for (const f of trade) {
    const entry = covered.get(f.commodity);
    if (entry === undefined || entry.exporters.has(f.exporter)) continue;
    const routes = routesOf.get(f.commodity) ?? new Map<string, Route>();
    routesOf.set(f.commodity, routes);
    const key = `${f.exporter}>${f.importer}`;
    const route = routes.get(key) ?? { exporter: f.exporter, importer: f.importer, tonnes: 0, controlledOriginTonnes: 0, byYear: new Map() };
    routes.set(key, route);
    route.tonnes += f.tonnes;
    route.controlledOriginTonnes += f.controlledOriginTonnes;
    const year = route.byYear.get(f.year) ?? { tonnes: 0, controlledOriginTonnes: 0 };
    year.tonnes += f.tonnes;
    year.controlledOriginTonnes += f.controlledOriginTonnes;
    route.byYear.set(f.year, year);
  }
  const commodities: ThirdCountryCommodity[] = [];
  const traces: string[] = [];
  for (const [commodity, { controls, exporters: controlling }] of covered) {
    const routes = [...(routesOf.get(commodity)?.values() ?? [])].filter((r) => r.tonnes > 0);
    const tonnes = sum(routes, (r) => r.tonnes);
    const controlledOriginTonnes = sum(routes, (r) => r.controlledOriginTonnes);
    if (tonnes === 0 || controlledOriginTonnes < TRACE_SHARE * tonnes) {
      traces.push(commodity);
      continue;
    }
    routes.sort((a, b) => byControlledOrigin(a, b) || compareIds(a.exporter, b.exporter) || compareIds(a.importer, b.importer));
    const exporterTotals = new Map<string, ThirdCountryExporter>();
    for (const r of routes) {
      const total = exporterTotals.get(r.exporter) ?? { exporter: r.exporter, tonnes: 0, controlledOriginTonnes: 0 };
      exporterTotals.set(r.exporter, { exporter: r.exporter, tonnes: total.tonnes + r.tonnes, controlledOriginTonnes: total.controlledOriginTonnes + r.controlledOriginTonnes });
    }
    const exporters = [...exporterTotals.values()].sort((a, b) => byControlledOrigin(a, b) || compareIds(a.exporter, b.exporter));
    const kept = routes.slice(0, routeLimit);
    const left = routes.slice(routeLimit);
    const rank = new Map(exporters.map((e, i) => [e.exporter, i]));
    // A stable sort: within an exporter the routes keep their ranking.
    const shown = [...kept].sort((a, b) => (rank.get(a.exporter) as number) - (rank.get(b.exporter) as number));
    const rows = shown.flatMap((r) =>
      years.map((year): ThirdCountryRow => {
        const cell = r.byYear.get(year) ?? { tonnes: 0, controlledOriginTonnes: 0 };
        return { year, exporter: r.exporter, importer: r.importer, ...cell, share: cell.tonnes > 0 ? cell.controlledOriginTonnes / cell.tonnes : null };
      }),
    );
    commodities.push({
      commodity,
      controls,
      controllingExporters: [...controlling],
      tonnes,
      controlledOriginTonnes,
      exporters,
      rows,
      routes: kept.length,
      leftOut: { routes: left.length, tonnes: sum(left, (r) => r.tonnes), controlledOriginTonnes: sum(left, (r) => r.controlledOriginTonnes) },
    });
  }
  return { origins, years, commodities, traces };
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += value(item);
  return total;
}
