/**
 * The body of a compare's report: the alternatives ranked by the unmet tonnes they save
 * against the base on common random numbers (the paired difference of each replicate's total
 * over every reported pair, with its 95% interval, over every replicate), best first; each
 * alternative's distributions of the headline KPIs side by side with the base's (from the
 * bounded sample); and the paired differences per country with their intervals.
 */
import { quantileSorted } from "simple-statistics";
import { ALL_COMMODITIES, MEAN_KPIS, seriesByUnmet, type AlternativeRanking, type ReplicateSampleData, type SweepPlan, type SweepStatistics } from "../../sweep/index.js";
import { formatMoney, formatNumber } from "../number-format.js";
import { renderChart, type ChartDefinition } from "./chart.js";
import { escapeHtml, paragraph, renderSection, renderTable, slug } from "./html.js";
import { policyCells, policyRows, POLICY_COLUMNS, rankingNote, type PolicyRow } from "../policy-table.js";
import { countryColours } from "./country-colours.js";
import { COLOURS } from "./palette.js";
import type { ReportBody } from "./report-page.js";

/** Single pairs whose distributions are drawn besides the total. */
const DISTRIBUTION_PAIRS = 3;

/** The compare's sections. */
export async function renderCompareBody(plan: SweepPlan, statistics: SweepStatistics, sample: ReplicateSampleData): Promise<ReportBody> {
  const n = plan.series.length;
  const unmet = MEAN_KPIS.indexOf("unmetTonnes");
  const totals = sample.alternatives.map((alt) => alt.kpis.map((values) => {
    let sum = 0;
    for (let s = 0; s < n; s++) sum += values[s * MEAN_KPIS.length + unmet];
    return sum;
  }));
  // Ranked on every replicate's paired differences (the tally's), not on the sample: by the value of unmet demand, best first.
  const rows = policyRows(plan, statistics);
  const order = rows.map((row) => ({ a: statistics.overall.findIndex((o) => o.name === row.name), name: row.name }));
  const names = order.map((r) => (r.a === 0 ? `${r.name} (base)` : r.name));
  const contents = [
    { id: "alternatives", heading: "The alternatives" },
    { id: "ranking", heading: "Which policy saves most, and at what cost" },
  ];
  const sections = [
    renderSection(2, "alternatives", "The alternatives", alternativesList(plan)),
    renderSection(2, "ranking", "Which policy saves most, and at what cost", policyTable(rows) + paragraph(rankingNote(statistics.ranking!, statistics.runs, plan.unpricedCommodities), "note") + paragraph(COST_NOTE, "note") + idleReserves(plan)),
  ];

  contents.push({ id: "between", heading: "Between the alternatives" });
  sections.push(renderSection(2, "between", "Between the alternatives", betweenTable(statistics.ranking!)));

  const baseSeries = seriesByUnmet(statistics.alternatives[0].series).map((i) => ({ s: statistics.alternatives[0].series[i], i }));
  const panels = [
    { label: "unmet t, all pairs", values: (a: number) => totals[a] },
    ...baseSeries.slice(0, DISTRIBUTION_PAIRS).map(({ s, i }) => ({ label: `unmet t, ${s.country} ${s.commodity}`, values: (a: number) => sample.alternatives[a].kpis.map((v) => v[i * MEAN_KPIS.length + unmet]) })),
  ];
  const charts: string[] = [];
  for (const panel of panels) charts.push(await renderChart(distributionChart(panel.label, order.map((r) => panel.values(r.a)), names)));
  const note = sample.size < statistics.runs ? paragraph(`From the first ${sample.size} of the ${statistics.runs} replicates (a sample of bounded size); the ranking above and compare.csv use all of them.`, "note") : "";
  contents.push({ id: "distributions", heading: "Distributions side by side" });
  sections.push(renderSection(2, "distributions", "Distributions side by side", note + charts.join("\n")));

  contents.push({ id: "differences", heading: "Paired differences by country" });
  const alternativeNames = order.filter((r) => r.a !== 0).map((r) => r.name);
  const { moving, still } = countriesThatMove(statistics);
  const stillNote = still.length === 0 || moving.length === 0 ? "" : paragraph(`${still.length} of the ${still.length + moving.length} countries with demand short in some replicate move in no replicate of any alternative (beyond rounding) and are left out: ${still.join(", ")}.`, "note");
  const chart = await renderChart(differenceChart(plan, statistics, alternativeNames, moving.length > 0 ? new Set(moving) : undefined));
  sections.push(renderSection(2, "differences", "Paired differences by country", stillNote + chart));
  return { contents, sections };
}

