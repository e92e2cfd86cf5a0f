/**
 * Messages about what a new user writes: each says what was written and what the field takes,
 * in the format's words (not the unit parser's), with the nearest key suggested for a swap of
 * two letters as for a dropped one; values that cannot be numbers, "__proto__" keys and --set
 * arguments the overlay would drop are refused, located, instead of read wrongly or ignored.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, memoryFileSource, parseQuantity, parseScenario, suggestion } from "../../src/scenario/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const minimal = readFileSync(path.join(ROOT, "tests/fixtures/good/minimal.yaml"), "utf8");

function issuesOf(text: string, sets: string[] = []): string[] {
  const result = parseScenario("s.yaml", memoryFileSource({ "s.yaml": text }), { sets });
  return result.ok ? [] : result.issues.map(formatIssue);
}

const reserve = (fields: string) => `stockpiles:\n  r: { country: US, commodity: gallium, ${fields} }\n`;

describe("quantities", () => {
  it('"5 tons" on a reserve level (tonnes or days of cover) gives mass examples, not durations', () => {
    expect(issuesOf(minimal + reserve("level: 5 tons"))).toEqual([
      's.yaml:21:48 stockpiles.r.level: must be tonnes ("500 t") or days of cover ("60 days"): "5 tons": "tons" is ambiguous (a US short ton is 0.907 t, a long ton 1.016 t); write "t" for the metric tonne, such as "750 kg" or "1.2 kt"',
    ]);
  });

  it('"t per year" is told to write "/", without the unit parser\'s own message', () => {
    expect(parseQuantity("20 t per year", "rate")).toEqual({ ok: false, message: '"20 t per year" is not a quantity: write "/" for "per", such as "270 kt/yr" or "2 t/day"' });
    expect(parseQuantity("5 furlongs", "duration")).toEqual({
      ok: false,
      message: '"5 furlongs" is not a quantity: "furlongs" is not a known unit; write one such as "60 days", "2 months" or "45 working days"',
    });
    for (const text of ["20 t per year", "5 tonnez", "3 dayz/yr"]) {
      const parsed = parseQuantity(text, "rate");
      expect(!parsed.ok && parsed.message, text).not.toMatch(/not found|Unit "/);
    }
  });
});

describe("did you mean", () => {
  it("suggests the key for two swapped letters as for a dropped one", () => {
    expect(suggestion("levle", ["country", "commodity", "level", "floor"])).toBe('; did you mean "level"?');
    expect(suggestion("comodity", ["country", "commodity", "level", "floor"])).toBe('; did you mean "commodity"?');
    expect(suggestion("strat", ["start", "end"])).toBe('; did you mean "start"?');
    expect(suggestion("zzzzz", ["level"])).toBe("");
    expect(issuesOf(minimal + reserve("levle: 5 t")).filter((line) => line.includes("levle"))).toEqual([
      's.yaml:21:41 stockpiles.r.levle: unknown key "levle"; did you mean "level"? (allowed: country, commodity, members, level, floor, maxRelease, refill, target, release, serves, refillPriceCeiling, holdingCost, tags, source, note)',
    ]);
  });
});

describe("numbers that are not finite", () => {
  it.each([
    [".nan", ".nan is not a number; write a number, or a quantity with a unit"],
    [".NaN", ".NaN is not a number; write a number, or a quantity with a unit"],
    [".inf", ".inf is infinite; write a finite number"],
    ["-.inf", "-.inf is infinite; write a finite number"],
    ["1e400", "1e400 is too large: it overflows to infinity; write a finite number"],
  ])("%s is reported as written, located", (written, message) => {
    expect(issuesOf(minimal.replace("demand: 20 t/yr", `demand: ${written}`))).toEqual([`s.yaml:18:15 markets.US.gallium.demand: ${message}`]);
  });

  it("in a JSON file and a --set value too", () => {
    const json = JSON.stringify({ start: "2025-01-01", end: "2025-12-31", commodities: { g: {} }, countries: { US: {} }, seed: 1 }).replace('"seed":1', '"seed":1e400');
    const result = parseScenario("s.json", memoryFileSource({ "s.json": json }));
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual(["s.json:1:94 seed: 1e400 is too large: it overflows to infinity; write a finite number"]);
    expect(issuesOf(minimal, ["markets.US.gallium.demand=.inf"])).toEqual(["--set markets.US.gallium.demand=.inf:1:27 markets.US.gallium.demand: .inf is infinite; write a finite number"]);
  });
});

describe('"__proto__" keys', () => {
  it("are refused, located, where a mapping of ids or free keys would drop them silently", () => {
    expect(issuesOf(`${minimal}sources:\n  __proto__: USGS\n`)).toEqual([
      "s.yaml:21:3 sources.__proto__: key \"__proto__\" is not allowed: JavaScript reads it as an object's prototype, so the entry would be lost",
    ]);
    const licensing = "controls:\n  l: { measure: licensing, exporter: CN, commodities: [gallium], processingTime: 45 days, approval: { __proto__: 50%, default: 90% } }\n";
    expect(issuesOf(minimal + licensing)).toEqual([
      "s.yaml:21:103 controls.l.approval.__proto__: key \"__proto__\" is not allowed: JavaScript reads it as an object's prototype, so the entry would be lost",
    ]);
    expect(issuesOf(minimal.replace("facilities:", "facilities:\n  __proto__: { country: CN, capacity: 1 t/yr, outputs: { gallium: 1 } }"))).toEqual([
      "s.yaml:11:3 facilities.__proto__: key \"__proto__\" is not allowed: JavaScript reads it as an object's prototype, so the entry would be lost",
    ]);
  });

  it("are refused in a --set path", () => {
    expect(issuesOf(minimal, ["sources.__proto__=x"])).toEqual(['--set sources.__proto__=x:1:1: "__proto__" is not a key of any scenario']);
  });
});

describe("--set arguments the overlay would drop", () => {
  it("refuses extends: bases are composed before any --set applies", () => {
    expect(issuesOf(minimal, ["extends=chokepoint:reinstated-2026"])).toEqual([
      "--set extends=chokepoint:reinstated-2026:1:1: extends cannot be set: --set changes values after the files are composed; name a base in a file's extends: instead",
    ]);
  });

  it("refuses a value with a line break, at the break", () => {
    expect(issuesOf(minimal, ["markets.US.gallium.demand=30 t/yr\nseed: 7"])).toEqual([
      "--set markets.US.gallium.demand=30 t/yr\\nseed: 7:1:34: must be on one line: the line break here would start a second entry, which --set does not take; give each change its own --set",
    ]);
  });
});
