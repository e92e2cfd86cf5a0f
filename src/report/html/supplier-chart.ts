/**
 * Who supplies a country with a commodity, year by year (from the run's trade record): stacked
 * bars of tonnes imported per exporter, so a shift of suppliers after a shock shows as a change
 * of colours between the years before and after it. The largest exporters are named; the rest
 * are summed as "others". Each exporter has the colour the whole report gives its country
 * (countryColours), so China is the same blue in every such chart.
 */
import type { TradeFlow } from "../../model/index.js";
import { columnDecimals, formatNumber } from "../number-format.js";
import type { ChartDefinition } from "./chart.js";
import { OTHERS } from "./country-colours.js";
import type { DisplayNames } from "./display-names.js";
import { slug } from "./html.js";
import { OTHERS_COLOUR } from "./palette.js";

/** Exporters named before the rest are summed. */
const NAMED = 6;

/** Tonnes shipped to one importer, by year and exporter (the largest named, the rest as "others"). */
export interface SupplierShipments {
  readonly importer: string;
  readonly commodity: string;
  /** Exporters in stacking order, largest first, "others" last when there are any. */
  readonly exporters: readonly string[];
  readonly cells: readonly { readonly year: number; readonly exporter: string; readonly tonnes: number; readonly controlled: number }[];
}

/** What `importer` received of `commodity`, or undefined when it imported none. */
export function supplierShipments(trade: readonly TradeFlow[], importer: string, commodity: string): SupplierShipments | undefined {
  const flows = trade.filter((f) => f.importer === importer && f.commodity === commodity && f.tonnes > 0);
  if (flows.length === 0) return undefined;
  const byExporter = new Map<string, number>();
  for (const f of flows) byExporter.set(f.exporter, (byExporter.get(f.exporter) ?? 0) + f.tonnes);
  const ranked = [...byExporter.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([e]) => e);
  const named = new Set(ranked.slice(0, ranked.length > NAMED + 1 ? NAMED : ranked.length));
  const cells = new Map<string, { year: number; exporter: string; tonnes: number; controlled: number }>();
  for (const f of flows) {
    const exporter = named.has(f.exporter) ? f.exporter : OTHERS;
    const key = `${f.year}/${exporter}`;
    const cell = cells.get(key) ?? { year: f.year, exporter, tonnes: 0, controlled: 0 };
    cell.tonnes += f.tonnes;
    cell.controlled += f.controlledOriginTonnes;
    cells.set(key, cell);
  }
  const exporters = [...ranked.filter((e) => named.has(e)), ...(named.size < ranked.length ? [OTHERS] : [])];
  const sorted = [...cells.values()].sort((a, b) => a.year - b.year || exporters.indexOf(a.exporter) - exporters.indexOf(b.exporter));
  return { importer, commodity, exporters, cells: sorted };
}

/** The supplier chart of the shipments, each exporter in its colour of `colours` (countryColours of every exporter the report charts). */
export function supplierChart(shipments: SupplierShipments, colours: ReadonlyMap<string, string>, names: DisplayNames): ChartDefinition {
  const { importer, commodity, exporters, cells } = shipments;
  const label = (exporter: string) => (exporter === OTHERS ? OTHERS : names.country(exporter));
  const labels = exporters.map(label);
  // The report's colours hold every exporter it charts (renderRunReport builds them from these shipments).
  const range = exporters.map((e) => colours.get(e) ?? OTHERS_COLOUR);
  const decimals = columnDecimals(cells.map((c) => c.tonnes), 1);
  return {
    id: slug("suppliers", importer, commodity),
    title: `${names.pair(importer, commodity)}: who supplied it, by year`,
    description: `Tonnes of ${names.commodity(commodity)} shipped to ${names.country(importer)} each year, by exporter, stacked.`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: { step: 44 },
      height: 150,
      data: { values: cells.map((c) => ({ ...c, year: String(c.year), exporter: label(c.exporter), rank: exporters.indexOf(c.exporter) })) },
      mark: { type: "bar" },
      encoding: {
        x: { field: "year", type: "ordinal", title: "year shipped", axis: { labelAngle: 0 } },
        y: { field: "tonnes", type: "quantitative", title: "t shipped", stack: "zero" },
        color: { field: "exporter", type: "nominal", title: "exporter", scale: { domain: labels, range } },
        order: { field: "rank", type: "quantitative" },
      },
    } as never,
    table: {
      columns: ["year", "exporter", "t shipped", "of which controlled origin t"],
      rows: cells.map((c) => [String(c.year), c.exporter === OTHERS ? OTHERS : `${label(c.exporter)} (${c.exporter})`, formatNumber(c.tonnes, decimals), formatNumber(c.controlled, decimals)]),
      numeric: [false, false, true, true],
    },
  };
}
