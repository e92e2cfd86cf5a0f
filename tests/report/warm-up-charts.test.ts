/**
 * The warm-up charts the chart thread draws before a run report's charts come: they are the
 * report's kinds (a market chart with every panel, a supplier chart) and Vega draws them. The
 * thread throws their drawings and failures away, so a warm-up that stopped drawing would only
 * show as a slower `chokepoint run`: this test is where it shows.
 */
import { describe, expect, it } from "vitest";
import { renderChart } from "../../src/report/html/chart.js";
import { warmUpCharts } from "../../src/report/index.js";

describe("warm-up charts", () => {
  it("are a market chart with every panel and a supplier chart, and draw", async () => {
    const charts = warmUpCharts();
    expect(charts).toHaveLength(2);
    const [market, suppliers] = charts;
    expect(market.table.columns).toEqual(["period from", "demand t/day", "consumed t/day", "unmet t/day", "given up t/day", "inventory t", "stockpile t", "price index", "pending t"]);
    expect(suppliers.table.rows.length).toBeGreaterThan(0);
    for (const chart of charts) {
      const figure = await renderChart(chart);
      expect(figure).toContain("<svg ");
      expect(figure).toContain("</svg>");
    }
  });

  it("are the same every time", () => {
    expect(JSON.stringify(warmUpCharts())).toBe(JSON.stringify(warmUpCharts()));
  });
});
