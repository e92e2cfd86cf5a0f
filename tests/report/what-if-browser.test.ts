/**
 * The run report's what-if section in a real browser (as browser.test.ts opens the reports:
 * Debian's Chromium, headless, driven by playwright-core, from file:// with nothing else to
 * load): `run FILE --set ... --vs FILE` shows the overrides on its title line and the pairs
 * the change moved first, one row each as summary.json lists them; an identical what-if says
 * "No difference". A screenshot lands in test-output/.
 *
 * .ci/run installs Chromium; without it (a developer machine) the test says so and is skipped,
 * except under CI, where it fails.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const BAN = path.join(ROOT, "tests/fixtures/what-if/suspended-ban.yaml");
const SET = "events.ban-suspended.until=2025-04-01";
const CHROMIUM = "/usr/bin/chromium";
const SHOTS = path.join(ROOT, "test-output");
const hasChromium = existsSync(CHROMIUM);
const isCi = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";

if (!hasChromium && isCi) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium for this test`);
if (!hasChromium) console.warn(`what-if browser test skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);

const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-what-if-browser-"));
let browser: BrowserContext | undefined;

function chokepoint(args: readonly string[]): void {
  execFileSync(process.execPath, [CLI, ...args, "--quiet"], { cwd: scratch, stdio: ["ignore", "ignore", "inherit"] });
}

beforeAll(async () => {
  if (!hasChromium) return;
  mkdirSync(SHOTS, { recursive: true });
  chokepoint(["run", BAN, "--set", SET, "--vs", BAN, "--out", path.join(scratch, "changed")]);
  chokepoint(["run", BAN, "--vs", BAN, "--out", path.join(scratch, "same")]);
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

/** Opens a report offline, collecting console errors and requests beyond its own file. */
async function open(name: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const url = pathToFileURL(path.join(scratch, name, "report.html")).href;
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
  return { page, errors, requests };
}

describe.skipIf(!hasChromium)("the what-if section in a real browser", () => {
  it("shows the overrides on the title line and the moved pairs first, as summary.json lists them", async () => {
    const { page, errors, requests } = await open("changed");
    expect(await page.textContent("h1")).toBe(`A suspended ban that lapses (what-if: ${SET})`);
    // The section is the first of the contents and of the page, above the worst shortfalls, in the first screen.
    expect(await page.$$eval("nav a", (links) => links.slice(0, 2).map((a) => a.getAttribute("href")))).toEqual(["#what-if", "#worst"]);
    const top = (id: string) => page.$eval(`section#${id}`, (section) => section.getBoundingClientRect().top);
    const [whatIf, worst] = [await top("what-if"), await top("worst")];
    expect(whatIf).toBeLessThan(worst);
    expect(whatIf).toBeLessThan(1400);
    expect(await page.isVisible("section#what-if table")).toBe(true);
    const rows = await page.$$eval("section#what-if table tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
    const summary = JSON.parse(readFileSync(path.join(scratch, "changed", "summary.json"), "utf8"));
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual(summary.whatIf.pairs.map((p: { country: string; commodity: string }) => [p.country, p.commodity, "worse"]));
    expect(rows[0]).toEqual(["AA", "metal", "worse", "29.7", "99.6", "+69.9", "37", "122", "2025-11-25", "2025-09-01"]);
    // The figures' cells are the numeric (right-aligned) ones.
    expect(await page.$$eval("section#what-if tbody tr:first-child td", (tds) => tds.map((td) => td.className === "num"))).toEqual([false, false, false, true, true, true, true, true, false, false]);
    await page.screenshot({ path: path.join(SHOTS, "what-if-report.png"), fullPage: false });
    await page.close();
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 120_000);

  it("says 'No difference' for an identical what-if, with no table", async () => {
    const { page, errors, requests } = await open("same");
    expect(await page.textContent("h1")).toBe("A suspended ban that lapses");
    expect(await page.textContent("section#what-if p")).toMatch(/^No difference against suspended-ban/);
    expect(await page.$$("section#what-if table")).toHaveLength(0);
    await page.close();
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 120_000);
});
