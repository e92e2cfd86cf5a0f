/**
 * The reports in a real browser: Debian's Chromium, headless, driven by playwright-core, opens
 * a run's, a sweep's and a compare's report.html from file:// (as a person opens an e-mail
 * attachment) with the network closed to it. Each must load with no console error, make no
 * request at all beyond its own file, and show its charts with marks drawn; a screenshot of
 * each lands in test-output/.
 *
 * .ci/run installs Chromium; without it (a developer machine) the test says so and is skipped,
 * except under CI, where it fails.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const CHROMIUM = "/usr/bin/chromium";
const SHOTS = path.join(ROOT, "test-output");
const hasChromium = existsSync(CHROMIUM);
const isCi = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";

if (!hasChromium && isCi) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium for this test`);
if (!hasChromium) console.warn(`browser test skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);

const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-browser-"));
let browser: BrowserContext | undefined;

function chokepoint(args: readonly string[]): void {
  execFileSync(process.execPath, [CLI, ...args, "--quiet"], { cwd: scratch, env: { ...process.env, CI: "1" }, stdio: ["ignore", "ignore", "inherit"] });
}

beforeAll(async () => {
  if (!hasChromium) return;
  mkdirSync(SHOTS, { recursive: true });
  chokepoint(["run", path.join(ROOT, "scenarios/reinstated-2026.yaml"), "--out", path.join(scratch, "run")]);
  chokepoint(["sweep", TINY, "--runs", "40", "--swing-runs", "3", "--out", path.join(scratch, "sweep")]);
  chokepoint(["backtest", "--runs", "3", "--out", path.join(scratch, "backtest")]);
  // Priced, so the compare ranks on the value of unmet demand.
  chokepoint(["compare", TINY, "--alt", "big-reserve=stockpiles.reserve.level=90 days", "--alt", "no-reserve=stockpiles.reserve.level=0 days", "--set", "commodities.metal.referencePrice={price: 1000 US$/t}", "--runs", "30", "--out", path.join(scratch, "compare")]);
  // A fresh, empty profile (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(path.join(scratch, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1000, height: 1400 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Chart ids every report of a kind must show. */
const EXPECTED: Record<string, readonly string[]> = {
  run: ["market-us-gallium", "suppliers-us-gallium", "market-us-antimony"],
  sweep: ["fan-aa-metal", "p-short-by-date", "histograms-all-pairs", "histograms-aa-metal", "tornado-unmet-t-all-pairs", "rank-correlations"],
  compare: ["distribution-unmet-t-all-pairs", "paired-differences"],
  backtest: ["fan-graphite-flake-2023", "fan-gallium-2023", "fan-magnets-2025", "fan-antimony-price-2024", "fan-rare-earths-2010-recovery"],
};

