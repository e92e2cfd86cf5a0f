/**
 * The world model: markets, facilities, reserves, trade and export controls on top of the
 * discrete-event kernel. It takes a resolved WorldSpec and returns data; it does no I/O.
 */
export { ModelError, type InputPath } from "./model-error.js";
export { DAYS_PER_YEAR, epochDayFromIso, epochDayOfMonth, epochMsFromIso, epochMsOfEpochDay, isoFromEpochDay, isoMonth, monthFromIso, monthOfEpochDay } from "./calendar.js";
export { DUST_TONNES, EMPTY_TONNES } from "./tolerance.js";
export type * from "./world-spec.js";
export { PRIORITY_CLASSES } from "./world-spec.js";
export { defaultReExport, MEASURE_KINDS, mayRefuseReExports } from "./measures/measure.js";
export { Timeline, TIMELINE_COLUMNS, type TimelineColumn, type TimelineSeries } from "./timeline.js";
export { isDateKpi, KPI_CATALOGUE, KPI_KINDS, KPI_NAMES, kpiKindOf, type CompareKpi, type DateKpi, type KpiBinning, type KpiFigures, type KpiKind, type KpiName, type KpiSpec, type KpiStatistics, type KpiValue, type MeanKpi, type NumberKindSpec, type NumberKpiKind, type RuleKpi } from "./kpi-catalogue.js";
export { shortfallKpis, type KpiSeries, type ShortfallKpi } from "./shortfall-kpi.js";
export { DailyRecord, SHORT_DAY_SHARE, type DayFlows, type PeriodRecord } from "./daily-record.js";
export type { LicenceRow } from "./licence-log.js";
export type { RealizedEvent } from "./scripted-events.js";
export { World, type RecordOptions, type RunRecord } from "./world.js";
export type { ReserveIdleReason, ReserveOutcome } from "./reserve-outcome.js";
export type { TradeFlow } from "./shipping.js";
export { simulateWorld, type SimulateOptions, type SimulationResult, type TimelineResult } from "./simulate-world.js";
export { commodityOrder, findRecipeLoop, describeRecipeLoop, type RecipeLoop } from "./world-topology.js";
