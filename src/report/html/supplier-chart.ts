/**
 * Who supplies a country with a commodity, year by year (from the run's trade record): stacked
 * bars of tonnes imported per exporter, so a shift of suppliers after a shock shows as a change
 * of colours between the years before and after it. The largest exporters are named; the rest
 * are summed as "others".
 */
import type { TradeFlow } from "../../model/index.js";
import { formatNumber } from "../number-format.js";
import type { ChartDefinition } from "./chart.js";
import { slug } from "./html.js";
import { OKABE_ITO } from "./palette.js";

/** Exporters named before the rest are summed. */
const NAMED = 6;
const OTHERS = "others";

/** The supplier chart of `importer`'s `commodity`, or undefined when it imported none. */
export function supplierChart(trade: readonly TradeFlow[], importer: string, commodity: string): ChartDefinition | undefined {
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
  const order = [...ranked.filter((e) => named.has(e)), ...(named.size < ranked.length ? [OTHERS] : [])];
  const values = [...cells.values()].sort((a, b) => a.year - b.year || order.indexOf(a.exporter) - order.indexOf(b.exporter));
  return {
    id: slug("suppliers", importer, commodity),
    title: `${importer} ${commodity}: who supplied it, by year`,
    description: `Tonnes of ${commodity} shipped to ${importer} each year, by exporter, stacked.`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: { step: 44 },
      height: 150,
      data: { values: values.map((v) => ({ ...v, year: String(v.year), rank: order.indexOf(v.exporter) })) },
      mark: { type: "bar" },
      encoding: {
        x: { field: "year", type: "ordinal", title: "year shipped", axis: { labelAngle: 0 } },
        y: { field: "tonnes", type: "quantitative", title: "t shipped", stack: "zero" },
        color: { field: "exporter", type: "nominal", title: "exporter", scale: { domain: order, range: OKABE_ITO.slice(0, order.length) } },
        order: { field: "rank", type: "quantitative" },
      },
    } as never,
    table: {
      columns: ["year", "exporter", "t shipped", "of which controlled origin t"],
      rows: values.map((v) => [String(v.year), v.exporter, formatNumber(v.tonnes, 1), formatNumber(v.controlled, 1)]),
      numeric: [false, false, true, true],
    },
  };
}
