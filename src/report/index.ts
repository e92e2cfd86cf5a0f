/** Pure renderers: run and sweep results -> CSV, JSON, text and HTML reports. They return strings; the CLI writes them. */
export { renderTimelineCsv, TIMELINE_CSV_COLUMNS } from "./timeline-csv.js";
export { renderSummaryJson } from "./summary-json.js";
export { renderShortfallTable } from "./shortfall-table.js";
export { rankShortfalls, type RankedShortfall } from "./worst-shortfalls.js";
export { renderTradeCsv } from "./trade-csv.js";
export { renderConsumerTable, type ScenarioKpis } from "./consumer-table.js";
export { formatNumber } from "./number-format.js";
export { inputColumns, replicatesCsvHeader, replicatesCsvRows } from "./replicates-csv.js";
export { renderBandsCsv, BANDS_CSV_COLUMNS } from "./bands-csv.js";
export { renderSweepSummaryJson } from "./sweep-summary-json.js";
export { renderCompareCsv, COMPARE_CSV_COLUMNS } from "./compare-csv.js";
export { renderCompareTable } from "./compare-table.js";
export { renderLicencesCsv, LICENCES_CSV_COLUMNS } from "./licences-csv.js";
export { renderRunReport, runReportInput, CHARTED_PAIRS, type RunReportInput } from "./html/run-report.js";
export { renderSweepReport, type SweepReportInput } from "./html/sweep-report.js";
export { renderSensitivityCsv, SENSITIVITY_CSV_COLUMNS } from "./sensitivity-csv.js";
export { eventMarks, type EventMark } from "./html/event-markers.js";
export { renderSensitivityTable } from "./sensitivity-table.js";
