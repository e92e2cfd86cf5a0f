/**
 * replicates.csv: one row per replicate, country and commodity with demand (and, for a
 * compare, per alternative, in a first `alternative` column): the KPIs under the names
 * summary.json uses, then one column per sampled input named by its path in the scenario, in
 * the unit a plain number means there (rates t/yr, durations days, shares fractions, dates ISO;
 * empty for the date or other inputs of an event that did not happen in the replicate: drawn,
 * but never used).
 * Rendered one replicate at a time, so a sweep of any size streams to disk. Written only while
 * it fits a spreadsheet (SPREADSHEET_ROWS); replicates.parquet holds the same rows at any size.
 */
import { isDateKpi, KPI_NAMES, isoFromEpochDay, epochDayFromIso } from "../model/index.js";
import { eventOccurrenceIndex, type ReplicateOutcome, type SweepPlan } from "../sweep/index.js";
import { formatNumber } from "./number-format.js";

/** The most rows a spreadsheet opens (Excel's and LibreOffice Calc's limit), header included. */
export const SPREADSHEET_ROWS = 1_048_576;

/**
 * Whether a plan's replicates.csv is written: when its planned rows (and header) fit a
 * spreadsheet. Decided from the plan alone, so a merge and the unsharded sweep agree.
 */
export function writesReplicatesCsv(plan: SweepPlan): boolean {
  return 1 + plan.runs * plan.alternatives.length * plan.series.length <= SPREADSHEET_ROWS;
}

/** The input columns of a plan: every alternative's inputs, in first-seen order. */
export function inputColumns(plan: SweepPlan): string[] {
  const columns: string[] = [];
  for (const alternative of plan.alternatives) for (const name of alternative.inputs) if (!columns.includes(name)) columns.push(name);
  return columns;
}

/** The header line. */
export function replicatesCsvHeader(plan: SweepPlan): string {
  const lead = plan.kind === "compare" ? ["alternative", "replicate"] : ["replicate"];
  return [...lead, "country", "commodity", ...KPI_NAMES, ...inputColumns(plan)].join(",") + "\n";
}

/** The rows of one replicate. */
export function replicatesCsvRows(plan: SweepPlan, outcome: ReplicateOutcome): string {
  const startDay = epochDayFromIso(plan.start) as number;
  const columns = inputColumns(plan);
  let text = "";
  plan.alternatives.forEach((alternative, a) => {
    const alt = outcome.alternatives[a];
    const dateInputs = new Set(alternative.dateInputs);
    const occurrences = eventOccurrenceIndex(alternative.inputs);
    const inputCells = columns.map((name) => {
      const i = alternative.inputs.indexOf(name);
      if (i < 0 || (occurrences[i] >= 0 && alt.inputs[occurrences[i]] === 0)) return "";
      const value = alt.inputs[i];
      return dateInputs.has(name) ? isoFromEpochDay(value) : formatNumber(value * alternative.inputScales[i], 9);
    });
    const tail = inputCells.length > 0 ? "," + inputCells.join(",") : "";
    const lead = plan.kind === "compare" ? `${alternative.name},${outcome.replicate}` : `${outcome.replicate}`;
    plan.series.forEach((series, s) => {
      const cells = KPI_NAMES.map((name, k) => {
        const value = alt.kpis[s * KPI_NAMES.length + k];
        if (isDateKpi(name)) return Number.isNaN(value) ? "" : isoFromEpochDay(startDay + value);
        return formatNumber(value);
      });
      text += `${lead},${series.country},${series.commodity},${cells.join(",")}${tail}\n`;
    });
  });
  return text;
}
