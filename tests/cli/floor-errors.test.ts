/**
 * A bad price floor at the command line: `validate` exits 2 and names each bad field as
 * `FILE:LINE:COL path: message` on stderr, with no stack trace: a floor without a market
 * response, a floor on a commodity without a reference price, an unknown payer, an unknown facility, dates out of order, a tariff with no
 * members, a price that is not per mass. Runs the built CLI (dist/).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const dir = mkdtempSync(path.join(tmpdir(), "floor-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const minimal = readFileSync(path.join(ROOT, "tests/fixtures/good/minimal.yaml"), "utf8");
/** The minimal scenario with a market response (a floor acts through it). */
const responding = minimal + "response: {}\n";

function validate(name: string, text: string): { status: number | null; lines: string[]; stderr: string } {
  writeFileSync(path.join(dir, name), text);
  const result = spawnSync(process.execPath, [CLI, "validate", name], { cwd: dir, encoding: "utf8", timeout: 30_000 });
  return { status: result.status, lines: result.stderr.trim().split("\n"), stderr: result.stderr };
}

describe("validate with a bad price floor", () => {
  it("refuses a floor in a world without a market response", () => {
    const result = validate("no-response.yaml", minimal + "floors:\n  off: { commodity: gallium, price: 800 US$/kg, paidBy: government, facilities: [cn-gallium], from: 2025-01-01 }\n");
    expect(result.status).toBe(2);
    expect(result.lines).toEqual(["no-response.yaml:21:21 floors.off.commodity: a price floor acts through the market response, and the scenario has no `response` section", "1 of 1 file invalid"]);
  });

  it("refuses a floor on a commodity without a reference price, and an unknown payer", () => {
    const result = validate(
      "no-price.yaml",
      responding +
        "floors:\n" +
        "  no-price: { commodity: gallium, price: 800 US$/kg, paidBy: government, facilities: [cn-gallium], from: 2025-01-01 }\n" +
        "  bad-payer: { commodity: gallium, price: 800 US$/kg, paidBy: subsidy, facilities: [cn-gallium], from: 2025-01-01 }\n",
    );
    expect(result.status).toBe(2);
    expect(result.lines).toEqual([
      'no-price.yaml:22:42 floors.no-price.price: a floor needs a reference price for "gallium" to read its price against: set commodities.gallium.referencePrice',
      'no-price.yaml:23:63 floors.bad-payer.paidBy: must be one of: government, tariff, got "subsidy"',
      "1 of 1 file invalid",
    ]);
    expect(result.stderr).not.toMatch(/ at .*\.js:\d+/); // no stack trace
  });

  it("names an unknown facility, dates out of order, a tariff without members and a price not per mass", () => {
    const priced = responding.replace("  gallium: { name: Gallium, stage: refined }", "  gallium: { name: Gallium, stage: refined, referencePrice: { price: 500 US$/kg } }");
    const result = validate(
      "floors.yaml",
      priced +
        "floors:\n" +
        "  typo: { commodity: gallium, price: 800 US$/kg, paidBy: government, facilities: [cn-galium], from: 2025-06-01, until: 2025-01-01 }\n" +
        "  tariff: { commodity: gallium, price: 800 US$/kg, paidBy: tariff, from: 2025-01-01 }\n" +
        "  price: { commodity: gallium, price: 800 US$, paidBy: tariff, countries: [US], from: 2025-01-01 }\n",
    );
    expect(result.status).toBe(2);
    expect(result.lines).toEqual([
      'floors.yaml:22:83 floors.typo.facilities[0]: unknown facility "cn-galium"; did you mean "cn-gallium"?',
      "floors.yaml:22:120 floors.typo.until: must not be before from",
      "floors.yaml:23:11 floors.tariff.countries: a tariff floor must name its member countries",
      'floors.yaml:24:39 floors.price.price: "800 US$" is not a price: write US dollars per mass, such as "56 US$/kg", "US$9.50/lb" or "14,000 US$/t"',
      "1 of 1 file invalid",
    ]);
  });
});