function policyTable(rows: readonly PolicyRow[]): string {
  return renderTable({
    columns: [...POLICY_COLUMNS],
    rows: policyCells(rows),
    numeric: POLICY_COLUMNS.map((_, i) => i > 0 && i < POLICY_COLUMNS.length - 1),
    caption: "Best first (see the note below for what it ranks on); each saving paired with the base on the same random worlds",
  });
}

/** Every two alternatives' paired difference in what the compare ranks on, with intervals widened over every pair. */
function betweenTable(ranking: AlternativeRanking): string {
  const money = ranking.total === "unmetValue";
  const show = (v: number) => (money ? formatMoney(v) : `${formatNumber(v, 1)} t`);
  const each = formatNumber(ranking.pairConfidence * 100, 2);
  const rows = ranking.pairs.map((p) => {
    const d = p.difference;
    const tied = d.ciLow <= 0 && d.ciHigh >= 0;
    return [p.better, p.worse, `${show(d.mean)} (${show(d.ciLow)} to ${show(d.ciHigh)})`, `${formatNumber(d.pBetter * 100, 0)}% / ${formatNumber(d.pWorse * 100, 0)}%`, tied ? "cannot tell apart" : "first is better"];
  });
  return (
    paragraph(`Each pair of alternatives, the one ranked higher first: the second's ${money ? "value of unmet demand" : "unmet tonnes"} minus the first's, replicate by replicate, with its interval at ${each}% (Bonferroni over ${ranking.pairs.length} pairs, 95% together), and the shares of replicates in which the second did better and worse.`) +
    renderTable({ columns: ["ranked higher", "ranked lower", "difference (interval)", "lower better / worse", "verdict"], rows, numeric: [false, false, true, true, false] })
  );
}

/** What the cost columns count. */
const COST_NOTE =
  "Cost: what the reserves cost over the horizon at reference prices (the tonnes held at the start and every tonne bought into them, plus their yearly holding cost on the tonnes held day by day), what its price floors cost (a government's top-ups and purchases at the floor, or the buyers' tariff premium), plus the stated cost of the projects an alternative adds; releases are not credited back. Saved per $: value of unmet demand saved per dollar of extra cost against the base (shown only where the extra cost is above 0.1% of the base's cost). The value of unmet demand is what the missing tonnes cost at 2024 prices, not the loss downstream of them (a missing magnet can stop a motor worth far more), so it understates what a shortfall costs an economy. t saved per t held: unmet tonnes saved per extra tonne of reserve.";

/** Why reserves did nothing: each alternative's reserves that released nothing in replicate 0, by reason ("" when all released). */
function idleReserves(plan: SweepPlan): string {
  const items: string[] = [];
  for (const a of plan.alternativesAbout) {
    const byReason = new Map<string, string[]>();
    for (const r of a.reserves) if (r.whyNot !== null) byReason.set(r.whyNot, [...(byReason.get(r.whyNot) ?? []), r.id]);
    for (const [reason, ids] of byReason) items.push(`<li><strong>${escapeHtml(a.name)}</strong>: ${escapeHtml(reason)}: ${escapeHtml(ids.join(", "))}</li>`);
  }
  if (items.length === 0) return "";
  return paragraph("Reserves that released nothing in replicate 0, and why (summary.json's firstReplicateReserves lists every reserve; run --replicate 0 shows one alternative's):") + `<ul class="idle-reserves">${items.join("")}</ul>`;
}

/** Each alternative by its file's title and description. */
function alternativesList(plan: SweepPlan): string {
  const items = plan.alternativesAbout.map((a, i) => `<li><strong>${escapeHtml(a.name)}</strong>${i === 0 ? " (base)" : ""}: ${escapeHtml(a.title)}${a.description === "" ? "" : `. ${escapeHtml(a.description)}`}</li>`);
  return `<ul class="alternatives">${items.join("")}</ul>`;
}

function quantiles(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => quantileSorted(sorted, p));
}

