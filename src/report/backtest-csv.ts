/**
 * backtest.csv: one row per episode and criterion: what it measures, the record and its
 * tolerance, the model's 5th, 50th and 95th percentiles over the replicates, the share of
 * replicates that meet the record, the verdict, and the seed and replicates it was run on.
 * Values are as the scorecard prints them (percentages, months YYYY-MM), the ids as written.
 */
import type { EpisodeScore } from "../sweep/index.js";
import { criterionText, recordText, toleranceText, valueText } from "./backtest-format.js";
import { formatNumber } from "./number-format.js";

/** The header line's columns. */
export const BACKTEST_CSV_COLUMNS = ["episode", "scenario", "seed", "replicates", "criterion_kind", "criterion", "series", "record", "tolerance", "model_p5", "model_median", "model_p95", "share_met", "verdict", "source"];

/** Renders the scored episodes as CSV. */
export function renderBacktestCsv(scores: readonly EpisodeScore[]): string {
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = [BACKTEST_CSV_COLUMNS.join(",")];
  for (const score of scores) {
    for (const c of score.criteria) {
      const series = score.episode.series[c.criterion.seriesIndex];
      const value = (v: number) => valueText(c.criterion, series, v);
      lines.push(
        [
          score.episode.id,
          score.scenario,
          String(score.seed),
          String(score.runs),
          c.criterion.kind,
          criterionText(c.criterion, series),
          series.name,
          recordText(c.criterion, series),
          toleranceText(c.criterion),
          value(c.p5),
          value(c.median),
          value(c.p95),
          formatNumber(c.shareMet, 3),
          c.verdict,
          c.criterion.source,
        ]
          .map(quote)
          .join(","),
      );
    }
  }
  return lines.join("\n") + "\n";
}
