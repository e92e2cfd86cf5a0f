/**
 * Input limits: each bound is enforced at its field with a message naming the rule, and each is
 * written in the format docs, so that docs, schema and validation can never disagree.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, LIMITS, memoryFileSource, parseScenario, parseQuantity, scenarioJsonSchema } from "../../src/scenario/index.js";
import { nameFromFile } from "../../src/scenario/load-scenario.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const minimal = readFileSync(path.join(ROOT, "tests/fixtures/good/minimal.yaml"), "utf8");

function issuesOf(text: string, file = "s.yaml"): string[] {
  const result = parseScenario(file, memoryFileSource({ [file]: text }));
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe("input limits", () => {
  it.each([
    ["capacity: 600 t/yr", "capacity: 2e10 t/yr", "facilities.cn-gallium.capacity: must be at most 10 Gt/yr (1e10 t/yr), got \"2e10 t/yr\""],
    ["demand: 20 t/yr", "demand: 1e11", "markets.US.gallium.demand: must be at most 10 Gt/yr (1e10 t/yr), got 100000000000"],
    ["outputs: { gallium: 1 }", "outputs: { gallium: 2e6 }", "facilities.cn-gallium.outputs.gallium: must be at most 1,000,000 t per t of throughput"],
    ["outputs: { gallium: 1 }", "outputs: { gallium: 1 }\n    outages: { perYear: 400, duration: 3 days }", "facilities.cn-gallium.outages.perYear: must be at most 365 a year"],
    ["start:", "warmUp: 3654 days\nstart:", "warmUp: must be at most 10 years (3,653 days), got \"3654 days\""],
    ["start:", "trade: { orderInterval: 12 hours }\nstart:", "trade.orderInterval: must be at least 1 day and at most 366 days, got \"12 hours\""],
    ["start:", "trade: { transit: 3 yr }\nstart:", "trade.transit: must be at most 2 years (730 days), got \"3 yr\""],
    ["start:", "seed: 1e300\nstart:", "seed: must be an integer of at most 15 digits (a safe integer)"],
  ])("%s -> %s is refused", (from, to, message) => {
    const issues = issuesOf(minimal.replace(from, to));
    expect(issues.some((i) => i.endsWith(message) || i.includes(`${message},`) || i.includes(message)), issues.join("\n")).toBe(true);
  });

  it("accepts values at the limits", () => {
    const text = minimal.replace("capacity: 600 t/yr", "capacity: 1e10 t/yr").replace("start:", "warmUp: 3653 days\ntrade: { orderInterval: 1 day, transit: 730 days }\nstart:");
    expect(issuesOf(text)).toEqual([]);
  });

  it("states every limit in the format docs and the JSON Schema", () => {
    const docs = readFileSync(path.join(ROOT, "docs/scenario-format.md"), "utf8");
    const schema = JSON.stringify(scenarioJsonSchema());
    for (const [name, limit] of Object.entries(LIMITS)) {
      if (name === "horizonDays" || name === "tonnesPerDay") continue;
      expect(docs, name).toContain(limit.text.replace(/^at least 1 day and /, "at least 1 day and "));
    }
    expect(docs).toContain(LIMITS.horizonDays.text);
    expect(docs).toContain(LIMITS.tonnesPerDay.text);
    for (const text of [LIMITS.tonnesPerDay.text, LIMITS.warmUpDays.text, LIMITS.orderIntervalDays.text, LIMITS.transitDays.text]) expect(schema).toContain(text);
  });
});

describe("units", () => {
  it('refuses "ton" in every spelling, with a hint', () => {
    for (const text of ["1 ton", "3 tons", "2 kton/yr", "5 tons/day", "1 Mton"]) {
      const result = parseQuantity(text, text.includes("/") ? "rate" : "mass");
      expect(result.ok, text).toBe(false);
      expect(!result.ok && result.message, text).toMatch(/is ambiguous \(a US short ton is 0\.907 t, a long ton 1\.016 t\); write "t" for the metric tonne/);
    }
    expect(parseQuantity("1 tonne", "mass")).toEqual({ ok: true, value: 1 });
    expect(parseQuantity("2 kt", "mass")).toEqual({ ok: true, value: 2000 });
  });
});

describe("scenario names from file names", () => {
  it("slugs the base name, and refuses one with no letters or digits", () => {
    expect(nameFromFile("a/My Scenario.yaml")).toBe("my-scenario");
    expect(nameFromFile("policy_60.days.json")).toBe("policy-60-days");
    expect(nameFromFile("...yaml")).toBeUndefined();
    expect(nameFromFile("..yml")).toBeUndefined();
    expect(issuesOf(minimal, "dir/...yaml")).toEqual([
      'dir/...yaml:3:1: the file name "...yaml" gives no usable scenario id; add name: (lower-case letters, digits and dashes)',
    ]);
  });
});

describe("merging", () => {
  it("names both places when a value replaces an inherited one of a kind the field does not take", () => {
    const files = {
      "s/main.yaml": "extends: [base.yaml, flag.yaml]\n" + minimal.replace(/^facilities:[\s\S]*?(?=^markets:)/m, ""),
      "s/base.yaml": "facilities:\n  cn-gallium: { country: CN, capacity: 600 t/yr, outputs: { gallium: 1 } }\n",
      "s/flag.yaml": "facilities: true\n",
    };
    const result = parseScenario("s/main.yaml", memoryFileSource(files));
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      "s/flag.yaml:1:13 facilities: a single value here replaces a mapping inherited from s/base.yaml:2:3; this field takes a mapping, so one of the two files is wrong (null removes an inherited entry)",
    ]);
  });

  it("lets a field that takes a value or a distribution switch between them", () => {
    const files = {
      "s/main.yaml": "extends: base.yaml\nfacilities: { cn-gallium: { online: { uniform: [2025-01-01, 2025-06-01] } } }\n",
      "s/base.yaml": minimal.replace("outputs: { gallium: 1 }", "outputs: { gallium: 1 }\n    online: 2025-03-01"),
    };
    const result = parseScenario("s/main.yaml", memoryFileSource(files));
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([]);
  });

  it("reports keys named __proto__, constructor or toString as unknown, never as inherited", () => {
    const issues = issuesOf(minimal + "__proto__: { a: 1 }\nconstructor: 1\ntoString: x\n");
    expect(issues.map((i) => i.replace(/ \(allowed: .*\)$/, ""))).toEqual([
      's.yaml:20:1 __proto__: unknown key "__proto__"',
      's.yaml:21:1 constructor: unknown key "constructor"',
      's.yaml:22:1 toString: unknown key "toString"',
    ]);
  });
});
