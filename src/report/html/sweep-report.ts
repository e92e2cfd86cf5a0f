/**
 * report.html of a sweep or compare. A sweep: the pairs most likely short, the sensitivity
 * section right after them (at the end when the scenario has no uncertain inputs), their fan
 * charts, the probability of being short by date and histograms of the headline KPIs. A compare: the alternatives ranked by how much unmet demand they save on common
 * random numbers, each one's KPI distributions side by side with the base's, and the paired
 * differences with their intervals. Everything comes from the plan, the statistics and the
 * sample, so a merged sweep's report is the same bytes as an unsharded one's.
 */
import type { InvalidDraw, ReplicateSampleData, SensitivityResult, SeriesStatistics, SweepPlan, SweepStatistics } from "../../sweep/index.js";
import { epochDayFromIso, epochMsOfEpochDay } from "../../model/index.js";
import { MEAN_KPIS, seriesByUnmet } from "../../sweep/index.js";
import { formatNumber } from "../number-format.js";
import { renderChart, timeAxis, type ChartDefinition } from "./chart.js";
import { renderCompareBody } from "./compare-section.js";
import { fanChart } from "./fan-chart.js";
import { histogramChart } from "./histogram-chart.js";
import { escapeHtml, paragraph, renderSection, renderTable, slug } from "./html.js";
import { OKABE_ITO } from "./palette.js";
import { renderPage, type ReportBody } from "./report-page.js";
import { renderSensitivity } from "./sensitivity-section.js";

/** What a sweep's report is made of. */
export interface SweepReportInput {
  readonly plan: SweepPlan;
  readonly statistics: SweepStatistics;
  readonly sample: ReplicateSampleData;
  readonly sensitivity: SensitivityResult | undefined;
  /** Replicates skipped because their draw broke a rule (none when not given). */
  readonly invalidDraws?: readonly InvalidDraw[];
}

/** Pairs given fan charts and histograms, most unmet tonnes on average first. */
export const FANNED_PAIRS = 8;
const HISTOGRAM_PAIRS = 4;

/** The report's HTML. */
export async function renderSweepReport(input: SweepReportInput): Promise<string> {
  const { plan, statistics } = input;
  const about = plan.about;
  const how = `${plan.kind === "compare" ? "Compare" : "Sweep"} of ${statistics.runs} replicates (seed ${plan.seed}, design ${plan.design === "lhs" ? "Latin hypercube" : "Monte Carlo"}${statistics.stoppedByRule ? `, stopped by the rule ${plan.until}` : ""}), ${plan.start} to ${plan.end}.`;
  // A compare asks its own question of its alternatives; the base's words describe the base.
  const compared = plan.alternativesAbout.length - 1;
  const whatIf = about.overrides.length === 0 ? "" : ` (what-if: ${about.overrides.join("; ")})`;
  const heading = `${plan.kind === "compare" ? `${compared} alternative${compared === 1 ? "" : "s"} to ${about.title}` : about.title}${whatIf}`;
  const lead = (
    plan.kind === "compare"
      ? [`Which of these leaves the least demand unmet, valued at reference prices, on the same random worlds, and at what cost?`, `The base: ${about.title}.${about.question === "" ? "" : ` ${about.question}`}`, how]
      : [about.question, about.description, how]
  ).filter((l) => l !== "");
  const body = plan.kind === "compare" ? await renderCompareBody(plan, statistics, input.sample) : await sweepBody(input);
  body.sections.push(renderSection(2, "manifest", "How this was made", manifest(plan, statistics, input.invalidDraws ?? [])));
  body.contents.push({ id: "manifest", heading: "How this was made" });
  return renderPage({ title: `${heading}: chokepoint ${plan.kind} report`, heading, lead, contents: body.contents, body: body.sections });
}

