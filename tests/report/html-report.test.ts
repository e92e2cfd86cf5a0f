/**
 * The HTML report's renderers, pure: escaping, tables, charts rendered to SVG in Node (the same
 * bytes in every time zone), the downsampling that keeps tonnes, histogram bins, event marks,
 * and the run and sweep reports built from real runs: one ranking shared with the terminal
 * table, a chart per worst pair, nothing to fetch, small enough to mail.
 */
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadScenario, simulate, sweep } from "../../src/index.js";
import { formatNumber, rankShortfalls, renderRunReport, renderShortfallTable, renderSweepReport, runReportInput } from "../../src/report/index.js";
import { renderChart, type ChartDefinition } from "../../src/report/html/chart.js";
import { countriesThatMove } from "../../src/report/html/compare-section.js";
import { periodDays, periodMeans } from "../../src/report/html/downsample.js";
import { DisplayNames } from "../../src/report/html/display-names.js";
import { eventMarks } from "../../src/report/html/event-markers.js";
import { binValues, histogramChart } from "../../src/report/html/histogram-chart.js";
import { escapeHtml, renderTable } from "../../src/report/html/html.js";
import { ReplicateSample, planSweep, ReplicateRunner, SweepTally, type ReplicateSampleData, type SweepStatistics } from "../../src/sweep/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FLAGSHIP = path.join(ROOT, "scenarios/reinstated-2026.yaml");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");

const lineChart: ChartDefinition = {
  id: "test-chart",
  title: "A <test> chart",
  description: "Tonnes & days",
  spec: {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 200,
    height: 100,
    data: { values: [0, 1, 2, 3].map((d) => ({ date: Date.UTC(2026, 0, 1 + d * 40), t: d * d })) },
    mark: "line",
    encoding: { x: { field: "date", type: "temporal", scale: { type: "utc" }, axis: { format: "%b %Y" } }, y: { field: "t", type: "quantitative", title: "t" } },
  } as never,
  table: { columns: ["date", "t"], rows: [["2026-01-01", "0"]], numeric: [false, true] },
};

describe("HTML pieces", () => {
  it("escape every character that could open markup or end an attribute", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const table = renderTable({ columns: ["a<b"], rows: [["<script>"]], numeric: [true] });
    expect(table).toContain('<th scope="col" class="num">a&lt;b</th>');
    expect(table).toContain('<td class="num">&lt;script&gt;</td>');
    expect(table).not.toContain("<script>");
  });

  it("a chart is an inline SVG with an accessible description, a caption and its numbers in a table", async () => {
    const html = await renderChart(lineChart);
    expect(html).toMatch(/^<figure class="chart" id="test-chart" data-chart="test-chart">/);
    expect(html).toContain("<figcaption>A &lt;test&gt; chart</figcaption>");
    expect(html).toContain('<svg role="img" aria-label="Tonnes &amp; days" ');
    expect(html).toMatch(/class="mark-line role-mark[^"]*"[^>]*><path[^>]* d="M[\d.,LM]+"/);
    expect(html).toContain("<details><summary>The numbers behind this chart</summary>");
    expect(html).not.toMatch(/<script|<link|@import|url\(/);
  });

  it("renders the same bytes in any time zone", async () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = "UTC";
      const utc = await renderChart(lineChart);
      process.env.TZ = "Pacific/Kiritimati";
      const far = await renderChart(lineChart);
      process.env.TZ = "America/Los_Angeles";
      expect(await renderChart(lineChart)).toBe(utc);
      expect(far).toBe(utc);
      expect(utc).toContain(">Jan 2026<");
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe("downsampling", () => {
  it("keeps short series daily and long ones to at most about 260 points of whole weeks", () => {
    expect(periodDays(200)).toBe(1);
    expect(periodDays(1096)).toBe(7);
    expect(periodDays(3653)).toBe(21);
    expect(Math.ceil(3653 / periodDays(3653))).toBeLessThanOrEqual(261);
  });

  it("keeps tonnes: each period's mean times its days adds up to the daily total", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 900 }), fc.integer({ min: 1, max: 30 }), (values, days) => {
        const means = periodMeans(values, days);
        expect(means.length).toBe(Math.ceil(values.length / days));
        const kept = means.reduce((sum, m, p) => sum + m * (Math.min(values.length, (p + 1) * days) - p * days), 0);
        const total = values.reduce((a, b) => a + b, 0);
        expect(Math.abs(kept - total)).toBeLessThanOrEqual(1e-9 * Math.max(1, total));
      }),
    );
  });
});

