/**
 * The backtest's scorecard as text: a plain table for the terminal (episode, criterion, record
 * and tolerance, the model's median and 5-95% range, the share of replicates that meet the
 * record, the verdict), the same as a Markdown table for docs/validation.md, and a short
 * Markdown table of verdicts per episode for the README.
 */
import type { EpisodeScore } from "../sweep/index.js";
import { scorecardRows, type ScorecardRow } from "./backtest-format.js";

const HEADER: Readonly<Record<keyof ScorecardRow, string>> = {
  episode: "episode",
  criterion: "criterion",
  record: "record",
  tolerance: "tolerance",
  median: "model median",
  range: "model 5-95%",
  shareMet: "replicates met",
  verdict: "verdict",
};
const KEYS = Object.keys(HEADER) as (keyof ScorecardRow)[];
const NUMERIC: ReadonlySet<keyof ScorecardRow> = new Set(["record", "median", "shareMet"]);

/** The scorecard for the terminal, with a count of verdicts under it. */
export function renderBacktestTable(scores: readonly EpisodeScore[]): string {
  const rows = scorecardRows(scores);
  const widths = KEYS.map((k) => Math.max(HEADER[k].length, ...rows.map((r) => r[k].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (NUMERIC.has(KEYS[i]) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  const lines = [line(KEYS.map((k) => HEADER[k])), ...rows.map((r, i) => (i > 0 && rows[i - 1].episode === r.episode ? line(KEYS.map((k) => (k === "episode" ? "" : r[k]))) : line(KEYS.map((k) => r[k]))))];
  return [...lines, "", verdictCount(rows)].join("\n") + "\n";
}

/** The scorecard as a Markdown table. */
export function renderBacktestMarkdown(scores: readonly EpisodeScore[]): string {
  const rows = scorecardRows(scores);
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const lines = [
    `| ${KEYS.map((k) => HEADER[k]).join(" | ")} |`,
    `| ${KEYS.map((k) => (NUMERIC.has(k) ? "---:" : "---")).join(" | ")} |`,
    ...rows.map((r) => `| ${KEYS.map((k) => cell(k === "verdict" ? `**${r[k]}**` : r[k])).join(" | ")} |`),
  ];
  return [...lines, "", verdictCount(rows)].join("\n") + "\n";
}

/** One row per episode: its criteria met, partly met and missed (the README's short table). */
export function renderBacktestSummaryMarkdown(scores: readonly EpisodeScore[]): string {
  const lines = ["| episode | criteria | met | partly | missed |", "| --- | ---: | ---: | ---: | ---: |"];
  for (const score of scores) {
    const count = (verdict: string) => score.criteria.filter((c) => c.verdict === verdict).length;
    lines.push(`| ${score.episode.title} | ${score.criteria.length} | ${count("met")} | ${count("partly")} | ${count("missed")} |`);
  }
  return lines.join("\n") + "\n";
}

function verdictCount(rows: readonly ScorecardRow[]): string {
  const count = (verdict: string) => rows.filter((r) => r.verdict === verdict).length;
  return `${rows.length} criteria: ${count("met")} met, ${count("partly")} partly met, ${count("missed")} missed (met: at least 80% of replicates within the tolerance; partly: at least 20%).`;
}