async function sweepBody(input: SweepReportInput): Promise<ReportBody> {
  const { plan, statistics, sample } = input;
  const base = statistics.alternatives[0];
  const ranked = seriesByUnmet(base.series).map((i) => base.series[i]);
  const contents = [{ id: "headline", heading: "Who runs short" }];
  const sections = [renderSection(2, "headline", "Who runs short", headlineTable(ranked))];
  // What drives the shortfalls is the question read first after who runs short: right after the headline when there is an analysis.
  const sensitivity = async () => {
    contents.push({ id: "sensitivity", heading: "What drives the shortfalls" });
    sections.push(renderSection(2, "sensitivity", "What drives the shortfalls", await renderSensitivity(plan, input.sensitivity)));
  };
  if (input.sensitivity !== undefined) await sensitivity();
  const fanned = ranked.slice(0, FANNED_PAIRS);
  if (fanned.length > 0 && statistics.bands !== undefined) {
    const charts: string[] = [];
    for (const s of fanned) {
      const rows = statistics.bands.filter((b) => b.country === s.country && b.commodity === s.commodity);
      charts.push(`<h3 id="${slug("fan-heading", s.country, s.commodity)}">${escapeHtml(`${s.country} ${s.commodity}`)}</h3>`, await renderChart(fanChart(rows, plan.start, plan.end, plan.about.markers, statistics.runs)));
    }
    contents.push({ id: "fans", heading: "How deep, over time" });
    sections.push(renderSection(2, "fans", "How deep, over time", charts.join("\n")));
    contents.push({ id: "p-short", heading: "Probability of being short by date" });
    sections.push(renderSection(2, "p-short", "Probability of being short by date", await renderChart(pShortChart(plan, fanned))));
  }
  const histogrammed = ranked.slice(0, HISTOGRAM_PAIRS);
  if (histogrammed.length > 0 && sample.size > 0) {
    const charts: string[] = [];
    const column = (s: SeriesStatistics, kpi: (typeof MEAN_KPIS)[number]) => {
      const index = plan.series.findIndex((x) => x.country === s.country && x.commodity === s.commodity) * MEAN_KPIS.length + MEAN_KPIS.indexOf(kpi);
      return sample.alternatives[0].kpis.map((values) => values[index]);
    };
    // First the headline total: every reported pair's unmet tonnes summed, per replicate.
    const unmet = MEAN_KPIS.indexOf("unmetTonnes");
    const totals = sample.alternatives[0].kpis.map((values) => plan.series.reduce((sum, _, i) => sum + values[i * MEAN_KPIS.length + unmet], 0));
    charts.push(await renderChart(histogramChart("All pairs", [{ title: "unmet demand, summed over every pair", unit: "t", values: totals }], sample.size)));
    for (const s of histogrammed) {
      charts.push(
        await renderChart(
          histogramChart(
            `${s.country} ${s.commodity}`,
            [
              { title: "unmet demand", unit: "t", values: column(s, "unmetTonnes") },
              { title: "days short", unit: "days", values: column(s, "shortfallDays") },
              { title: "peak price index", unit: "x baseline", values: column(s, "peakPriceIndex") },
            ],
            sample.size,
          ),
        ),
      );
    }
    const note = sample.size < statistics.runs ? paragraph(`Histograms and correlations use the first ${sample.size} of the ${statistics.runs} replicates (a sample of bounded size); every other figure uses all of them.`, "note") : "";
    contents.push({ id: "histograms", heading: "Distributions of the headline KPIs" });
    sections.push(renderSection(2, "histograms", "Distributions of the headline KPIs", note + charts.join("\n")));
  }
  if (input.sensitivity === undefined) await sensitivity();
  return { contents, sections };
}