describe("histogram bins", () => {
  it("count every value once, each within its bin", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 500 }), (values) => {
        const bins = binValues(values);
        expect(bins.reduce((sum, [, , count]) => sum + count, 0)).toBe(values.length);
        for (const v of values) expect(bins.some(([from, to]) => v >= from && v <= to)).toBe(true);
      }),
    );
  });
});

describe("histogram charts", () => {
  it("draw each bar from zero up to its count", async () => {
    // 30 replicates in the lowest bin, one in each of the others: the first bar is 30 times the rest.
    const values = [...Array<number>(30).fill(0), ...Array.from({ length: 19 }, (_, i) => i + 1)];
    const html = await renderChart(histogramChart("AA metal", [{ title: "unmet demand", unit: "t", values }], values.length));
    const group = /class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/.exec(html)![1];
    const heights = [...group.matchAll(/d="M[\d.-]+,[\d.-]+h[\d.-]+v([\d.-]+)h/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(20);
    const tallest = Math.max(...heights);
    expect(tallest).toBeGreaterThan(100);
    for (const h of heights.filter((x) => x !== tallest)) expect(h / tallest).toBeCloseTo(1 / 30, 1);
  });
});

describe("event marks", () => {
  const scenario = loadScenario(FLAGSHIP);
  const spec = scenario.spec;

  it("mark the date a suspension runs out, unless a later suspension or extension of its controls came first", () => {
    const suspend = spec.events.find((e) => e.action.kind === "suspend");
    expect(suspend).toBeDefined();
    const realized = [{ id: suspend!.id, happened: true, date: "2025-11-07" }];
    const marks = eventMarks(realized, spec, "2026-01-01", "2028-12-31");
    const until = (suspend!.action as { untilEpochDay: number }).untilEpochDay;
    const date = new Date(until * 86_400_000).toISOString().slice(0, 10);
    const name = new DisplayNames(spec).words(suspend!.id);
    expect(marks.find((m) => m.date === date)?.label).toContain(`${name} ends`);
    // Not when the suspension did not happen, nor outside the reported period.
    expect(eventMarks([{ ...realized[0], happened: false }], spec, "2026-01-01", "2028-12-31").some((m) => m.label.includes(`${name} ends`))).toBe(false);
    expect(eventMarks(realized, spec, "2029-01-01", "2029-12-31").some((m) => m.label.includes(`${name} ends`))).toBe(false);
  });
});

describe("the run report", async () => {
  const scenario = loadScenario(FLAGSHIP);
  const run = simulate(scenario, { timeline: true });
  const ranked = rankShortfalls(run.kpis);
  const html = await renderRunReport(runReportInput(scenario, run, ranked, "npx chokepoint run scenarios/reinstated-2026.yaml --seed 20261110 --replicate 0", ["timeline.csv"]));

  it("ranks the worst shortfalls exactly as the terminal table does", () => {
    // Rows: share rank, tonnes rank, country, commodity.
    const terminal = renderShortfallTable(ranked, "2026-01-01")
      .split("\n")
      .filter((line) => /^\s*\d+\s+\d+\s/.test(line))
      .map((line) => line.trim().split(/\s+/).slice(0, 4).join(" "));
    const headline = html.slice(html.indexOf('<section id="worst">'), html.indexOf("</section>", html.indexOf('<section id="worst">')));
    const rows = [...headline.matchAll(/<tr><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => m.slice(1, 5).join(" "));
    expect(rows).toHaveLength(10);
    expect(rows).toEqual(terminal);
  });

  it("has a market chart per worst pair, with the flagship's reinstatement marked", () => {
    for (const { kpi } of ranked.slice(0, 10)) expect(html).toContain(`id="market-${kpi.country.toLowerCase()}-${kpi.commodity}"`);
    expect(html).toContain("2026-11-10 October 2025 package suspended ends");
    expect(html).toContain("2026-11-27 US ban suspended ends");
    // The marked dates stand in a table too.
    expect(html).toMatch(/<caption>The dates marked on the charts<\/caption>[^]*?<td>2026-11-10<\/td><td>October 2025 package suspended ends, US general licences ends/);
    expect(html).toContain("Price index (1 = the scenario");
    expect(html).toContain("Licences pending for this country, t");
    expect(html).toContain(scenario.question.replace(/'/g, "&#39;"));
    expect(html).toContain("npx chokepoint run scenarios/reinstated-2026.yaml --seed 20261110 --replicate 0");
    expect(html).toContain(`<dd>${run.summary.manifest.scenarioHash}</dd>`);
  });

  it("shows the allied refiners' gallium first: where it went, year by year, and how much was of Chinese origin", () => {
    expect(html).toContain(`<a href="#third-country">Controlled origin in third countries&#39; exports</a>`);
    const start = html.indexOf('<section id="third-country">');
    expect(start).toBeGreaterThan(-1);
    const section = html.slice(start, html.indexOf("</section>", start));
    // The first commodity's routes stand open, and it is gallium: the first the flagship's controls name with third-country content.
    const first = section.slice(section.indexOf("<details open>"), section.indexOf("</details>"));
    expect(first).toContain("<caption>Refined high-purity gallium: exports by countries other than China (CN), by route and year");
    expect(first).not.toContain("<tr><td>CN</td>");
    // Rows as the trade record has them (1 decimal: the column's largest figure is above 10 t).
    for (const [exporter, importer] of [["CA", "KR"], ["JP", "KR"], ["EU", "ROW"]]) {
      const f = run.trade.find((x) => x.year === 2026 && x.commodity === "gallium" && x.exporter === exporter && x.importer === importer)!;
      expect(f.controlledOriginTonnes).toBeGreaterThan(0);
      const share = `${formatNumber((f.controlledOriginTonnes / f.tonnes) * 100, 1)}%`;
      expect(first).toContain(`<tr><td>${exporter}</td><td>${importer}</td><td>2026</td><td class="num">${formatNumber(f.tonnes, 1)}</td><td class="num">${formatNumber(f.controlledOriginTonnes, 1)}</td><td class="num">${share}</td></tr>`);
    }
    expect(section).toMatch(/<tr><td>gallium<\/td><td class="num">[\d.]+<\/td><td class="num">[\d.]+<\/td><td class="num">[89]\d(\.\d)?%<\/td><td>CA [\d.]+, JP [\d.]+/);
  });

  it("loads nothing from anywhere and stays small enough to mail", () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=/i);
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`);
    expect(Buffer.byteLength(html)).toBeLessThan(2_000_000);
  });
});

describe("the sweep report", async () => {
  const scenario = loadScenario(TINY);
  const result = sweep(scenario, { runs: 30, swingRuns: 2, seed: 3 });
  const plan = result.plan;
  const sample: ReplicateSampleData = (() => {
    const kept = new ReplicateSample(plan);
    const runner = new ReplicateRunner([scenario], plan);
    const tally = new SweepTally(plan);
    for (let r = 0; r < plan.runs; r++) {
      const outcome = runner.run(r);
      kept.add(outcome);
      tally.add(outcome);
    }
    return kept.finish();
  })();
  const html = await renderSweepReport({ plan, statistics: result.statistics, sample, sensitivity: result.sensitivity });

  it("has a fan chart, the probability short by date, histograms, a tornado per headline KPI and the correlations", () => {
    expect(html).toContain('id="fan-aa-metal"');
    expect(html).toContain('id="p-short-by-date"');
    expect(html).toContain('id="histograms-aa-metal"');
    expect(html).toContain('id="histograms-all-pairs"');
    for (const h of result.sensitivity!.headlines) expect(html).toContain(`Tornado: ${h.label}`);
    expect(html).toContain('id="rank-correlations"');
    // The correlations are a result in their own right: their table stands open beside the chart.
    expect(html).toMatch(/id="rank-correlations"[^]*?<details open><summary>[^]*?<th scope="col" class="num">SRRC<\/th>/);
    expect(html).not.toMatch(/<script|<link|<img|src=/i);
  });

  it("is a pure function of the sweep: the same inputs give the same bytes", async () => {
    expect(await renderSweepReport({ plan, statistics: result.statistics, sample, sensitivity: result.sensitivity })).toBe(html);
  });

  it("is a compare report for a compare: the best alternative first", async () => {
    const big = loadScenario(TINY, { sets: ["name=big-reserve", "stockpiles.reserve.level=90 days"] });
    const none = loadScenario(TINY, { sets: ["name=no-reserve", "stockpiles.reserve.level=0 days"] });
    const compare = planSweep([scenario, none, big], { seed: 3, design: "mc", runs: 30, batch: 10, until: null, bandDays: 7 });
    const runner = new ReplicateRunner([scenario, none, big], compare);
    const tally = new SweepTally(compare);
    const kept = new ReplicateSample(compare);
    for (let r = 0; r < compare.runs; r++) {
      const outcome = runner.run(r);
      tally.add(outcome);
      kept.add(outcome);
    }
    const statistics = tally.finish();
    // The total over every pair: its mean paired difference is the sum of the countries' (a mean is linear).
    for (const o of statistics.overall.slice(1)) {
      const byCountry = statistics.differences.filter((d) => d.alternative === o.name && d.commodity === "all" && d.kpi === "unmetTonnes").reduce((sum, d) => sum + d.diffMean, 0);
      expect(o.difference!.mean).toBeCloseTo(byCountry, 9);
      expect(o.difference!.ciLow).toBeLessThanOrEqual(o.difference!.mean);
    }
    expect(statistics.overall[0].difference).toBeUndefined();
    const report = await renderSweepReport({ plan: compare, statistics, sample: kept.finish(), sensitivity: undefined });
    const ranking = report.slice(report.indexOf('<section id="ranking">'));
    // Best first, the base among the alternatives: by the mean of what the compare ranks on (tonnes here: the fixture has no prices).
    const rows = statistics.ranking!.rows;
    expect(statistics.ranking!.total).toBe("unmetTonnes");
    expect(rows.map((r) => r.name)).toEqual(["big-reserve", "tiny", "no-reserve"]);
    expect(rows.map((r) => r.mean)).toEqual(statistics.overall.map((o) => o.unmetTonnes.mean).sort((a, b) => a - b));
    const table = ranking.slice(0, ranking.indexOf("</table>"));
    expect(table.indexOf("big-reserve")).toBeGreaterThan(0);
    expect(table.indexOf("big-reserve")).toBeLessThan(table.indexOf("tiny (base)"));
    expect(table.indexOf("tiny (base)")).toBeLessThan(table.indexOf("no-reserve"));
    expect(ranking).toContain("Ranked by the mean unmet tonnes over every pair, not their value: metal has no reference price");
    expect(report).toContain('id="paired-differences"');
    expect(report).toContain('id="distribution-unmet-t-all-pairs"');
    // Every two alternatives, in ranking order, one row each.
    const between = report.slice(report.indexOf('<section id="between">'), report.indexOf("</section>", report.indexOf('<section id="between">')));
    expect([...between.matchAll(/<tr><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)].map((m) => [m[1], m[2]])).toEqual(statistics.ranking!.pairs.map((p) => [p.better, p.worse]));
    // The paired differences show only countries that move in some replicate (beyond rounding).
    const moving = new Set(statistics.differences.filter((d) => d.commodity === "all" && d.pBetter + d.pWorse > 0).map((d) => d.country));
    const figure = report.slice(report.indexOf('id="paired-differences"'), report.indexOf("</figure>", report.indexOf('id="paired-differences"')));
    const charted = [...figure.matchAll(/<tr><td>[^<]*<\/td><td>([^<]+)<\/td>/g)].map((m) => m[1]);
    expect(charted.length).toBeGreaterThan(0);
    expect(charted.filter((c) => !moving.has(c))).toEqual([]);
  });

  it("leaves out of the paired differences the countries that move in no replicate, and counts them", () => {
    const d = (alternative: string, country: string, baseMean: number, pBetter: number, pWorse: number) => ({ alternative, country, commodity: "all", kpi: "unmetTonnes", baseMean, alternativeMean: baseMean, diffMean: 0, diffCiLow: 0, diffCiHigh: 0, pBetter, pWorse });
    const statistics = { differences: [d("a", "US", 5, 0, 0), d("b", "US", 5, 0.2, 0), d("a", "JP", 3, 0, 0), d("b", "JP", 3, 0, 0), d("a", "KR", 0, 0, 0), d("b", "KR", 0, 0, 0)] } as unknown as SweepStatistics;
    // KR has nothing unmet anywhere: neither shown nor counted.
    expect(countriesThatMove(statistics)).toEqual({ moving: ["US"], still: ["JP"] });
  });
});
