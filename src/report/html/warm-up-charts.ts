/**
 * Warm-up charts: a made-up market's chart and supplier chart, built by the run report's own
 * chart builders, for a drawer to draw (and throw away) before a report's charts come, so that
 * Vega is loaded and its code compiled by the JavaScript engine beforehand: a cold Vega draws
 * the flagship's twenty charts in about one and a half times the time a warm one takes. The
 * charts are the report's kinds (every panel: demand, unmet, given up, stocks, price, pending
 * licences; events marked; suppliers by year), so that the same code gets warm.
 */
import { Timeline } from "../../model/index.js";
import type { ChartDefinition } from "./chart.js";
import { DisplayNames } from "./display-names.js";
import { marketChart } from "./market-chart.js";
import { supplierChart } from "./supplier-chart.js";

/** Days of the made-up market: three years, as the flagship's period, so that the charts average over the same periods. */
const DAYS = 1096;

/** The made-up market's charts (the same every time). */
export function warmUpCharts(): ChartDefinition[] {
  const startEpochDay = 20_454; // 2026-01-01
  const timeline = new Timeline(startEpochDay, DAYS, [{ country: "AA", commodity: "metal" }]);
  timeline.reportedSeries = [0];
  const pending = new Float64Array(DAYS);
  const { columns } = timeline;
  for (let day = 0; day < DAYS; day++) {
    const demand = 80 + 10 * Math.sin(day / 60);
    const isShort = day >= 300 && day < 700;
    const consumed = isShort ? demand * (0.5 + 0.3 * Math.cos(day / 40)) : demand;
    columns.demand_t[day] = demand;
    columns.consumed_t[day] = consumed;
    columns.shortfall_t[day] = demand - consumed;
    columns.given_up_t[day] = isShort ? 2 + (day % 7) : 0;
    columns.inventory_t[day] = isShort ? Math.max(0, 3000 - 10 * (day - 300)) : 3000;
    columns.stockpile_t[day] = day < 400 ? 1800 : Math.max(0, 1800 - 5 * (day - 400));
    columns.price_index[day] = isShort ? 1.5 + 0.5 * Math.sin(day / 30) : 1;
    pending[day] = isShort ? 200 + 50 * Math.sin(day / 20) : 0;
  }
  const names = new DisplayNames({
    countries: [
      { id: "AA", name: "A-land" },
      { id: "BB", name: "B-land" },
      { id: "CC", name: "C-land" },
    ],
    commodities: [{ id: "metal", name: "metal" }],
    controls: [],
  } as unknown as ConstructorParameters<typeof DisplayNames>[0]);
  const events = [
    { date: "2026-03-01", label: "2026-03-01 controls in force" },
    { date: "2027-01-15", label: "2027-01-15 controls suspended" },
  ];
  const exporters = ["BB", "CC"];
  const cells = [2026, 2027, 2028].flatMap((year) => exporters.map((exporter, i) => ({ year, exporter, tonnes: 10_000 * (i + 1) + year, controlled: i === 0 ? 500 : 0 })));
  return [
    marketChart({ timeline, series: 0, events, pendingTonnes: pending, names }),
    supplierChart({ importer: "AA", commodity: "metal", exporters, cells }, new Map([["BB", "#E69F00"], ["CC", "#009E73"]]), names),
  ];
}
