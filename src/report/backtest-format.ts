/**
 * How the backtest's figures read, the same in the terminal, the CSV, the Markdown scorecard and
 * the report: each criterion in words, the record and its tolerance, and the model's values
 * (changes as signed percentages, shares as percentages, months as YYYY-MM or "none").
 */
import { isoMonth } from "../model/index.js";
import type { EpisodeCriterion, EpisodeSeries, MonthWindow } from "../scenario/index.js";
import { isMonthCriterion, recordValue, type CriterionScore, type EpisodeScore } from "../sweep/index.js";

/** A span of months: "2024-03..2024-10", or one month. */
export function spanText(span: MonthWindow): string {
  return span.first === span.last ? isoMonth(span.first) : `${isoMonth(span.first)}..${isoMonth(span.last)}`;
}

/** A change or share as a percentage: "+96%", "-74%" (a share has no sign). */
export function percentText(value: number, signed = true): string {
  if (Number.isNaN(value)) return "n/a";
  const percent = value * 100;
  const digits = Math.abs(percent) < 10 && percent !== Math.round(percent) ? 1 : 0;
  const text = percent.toFixed(digits);
  // A change that rounds to nothing is 0, with no sign either way.
  if (Number(text) === 0) return "0%";
  return signed && percent > 0 ? `+${text}%` : `${text}%`;
}

/** What a criterion measures, in words. */
export function criterionText(criterion: EpisodeCriterion, series: EpisodeSeries): string {
  const against = (baseline: EpisodeSeries["baseline"]) => (baseline === "year-before" ? " (y/y)" : "");
  switch (criterion.kind) {
    case "direction":
      return `direction over ${spanText(criterion.window)}`;
    case "trough-month":
      return `month of the trough in ${spanText(criterion.within)}`;
    case "trough-depth":
      return `depth of the trough in ${spanText(criterion.within)}`;
    case "level":
      return `level over ${spanText(criterion.window)}${against(criterion.baseline ?? series.baseline)}`;
    case "recovery-month":
      return `month back within ${percentText(criterion.band, false)} of the baseline`;
    case "first-above":
      return `first month above ${percentText(criterion.threshold)}`;
    case "peak-year":
      return `highest twelve months in ${spanText(criterion.within)}`;
    case "rise-per-year":
      return `rise per year, ${spanText(criterion.from)} to ${spanText(criterion.to)}`;
  }
}

/** A value of the criterion, as it reads (a replicate's, a percentile's or the record's). */
export function valueText(criterion: EpisodeCriterion, series: EpisodeSeries, value: number): string {
  if (Number.isNaN(value)) return "n/a";
  if (criterion.kind === "direction") return value > 0 ? "up" : value < 0 ? "down" : "flat";
  if (isMonthCriterion(criterion)) return value === Infinity ? "none" : isoMonth(Math.round(value));
  const isShare = series.baseline === undefined && criterion.kind !== "rise-per-year";
  const text = percentText(value, !isShare);
  return criterion.kind === "rise-per-year" ? `${text.replace("%", " pt")}/yr` : text;
}

/** The record's value, as it reads. */
export function recordText(criterion: EpisodeCriterion, series: EpisodeSeries): string {
  return valueText(criterion, series, recordValue(criterion));
}

/** The tolerance: "±15 pt", "-90% to -55%", "±1 month", or "" for a direction. */
export function toleranceText(criterion: EpisodeCriterion): string {
  switch (criterion.kind) {
    case "direction":
      return "";
    case "trough-month":
    case "recovery-month":
    case "first-above":
      return `\u00b1${criterion.tolerance} month${criterion.tolerance === 1 ? "" : "s"}`;
    default:
      return criterion.range !== undefined
        ? `${percentText(criterion.range[0])} to ${percentText(criterion.range[1])}`
        : `\u00b1${Math.round((criterion.tolerance ?? 0) * 1000) / 10} pt`;
  }
}

/** One row of the scorecard, as text cells. */
export interface ScorecardRow {
  readonly episode: string;
  readonly criterion: string;
  readonly record: string;
  readonly tolerance: string;
  readonly median: string;
  readonly range: string;
  readonly shareMet: string;
  readonly verdict: string;
}

/** The scorecard's rows: every criterion of every episode, in file order. */
export function scorecardRows(scores: readonly EpisodeScore[]): ScorecardRow[] {
  return scores.flatMap((score) =>
    score.criteria.map((c: CriterionScore) => {
      const series = score.episode.series[c.criterion.seriesIndex];
      const value = (v: number) => valueText(c.criterion, series, v);
      return {
        episode: score.episode.id,
        criterion: criterionText(c.criterion, series),
        record: recordText(c.criterion, series),
        tolerance: toleranceText(c.criterion),
        median: value(c.median),
        range: `${value(c.p5)} to ${value(c.p95)}`,
        shareMet: `${Math.round(c.shareMet * 100)}%`,
        verdict: c.verdict,
      };
    }),
  );
}