function distributionChart(label: string, byAlternative: readonly (readonly number[])[], names: readonly string[]): ChartDefinition {
  const values = byAlternative.map((v, i) => {
    const [p5, p25, p50, p75, p95] = quantiles(v);
    return { alternative: names[i], p5, p25, p50, p75, p95, mean: v.reduce((a, b) => a + b, 0) / v.length };
  });
  const y = { field: "alternative", type: "nominal", title: null, sort: [...names], axis: { labelLimit: 600 } };
  return {
    id: slug("distribution", label),
    title: `${label}: each alternative's distribution`,
    description: `For each alternative, best first, the distribution of ${label} over the replicates: 5th to 95th percentile as a line, 25th to 75th as a box, the median as a tick and the mean as a dot.`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: 560,
      height: { step: 26 },
      data: { values },
      layer: [
        { mark: { type: "rule", color: COLOURS.consumed }, encoding: { y, x: { field: "p5", type: "quantitative", title: label }, x2: { field: "p95" } } },
        { mark: { type: "bar", height: 14, color: COLOURS.consumed, opacity: 0.7 }, encoding: { y, x: { field: "p25", type: "quantitative" }, x2: { field: "p75" } } },
        { mark: { type: "tick", color: "#003f66", thickness: 2, size: 16 }, encoding: { y, x: { field: "p50", type: "quantitative" } } },
        { mark: { type: "point", filled: true, color: COLOURS.unmet, size: 30 }, encoding: { y, x: { field: "mean", type: "quantitative" } } },
      ],
    } as never,
    table: {
      columns: ["alternative", "p5", "p25", "median", "p75", "p95", "mean"],
      rows: values.map((v) => [v.alternative, ...[v.p5, v.p25, v.p50, v.p75, v.p95, v.mean].map((x) => formatNumber(x, 1))]),
      numeric: [false, true, true, true, true, true, true],
    },
  };
}

/**
 * The countries (with unmet tonnes in the base or an alternative) whose total moves in some
 * replicate of some alternative beyond rounding, and those that move in none, each in plan order.
 */
export function countriesThatMove(statistics: SweepStatistics): { moving: string[]; still: string[] } {
  const shown = statistics.differences.filter((d) => d.commodity === ALL_COMMODITIES && d.kpi === "unmetTonnes" && (d.baseMean > 0 || d.alternativeMean > 0));
  const moves = new Map<string, boolean>();
  for (const d of shown) moves.set(d.country, (moves.get(d.country) ?? false) || d.pBetter + d.pWorse > 0);
  const countries = [...moves.keys()];
  return { moving: countries.filter((c) => moves.get(c)), still: countries.filter((c) => !moves.get(c)) };
}

/** The paired differences per country: only the countries in `only` when given (those that move). */
function differenceChart(plan: SweepPlan, statistics: SweepStatistics, alternatives: readonly string[], only?: ReadonlySet<string>): ChartDefinition {
  const rows = statistics.differences.filter((d) => d.commodity === ALL_COMMODITIES && d.kpi === "unmetTonnes" && (d.baseMean > 0 || d.alternativeMean > 0) && (only === undefined || only.has(d.country)));
  const countries = [...new Set(rows.map((d) => d.country))];
  // Each country in the colour its place among the plan's countries owns, whichever countries a given sweep shows (countryColours).
  const colours = countryColours([...new Set(plan.series.map((x) => x.country))], countries);
  const values = alternatives.flatMap((alternative) => rows.filter((d) => d.alternative === alternative).map((d) => ({ row: `${alternative} - ${d.country}`, alternative, country: d.country, mean: d.diffMean, low: d.diffCiLow, high: d.diffCiHigh, pBetter: d.pBetter, pWorse: d.pWorse })));
  const sort = values.map((v) => v.row);
  return {
    id: "paired-differences",
    title: "Paired differences to the base: unmet tonnes per country, all commodities",
    description: "For each alternative and country, the mean paired difference of unmet tonnes against the base on the same random worlds, with its 95% interval; left of zero is better.",
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: 520,
      height: { step: 20 },
      data: { values },
      layer: [
        { mark: { type: "rule", color: COLOURS.event }, encoding: { x: { datum: 0, type: "quantitative" } } },
        { mark: { type: "rule", strokeWidth: 2 }, encoding: { y: { field: "row", type: "nominal", sort, title: null, axis: { labelLimit: 600 } }, x: { field: "low", type: "quantitative", title: "alternative minus base, t (95% interval)" }, x2: { field: "high" }, color: { field: "country", type: "nominal", scale: { domain: countries, range: countries.map((c) => colours.get(c)!) } } } },
        { mark: { type: "point", filled: true, size: 36 }, encoding: { y: { field: "row", type: "nominal", sort }, x: { field: "mean", type: "quantitative" }, color: { field: "country", type: "nominal" } } },
      ],
    } as never,
    table: {
      columns: ["alternative", "country", "base mean t", "alternative mean t", "difference t", "95% low", "95% high", "replicates better", "replicates worse"],
      rows: alternatives.flatMap((alternative) =>
        rows.filter((d) => d.alternative === alternative).map((d) => [alternative, d.country, formatNumber(d.baseMean, 1), formatNumber(d.alternativeMean, 1), formatNumber(d.diffMean, 1), formatNumber(d.diffCiLow, 1), formatNumber(d.diffCiHigh, 1), `${formatNumber(d.pBetter * 100, 1)}%`, `${formatNumber(d.pWorse * 100, 1)}%`]),
      ),
      numeric: [false, false, true, true, true, true, true, true, true],
    },
  };
}
