/**
 * Tolerances have one home: the files that once wrote them out as literals (issue 15) name them
 * from tolerance.ts (or, for "a short day", from daily-record.ts), and the sweep's bins use the
 * model's thresholds, so that a band's "not short" and "empty" are the KPIs' to the last bit.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EMPTY_TONNES, SHORT_DAY_SHARE } from "../../src/model/index.js";
import { ROUNDING_SHARE, SHARE_TOLERANCE } from "../../src/model/tolerance.js";
import { shareBin, stockBin } from "../../src/sweep/band-bins.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The file's code without its comments. */
function code(file: string): string {
  return readFileSync(path.join(ROOT, file), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "");
}

/** Literals such as 1e-9 that are not the value of a named constant (`const NAME = 1e-9`). */
function bareTolerances(file: string): string[] {
  return code(file)
    .split("\n")
    .filter((line) => /\b\d+(\.\d+)?e-\d+\b/.test(line) && !/^\s*(export )?const [A-Z_]+ = [\d.e-]+;\s*$/.test(line))
    .map((line) => line.trim());
}

describe("tolerances", () => {
  it.each([
    "src/model/daily-record.ts",
    "src/model/licence-office.ts",
    "src/model/origin-content.ts",
    "src/model/control-screen.ts",
    "src/model/measures/quota.ts",
    "src/model/measures/ban.ts",
    "src/model/measures/licensing.ts",
    "src/model/measures/measure.ts",
    "src/sweep/band-bins.ts",
  ])("%s writes no tolerance as a bare literal", (file) => {
    expect(bareTolerances(file)).toEqual([]);
  });

  it("keeps the values the model was built with", () => {
    expect([EMPTY_TONNES, ROUNDING_SHARE, SHARE_TOLERANCE, SHORT_DAY_SHARE]).toEqual([1e-9, 1e-9, 1e-12, 1e-6]);
  });

  it("bins a share as not short exactly where the KPIs stop counting a short day", () => {
    expect(shareBin(SHORT_DAY_SHARE)).toBe(0);
    expect(shareBin(SHORT_DAY_SHARE * (1 + 1e-9))).toBe(1);
  });

  it("bins a stock as empty exactly where the model counts it empty", () => {
    expect(stockBin(EMPTY_TONNES)).toBe(0);
    expect(stockBin(EMPTY_TONNES * (1 + 1e-9))).toBeGreaterThan(0);
  });
});