describe.skipIf(!hasChromium)("reports in a real browser", () => {
  for (const kind of ["run", "sweep", "compare", "backtest"] as const) {
    it(`the ${kind} report loads offline with no errors, no requests, and its charts drawn`, async () => {
      const file = path.join(scratch, kind, "report.html");
      const url = pathToFileURL(file).href;
      const page = await browser!.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning") errors.push(`${message.type()}: ${message.text()}`);
      });
      page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
      page.on("request", (request) => {
        if (request.url() !== url) requests.push(request.url());
      });
      const response = await page.goto(url, { waitUntil: "load" });
      expect(response === null || response.ok()).toBe(true);
      expect(await page.title()).toMatch(new RegExp(`chokepoint ${kind} report$`));

      const charts = await page.$$eval("figure.chart", (figures) =>
        figures.map((figure) => {
          const svg = figure.querySelector("svg");
          const box = svg?.getBoundingClientRect();
          // Marks: Vega's mark groups (not axes, legends or titles) holding a drawn shape.
          const marks = [...figure.querySelectorAll("g.role-mark > path, g.role-mark > line, g.role-mark > text, g.role-mark > g > path")].filter((shape) => {
            const d = shape.getAttribute("d");
            return d === null ? shape.tagName !== "path" : d !== "" && d !== "M0,0Z";
          });
          return { id: figure.id, width: box?.width ?? 0, height: box?.height ?? 0, label: svg?.getAttribute("aria-label") ?? "", marks: marks.length, rows: figure.querySelectorAll("details table tbody tr").length };
        }),
      );
      for (const id of EXPECTED[kind]) {
        const chart = charts.find((c) => c.id === id);
        expect(chart, `${kind} report has chart ${id}: ${charts.map((c) => c.id).join(", ")}`).toBeDefined();
      }
      for (const chart of charts) {
        expect(chart.marks, `${chart.id} draws marks`).toBeGreaterThan(0);
        expect(chart.width, `${chart.id} has a size`).toBeGreaterThan(100);
        expect(chart.height).toBeGreaterThan(50);
        expect(chart.label.length, `${chart.id} has a description`).toBeGreaterThan(20);
        expect(chart.rows, `${chart.id} has its numbers in a table`).toBeGreaterThan(0);
      }
      if (kind === "run") {
        // Third countries' gallium shows open (issue 17), its rows those of trade.csv beside the report.
        const rows = await page.$$eval("section#third-country details[open] tbody tr", (trs) => trs.filter((tr) => tr.getBoundingClientRect().height > 0).map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
        const trade = readFileSync(path.join(scratch, kind, "trade.csv"), "utf8").trim().split("\n").slice(1).map((line) => line.split(","));
        const canadaToKorea = trade.find(([year, commodity, exporter, importer]) => year === "2026" && commodity === "gallium" && exporter === "CA" && importer === "KR")!;
        const shown = rows.find((r) => r[0] === "CA" && r[1] === "KR" && r[2] === "2026")!;
        expect(Number(shown[3])).toBeCloseTo(Number(canadaToKorea[4]), 1);
        expect(Number(shown[4])).toBeCloseTo(Number(canadaToKorea[5]), 1);
        expect(Number(shown[4])).toBeGreaterThan(0);
        expect(rows.some((r) => r[0] === "JP")).toBe(true);
        expect(rows.some((r) => r[0] === "CN")).toBe(false);
      }
      if (kind === "sweep") {
        // What drives the shortfalls comes right after who runs short, before the fan charts (issue 20).
        // The page is not scrolled yet: a section's top is its distance from the page's top.
        const top = (id: string) => page.$eval(`section#${id}`, (section) => section.getBoundingClientRect().top);
        const [headline, sensitivity, fans] = [await top("headline"), await top("sensitivity"), await top("fans")];
        expect(headline).toBeLessThan(sensitivity);
        expect(sensitivity).toBeLessThan(fans);
        expect(sensitivity).toBeLessThan(1400);
      }
      if (kind === "compare") {
        // The alternatives and the policy table lead the report (issue 19): the policy table's rows are summary.json's policies, best first, on the first screen.
        const summary = JSON.parse(readFileSync(path.join(scratch, kind, "summary.json"), "utf8")) as { policies: { alternative: string; tiedWithBest: boolean }[]; ranking: { total: string } };
        expect(summary.ranking.total).toBe("unmetValue");
        const rows = await page.$$eval("section#ranking table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td, th")].map((cell) => cell.textContent ?? "")));
        expect(rows.map((r) => r[0].replace(" (base)", ""))).toEqual(summary.policies.map((p) => p.alternative));
        expect(rows.map((r) => r[r.length - 1])).toEqual(summary.policies.map((p) => (p.tiedWithBest ? "tied with best" : "worse")));
        expect(rows[0][1]).toMatch(/^US\$/);
        expect(await page.$eval("section#ranking", (section) => section.getBoundingClientRect().top)).toBeLessThan(1400);
        expect(await page.$$eval("section#alternatives li", (items) => items.length)).toBe(3);
        expect(await page.title()).toMatch(/^2 alternatives to /);
      }
      await page.screenshot({ path: path.join(SHOTS, `${kind}-report.png`), fullPage: false });
      await page.close();
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    }, 120_000);
  }
});
