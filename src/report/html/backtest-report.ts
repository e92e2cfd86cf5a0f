/**
 * The backtest's report: the scorecard, then per episode the model's monthly fan (median, 25-75
 * and 5-95 percentile bands over the replicates) with the record's points on it and the
 * episode's dates marked, its criteria scored, and the record's points with their sources.
 */
import { epochDayOfMonth, epochMsOfEpochDay, isoFromEpochDay, isoMonth, monthOfEpochDay } from "../../model/index.js";
import type { EpisodeScore } from "../../sweep/index.js";
import { criterionText, percentText, recordText, scorecardRows, toleranceText, valueText } from "../backtest-format.js";
import { formatNumber } from "../number-format.js";
import { renderChart, timeAxis, type ChartDefinition } from "./chart.js";
import { eventLayers } from "./event-markers.js";
import { paragraph, renderSection, renderTable, slug } from "./html.js";
import { COLOURS } from "./palette.js";
import { renderPage } from "./report-page.js";

/** What the report is made of. */
export interface BacktestReportInput {
  readonly scores: readonly EpisodeScore[];
  /** The record file, as the user named it. */
  readonly recordFile: string;
  /** The command that reproduces the backtest. */
  readonly command: string;
}

const WIDTH = 720;

/** The report's HTML. */
export async function renderBacktestReport(input: BacktestReportInput): Promise<string> {
  const rows = scorecardRows(input.scores);
  const count = (verdict: string) => rows.filter((r) => r.verdict === verdict).length;
  const runs = input.scores[0]?.runs ?? 0;
  const scorecard = renderTable({
    columns: ["episode", "criterion", "record", "tolerance", "model median", "model 5-95%", "replicates met", "verdict"],
    rows: rows.map((r) => [r.episode, r.criterion, r.record, r.tolerance, r.median, r.range, r.shareMet, r.verdict]),
    numeric: [false, false, true, false, true, false, true, false],
    caption: `Every criterion of every episode, over ${runs} replicates each`,
  });
  const sections = [
    renderSection(
      2,
      "scorecard",
      "Scorecard",
      [
        paragraph(`${rows.length} criteria: ${count("met")} met, ${count("partly")} partly met, ${count("missed")} missed. A criterion is met when at least 80% of the replicates fall within the tolerance of the record, partly met when at least 20% do.`),
        paragraph("Only shapes are compared, never tonnages: each series is its own monthly figure against its own baseline (the same month a year before, or the average month of a window before the control), in the model as in the record.", "note"),
        scorecard,
      ].join("\n"),
    ),
  ];
  for (const score of input.scores) sections.push(await episodeSection(score));
  sections.push(
    renderSection(
      2,
      "method",
      "How to reproduce it",
      [paragraph(`The record is ${input.recordFile}; each episode names the scenario that replays it. Replicate r of an episode is replicate r of its scenario at the seed shown: npx chokepoint run SCENARIO --seed S --replicate r gives its full timeline.`), `<pre>${input.command.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</pre>`].join("\n"),
    ),
  );
  return renderPage({
    title: "The model against the record: chokepoint backtest report",
    heading: "Backtest: the model against the record",
    lead: [
      "Does the model reproduce what already happened? Each recorded episode's scenario is replayed over many replicates and set beside the published figures: direction, month and depth of the trough, month of recovery, lasting level.",
      `${input.scores.length} episodes, ${runs} replicates each; ${count("met")} of ${rows.length} criteria met.`,
    ],
    contents: [{ id: "scorecard", heading: "Scorecard" }, ...input.scores.map((s) => ({ id: slug("episode", s.episode.id), heading: s.episode.title })), { id: "method", heading: "How to reproduce it" }],
    body: sections,
  });
}

async function episodeSection(score: EpisodeScore): Promise<string> {
  const { episode } = score;
  const series = episode.series[0];
  const criteria = renderTable({
    columns: ["criterion", "record", "tolerance", "model median", "model 5-95%", "replicates met", "verdict", "why this tolerance", "source"],
    rows: score.criteria.map((c) => {
      const s = episode.series[c.criterion.seriesIndex];
      const value = (v: number) => valueText(c.criterion, s, v);
      return [criterionText(c.criterion, s), recordText(c.criterion, s), toleranceText(c.criterion), value(c.median), `${value(c.p5)} to ${value(c.p95)}`, `${Math.round(c.shareMet * 100)}%`, c.verdict, c.criterion.why, c.criterion.source];
    }),
    numeric: [false, true, false, true, false, true, false, false, false],
    caption: `${episode.title}: criteria`,
  });
  const points =
    episode.record.points.length === 0
      ? paragraph("The record gives rates for this episode, not a monthly path.", "note")
      : renderTable({
          columns: ["month", `published (${episode.record.unit})`, "change against the baseline", "source"],
          rows: episode.record.points.map((p) => [isoMonth(p.month), p.value === undefined ? "" : formatNumber(p.value, 3), percentText(p.change), p.source]),
          numeric: [false, true, true, false],
          caption: `The record's points${episode.record.baselineValue === undefined ? "" : `, against ${formatNumber(episode.record.baselineValue, 3)} ${episode.record.unit} (${episode.record.baselineSource ?? ""})`}`,
        });
  const others = episode.series.slice(1).map((s) => paragraph(`Also scored: ${s.label} (${s.name}).`, "note"));
  return renderSection(
    2,
    slug("episode", episode.id),
    episode.title,
    [paragraph(`${series.label}. Scenario ${score.scenario}, seed ${score.seed}, ${score.runs} replicates.`), ...others, await renderChart(fanChart(score)), criteria, points].join("\n"),
  );
}

