/**
 * How the flagship's run report reads: axis labels that tell a small market's figures apart,
 * one colour per exporter across every "who supplied it" chart, names instead of ids in
 * headings, legends and event labels, a shortage carried into the period said to be one (in a
 * harsher what-if of the flagship), and
 * the large tonnages of a small share among the worst shortfalls (in the terminal table too).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, simulate } from "../../src/index.js";
import { rankShortfalls, renderRunReport, renderShortfallTable, runReportInput } from "../../src/report/index.js";
import { renderChart } from "../../src/report/html/chart.js";
import { COUNTRY_PALETTE } from "../../src/report/html/palette.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FLAGSHIP = path.join(ROOT, "scenarios/reinstated-2026.yaml");

/** The figure with id `id` in `html`. */
function figure(html: string, id: string): string {
  const at = html.indexOf(`<figure class="chart" id="${id}"`);
  expect(at, `figure ${id}`).toBeGreaterThan(0);
  return html.slice(at, html.indexOf("</figure>", at));
}

/** The tick labels of the first axis drawn in `svg`. */
function firstAxisLabels(svg: string): string[] {
  const group = /class="mark-text role-axis-label[^"]*"[^>]*>(.*?)<\/g>/.exec(svg)![1];
  return [...group.matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1]);
}

