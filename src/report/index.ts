/** Pure renderers: run results -> CSV, JSON and text. They return strings; the CLI writes them. */
export { renderTimelineCsv, TIMELINE_CSV_COLUMNS } from "./timeline-csv.js";
export { renderSummaryJson } from "./summary-json.js";
export { renderShortfallTable } from "./shortfall-table.js";
export { renderTradeCsv } from "./trade-csv.js";
export { renderConsumerTable, type ScenarioKpis } from "./consumer-table.js";
export { formatNumber } from "./number-format.js";