function headlineTable(ranked: readonly SeriesStatistics[]): string {
  if (ranked.length === 0) return paragraph("No replicate ran short anywhere.");
  const rows = ranked.slice(0, 15).map((s) => {
    const u = s.kpis.unmetTonnes;
    return [
      s.country,
      s.commodity,
      `${formatNumber(s.pShort * 100, 1)}%`,
      s.firstShortfallDate[2] ?? "not short",
      `${formatNumber(u.mean, 1)} (${formatNumber(u.ciLow, 1)} to ${formatNumber(u.ciHigh, 1)})`,
      `${formatNumber(u.percentiles[0], 1)} to ${formatNumber(u.percentiles[4], 1)}`,
      formatNumber(s.kpis.shortfallDays.mean, 1),
      formatNumber(s.kpis.givenUpTonnes.mean, 1),
      `${formatNumber(s.kpis.peakPriceIndex.mean, 2)}x`,
    ];
  });
  return renderTable({
    columns: ["country", "commodity", "short in", "median first short", "mean unmet t (95% interval)", "unmet t, 5th to 95th pct", "mean days short", "mean given up t", "mean peak price"],
    rows,
    numeric: [false, false, true, false, true, true, true, true, true],
    caption: "Most unmet tonnes on average first",
  });
}

function pShortChart(plan: SweepPlan, series: readonly SeriesStatistics[]): ChartDefinition {
  // A period's point is its last day.
  const firstDay = epochDayFromIso(plan.start) ?? Number.NaN;
  const dateOf = (p: number) => epochMsOfEpochDay(firstDay + Math.min(plan.dayCount - 1, (p + 1) * plan.bandDays - 1));
  const names = series.map((s) => `${s.country} ${s.commodity}`);
  const values = series.flatMap((s, i) => s.pShortByPeriod.map((p, k) => ({ date: dateOf(k), pair: names[i], p: p * 100 })));
  return {
    id: "p-short-by-date",
    title: "Share of replicates short on or before each date",
    description: `For each of the ${series.length} pairs with the most unmet demand, the share of replicates whose first shortfall came on or before the date.`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: 720,
      height: 200,
      data: { values },
      mark: { type: "line", strokeWidth: 1.6, interpolate: "step-after" },
      encoding: {
        x: timeAxis(plan.start, plan.end),
        y: { field: "p", type: "quantitative", title: "% of replicates short by then", scale: { domain: [0, 100] } },
        color: { field: "pair", type: "nominal", title: null, scale: { domain: names, range: OKABE_ITO.slice(0, names.length) } },
        strokeDash: { field: "pair", type: "nominal", legend: null, scale: { domain: names, range: names.map((_, i) => (i < 4 ? [1, 0] : [5, 3])) } },
      },
    } as never,
    table: {
      columns: ["pair", ...series[0].pShortBy.map((b) => `short by ${b.date}`)],
      rows: series.map((s, i) => [names[i], ...s.pShortBy.map((b) => `${formatNumber(b.p * 100, 1)}%`)]),
      numeric: [false, ...series[0].pShortBy.map(() => true)],
      caption: "At the start of each year and at the end",
    },
  };
}

function manifest(plan: SweepPlan, statistics: SweepStatistics, invalidDraws: readonly InvalidDraw[]): string {
  const entries: [string, string][] = [
    ["tool", `${plan.tool} ${plan.version}`],
    ["kind", plan.kind],
    ...plan.alternatives.map((a, i): [string, string] => [i === 0 ? "scenario" : "alternative", `${a.name} (hash ${a.scenarioHash})`]),
    ["seed", String(plan.seed)],
    ["design", plan.design],
    ["replicates", `${statistics.runs} of ${plan.runs} planned`],
    ["band period", `${plan.bandDays} days`],
    ["tornado swing replicates", String(plan.swingRuns)],
    ...(invalidDraws.length === 0 ? [] : [["invalid draws skipped", `${invalidDraws.length} (replicates ${invalidDraws.slice(0, 10).map((d) => d.replicate).join(", ")}${invalidDraws.length > 10 ? ", ..." : ""}: invalid-draws.csv; excluded from every figure)`] as [string, string]]),
  ];
  return [
    `<dl class="manifest">${entries.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl>`,
    paragraph(`Replicate r of this ${plan.kind} reruns on its own, with its full daily record and report, by: npx chokepoint run FILE --seed ${plan.seed} --replicate r${plan.design === "lhs" ? ` --design lhs --runs ${plan.runs}` : ""} (FILE: the ${plan.kind === "compare" ? "alternative" : "scenario"} file). run-log.json beside this report has the command that made it.`, "note"),
  ].join("\n");
}