/** Legend entries of a figure: label and colour. */
function legend(svg: string): [string, string][] {
  return [...svg.matchAll(/role-legend-symbol"[^>]*><path[^>]* fill="(#[0-9A-Fa-f]{6})"[^>]*\/><\/g><g class="mark-text role-legend-label"[^>]*><text[^>]*>([^<]+)<\/text>/g)].map((m) => [m[2], m[1]]);
}

describe("axis labels", () => {
  it("keep the digits of small values (coordinates are shortened, text is not)", async () => {
    const html = await renderChart({
      id: "tiny",
      title: "tiny",
      description: "a few kilograms a day",
      spec: { $schema: "https://vega.github.io/schema/vega-lite/v6.json", width: 200, height: 100, data: { values: [0, 1, 2, 3].map((d) => ({ d, t: 0.0021 * d })) }, mark: "line", encoding: { x: { field: "d", type: "quantitative" }, y: { field: "t", type: "quantitative" } } } as never,
      table: { columns: ["t"], rows: [] },
    });
    const labels = firstAxisLabels(html.slice(html.indexOf("role-axis-label", html.indexOf("role-axis-label") + 1) - 200));
    expect(labels).toContain("0.002");
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe("the flagship's run report", async () => {
  const scenario = loadScenario(FLAGSHIP);
  const run = simulate(scenario, { timeline: true });
  const ranked = rankShortfalls(run.kpis);
  const html = await renderRunReport(runReportInput(scenario, run, ranked, "npx chokepoint run", []));
  const figures = [...html.matchAll(/<figure class="chart" id="(suppliers-[a-z0-9-]+)"/g)].map((m) => m[1]);

  it("labels the y axis of a market of a few tens of kilograms a day with distinct non-zero figures", () => {
    const labels = firstAxisLabels(figure(html, "market-row-dy-oxide"));
    expect(labels.length).toBeGreaterThan(2);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.filter((l) => Number(l) > 0).length).toBe(labels.length - 1);
    // Its table too: demand of about 0.0274 t/day is not rounded to 0.03.
    expect(figure(html, "market-row-dy-oxide")).toMatch(/<td class="num">0\.0274<\/td>/);
  });

  it("gives each exporter one colour in every supplier chart, China the palette's first", () => {
    expect(figures.length).toBeGreaterThan(5);
    const seen = new Map<string, Set<string>>();
    for (const id of figures) {
      const entries = legend(figure(html, id));
      expect(entries.length, id).toBeGreaterThan(0);
      // Within a chart, no two exporters share a colour.
      expect(new Set(entries.map(([, colour]) => colour)).size, id).toBe(entries.length);
      for (const [label, colour] of entries) seen.set(label, (seen.get(label) ?? new Set()).add(colour));
    }
    for (const [label, colours] of seen) expect([...colours], label).toHaveLength(1);
    expect([...seen.get("China")!]).toEqual([COUNTRY_PALETTE[0]]);
    expect(seen.size).toBeGreaterThan(4);
  });

  it("names countries, commodities and events, not their ids", () => {
    expect(html).toContain("<h2>United States \u2013 Refined high-purity gallium (US gallium)</h2>");
    expect(figure(html, "market-us-gallium")).toContain("<figcaption>United States \u2013 Refined high-purity gallium: demand, consumption and shortfall</figcaption>");
    expect(legend(figure(html, "suppliers-us-gallium")).map(([label]) => label)).toContain("China");
    expect(html).toContain("2026-11-10 October 2025 package suspended ends, US general licences ends");
    expect(html).toContain("2026-11-27 US ban suspended ends");
    // Ids stand only beside the names in the table of scripted events.
    expect(html.slice(0, html.indexOf('<section id="events">'))).not.toMatch(/october-package-suspended|us-ban-suspended/);
    expect(html).toContain("<tr><td>October 2025 package suspended</td><td>october-package-suspended</td><td>yes</td><td>2025-11-07</td></tr>");
  });

  it("ranks Korea's graphite anode (over 900 t unmet, about 1% of demand) among the ten worst by its tonnes, in the report and the terminal", () => {
    const kr = ranked.find((r) => r.kpi.country === "KR" && r.kpi.commodity === "graphite-anode");
    expect(kr!.kpi.unmetTonnes).toBeGreaterThan(900);
    expect(kr!.kpi.unmetTonnes / kr!.kpi.demandTonnes).toBeLessThan(0.02);
    expect(ranked.slice(0, 10).map((r) => `${r.kpi.country} ${r.kpi.commodity}`)).toContain("KR graphite-anode");
    expect(html).toContain('id="market-kr-graphite-anode"');
    // Its share rank is far down; its tonnes rank (a single digit) brings it in.
    expect(renderShortfallTable(ranked, "2026-01-01")).toMatch(/^\s+\d{2}\s+\d\s+KR\s+graphite-anode\s/m);
  });
});

describe("a run report with shortages carried into the period", async () => {
  // The flagship with every case-by-case grant at a quarter of the tonnes asked: several pairs
  // (graphite anode material, antimony) are already short on the period's first day.
  const scenario = loadScenario(FLAGSHIP, { sets: ["controls[tag=case-by-case-licensing].approvedQuantity=25%"] });
  const run = simulate(scenario, { timeline: true });
  const ranked = rankShortfalls(run.kpis);
  const html = await renderRunReport(runReportInput(scenario, run, ranked, "npx chokepoint run", []));
  const shown = ranked.slice(0, 10).map((r) => r.kpi);
  const slug = (k: { country: string; commodity: string }) => `${k.country.toLowerCase()}-${k.commodity}`;

  it("says of a pair short on 2026-01-01 that it was already short when the period began, and of the others their first day", () => {
    const atStart = shown.filter((k) => k.firstShortfallDate === "2026-01-01");
    const later = shown.filter((k) => k.firstShortfallDate !== null && k.firstShortfallDate > "2026-01-01");
    expect(atStart.length).toBeGreaterThan(0);
    expect(later.length).toBeGreaterThan(0);
    for (const k of atStart) {
      const section = html.slice(html.indexOf(`<section id="pair-${slug(k)}">`));
      expect(section, slug(k)).toMatch(new RegExp(`^<section id="pair-${slug(k)}">\\n<h2>[^<]*</h2>\\n<p>Already short when the period began \\(2026-01-01\\); `));
      expect(html).toContain(`<td>${k.country}</td><td>${k.commodity}</td><td>at start</td>`);
      expect(renderShortfallTable(ranked, "2026-01-01")).toMatch(new RegExp(`${k.country}\\s+${k.commodity}\\s+at start\\s`));
    }
    for (const k of later) {
      expect(html, slug(k)).toMatch(new RegExp(`<section id="pair-${slug(k)}">\\n<h2>[^<]*</h2>\\n<p>First short ${k.firstShortfallDate}; `));
    }
    expect(html).toContain("at start: already short when the period began (2026-01-01): the shortage started then or before.");
  });
});