/** The charted series' fan over the replicates, with the record's points and the episode's marks. */
function fanChart(score: EpisodeScore): ChartDefinition {
  const { episode } = score;
  const series = episode.series[0];
  const isShare = series.baseline === undefined;
  const date = (month: number) => epochMsOfEpochDay(epochDayOfMonth(month));
  const { first, last } = chartedMonths(score);
  const shown = score.fan.map((p, i) => ({ month: score.firstMonth + i, p })).filter(({ month }) => month >= first && month <= last);
  const values = shown.map(({ month, p }) => ({ date: date(month), p5: p[0] * 100, p25: p[1] * 100, p50: p[2] * 100, p75: p[3] * 100, p95: p[4] * 100 })).filter((v) => !Number.isNaN(v.p50));
  const recordValues = episode.record.points.map((p) => ({ date: date(p.month), change: p.change * 100 }));
  const x = timeAxis(isoFromEpochDay(epochDayOfMonth(first)), isoFromEpochDay(epochDayOfMonth(last + 1)));
  const yTitle = isShare ? "%" : "% change against the baseline";
  const marks = episode.marks.map((m) => ({ date: isoFromEpochDay(m.epochDay), label: m.label }));
  const layer = [
    { data: { values }, mark: { type: "area", color: COLOURS.band, opacity: 0.18, interpolate: "step-after" }, encoding: { x, y: { field: "p5", type: "quantitative", title: yTitle }, y2: { field: "p95" } } },
    { data: { values }, mark: { type: "area", color: COLOURS.band, opacity: 0.38, interpolate: "step-after" }, encoding: { x, y: { field: "p25", type: "quantitative" }, y2: { field: "p75" } } },
    { data: { values }, mark: { type: "line", color: "#003f66", strokeWidth: 1.6, interpolate: "step-after" }, encoding: { x, y: { field: "p50", type: "quantitative" } } },
    ...(recordValues.length === 0 ? [] : [{ data: { values: recordValues }, mark: { type: "point", filled: true, size: 60, color: COLOURS.record, shape: "diamond" }, encoding: { x, y: { field: "change", type: "quantitative" } } }]),
    ...eventLayers(marks, true),
  ];
  const byMonth = new Map(episode.record.points.map((p) => [p.month, p.change]));
  return {
    id: slug("fan", episode.id),
    title: `${episode.title}: the model over ${score.runs} replicates, the record's points as diamonds`,
    description: `${series.label}: the model's median by month with its 25-75 and 5-95 percentile bands over ${score.runs} replicates; the published figures as diamonds on the same footing; the episode's dates marked.`,
    spec: { $schema: "https://vega.github.io/schema/vega-lite/v6.json", width: WIDTH, height: 220, layer } as never,
    table: {
      columns: ["month", "model p5", "p25", "median", "p75", "p95", "record"],
      rows: shown.map(({ month, p }) => [isoMonth(month), ...p.map((v) => percentText(v, !isShare)), byMonth.has(month) ? percentText(byMonth.get(month) as number) : ""]),
      numeric: [false, true, true, true, true, true, true],
      caption: `${series.label}, by month`,
    },
  };
}

/** Months to chart: those the episode's baseline, criteria, points and marks name, from two months before to six after, within the replayed months. */
function chartedMonths(score: EpisodeScore): { first: number; last: number } {
  const { episode } = score;
  const months: number[] = [];
  const span = (w: { first: number; last: number }) => months.push(w.first, w.last);
  for (const series of episode.series) if (series.baseline !== undefined && series.baseline !== "year-before") span(series.baseline);
  for (const c of episode.criteria) {
    if (c.kind === "rise-per-year") [c.from, c.to].forEach(span);
    else span(c.kind === "direction" || c.kind === "level" ? c.window : c.within);
  }
  for (const p of episode.record.points) months.push(p.month);
  for (const m of episode.marks) months.push(monthOfEpochDay(m.epochDay));
  const lastReplayed = score.firstMonth + score.fan.length - 1;
  return { first: Math.max(score.firstMonth, Math.min(...months) - 2), last: Math.min(lastReplayed, Math.max(...months) + 6) };
}
