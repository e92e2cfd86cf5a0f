/**
 * The what-if renderers, pure: the terminal's table of pairs whose shortfall moved (each
 * figure as "base -> what-if"), "No difference", the notes; the report's section (every pair,
 * each figure in its own column); summary.json's manifest with and without a what-if.
 */
import { describe, expect, it } from "vitest";
import { renderSummaryJson, renderWhatIfTable, type WhatIfBase } from "../../src/report/index.js";
import { renderWhatIfSection } from "../../src/report/html/what-if-section.js";
import { overridesNote } from "../../src/report/what-if.js";
import type { Summary, WhatIfDiff } from "../../src/sweep/index.js";

const DIFF: WhatIfDiff = {
  pairs: [
    {
      country: "US",
      commodity: "antimony",
      change: "better",
      base: { unmetTonnes: 5363.6716, shortfallDays: 130, firstShortfallDate: "2026-01-09", demandTonnes: 72000 },
      whatIf: { unmetTonnes: 987.6, shortfallDays: 23, firstShortfallDate: "2026-01-09", demandTonnes: 72000 },
      unmetDifferenceTonnes: -4376.0716,
      shortfallDaysDifference: -107,
    },
    {
      country: "US",
      commodity: "gallium",
      change: "removed",
      base: { unmetTonnes: 16.385982, shortfallDays: 501, firstShortfallDate: "2027-04-12", demandTonnes: 57 },
      whatIf: { unmetTonnes: 0, shortfallDays: 0, firstShortfallDate: null, demandTonnes: 57 },
      unmetDifferenceTonnes: -16.385982,
      shortfallDaysDifference: -501,
    },
    {
      country: "VN",
      commodity: "gallium",
      change: "caused",
      base: null,
      whatIf: { unmetTonnes: 0.000012, shortfallDays: 1, firstShortfallDate: "2026-05-05", demandTonnes: 1 },
      unmetDifferenceTonnes: 0.000012,
      shortfallDaysDifference: 1,
    },
  ],
  unchangedShortPairs: 40,
  otherKpisMoved: [{ country: "EU", commodity: "antimony" }],
};

const BASE: WhatIfBase = { file: "scenarios/reinstated-2026.yaml", scenario: "reinstated-2026", title: "Reinstated 2026", scenarioHash: "abc", diff: DIFF };

describe("the what-if table", () => {
  it("prints each moved pair with its figures base -> what-if, the change in words, and the notes", () => {
    expect(renderWhatIfTable(BASE, 20261110, 0)).toBe(
      [
        "What the change does against reinstated-2026 (scenarios/reinstated-2026.yaml), on the same random numbers (seed 20261110, replicate 0): 3 pairs moved (1 newly short, 1 better, 1 no longer short).",
        "country  commodity  change                   unmet t  difference t  days short  first short",
        "US       antimony   better           5363.7 -> 987.6       -4376.1   130 -> 23  2026-01-09",
        "US       gallium    no longer short        16.4 -> 0         -16.4    501 -> 0  2027-04-12 -> never",
        "VN       gallium    newly short        - -> 0.000012     +0.000012      - -> 1  - -> 2026-05-05",
        "40 pairs short in both runs are unchanged.",
        "Shortfalls the same, other KPIs moved (tonnes given up, peak price, reserve dry date...): EU antimony (summary.json has every KPI).",
        "",
      ].join("\n"),
    );
  });

  it("says how many more pairs moved beyond the limit, and 'No difference' when none did", () => {
    expect(renderWhatIfTable(BASE, 1, 2, 1)).toContain("2 more pairs moved, smaller in tonnes (report.html and summary.json list them all).");
    const none: WhatIfBase = { ...BASE, file: "reinstated-2026", diff: { pairs: [], unchangedShortPairs: 1, otherKpisMoved: [] } };
    expect(renderWhatIfTable(none, 1, 2)).toBe(
      "No difference against reinstated-2026, on the same random numbers (seed 1, replicate 2): no country-commodity pair's tonnes unmet, days short or first short date moved.\n1 pair short in both runs is unchanged.\n",
    );
  });

  it("names the overrides on a title line, and nothing without any", () => {
    expect(overridesNote([])).toBe("");
    expect(overridesNote(["events.us-ban-suspended.until=2029-01-01", "a.b=1"])).toBe(" (what-if: events.us-ban-suspended.until=2029-01-01; a.b=1)");
  });
});

describe("the report's what-if section", () => {
  it("lists every pair, each figure in its own column, escaped", () => {
    const html = renderWhatIfSection({ ...BASE, file: "<odd>.yaml" }, 7, 0);
    expect(html).toMatch(/^<section id="what-if">\n<h2>What-if differences<\/h2>\n<p>What the change does against reinstated-2026 \(&lt;odd&gt;\.yaml\)/);
    expect(html).toContain(
      '<tr><td>US</td><td>gallium</td><td>no longer short</td><td class="num">16.4</td><td class="num">0</td><td class="num">-16.4</td><td class="num">501</td><td class="num">0</td><td>2027-04-12</td><td>never</td></tr>',
    );
    expect(html.match(/<tr><td>/g)).toHaveLength(3);
    expect(html).toContain("EU antimony");
  });

  it("says 'No difference' with no table when nothing moved", () => {
    const html = renderWhatIfSection({ ...BASE, diff: { pairs: [], unchangedShortPairs: 0, otherKpisMoved: [] } }, 7, 0);
    expect(html).toContain("<p>No difference against reinstated-2026");
    expect(html).not.toContain("<table");
  });
});

describe("summary.json with a what-if", () => {
  const summary: Summary = {
    manifest: { tool: "chokepoint", version: "0", scenario: "s", scenarioHash: "h", seed: 1, replicate: 0, start: "2026-01-01", end: "2026-12-31" },
    kpis: [],
    events: [],
    reserves: [],
    inputs: [],
  };

  it("is the summary as it is without one (the library's and the goldens' bytes)", () => {
    expect(renderSummaryJson(summary)).toBe(JSON.stringify(summary, null, 2) + "\n");
  });

  it("records the overrides and the base at the end of the manifest, and the pairs after the inputs", () => {
    const plain = JSON.parse(renderSummaryJson(summary, { overrides: [], vs: null }));
    expect(Object.keys(plain)).toEqual(["manifest", "kpis", "events", "reserves", "inputs"]);
    expect([plain.manifest.overrides, plain.manifest.vs]).toEqual([[], null]);
    const text = renderSummaryJson(summary, { overrides: ["a.b=1", "c=2"], vs: BASE });
    const document = JSON.parse(text);
    expect(Object.keys(document)).toEqual(["manifest", "kpis", "events", "reserves", "inputs", "whatIf"]);
    expect(Object.keys(document.manifest).slice(-2)).toEqual(["overrides", "vs"]);
    expect(document.manifest.overrides).toEqual(["a.b=1", "c=2"]);
    expect(document.manifest.vs).toEqual({ file: "scenarios/reinstated-2026.yaml", scenario: "reinstated-2026", scenarioHash: "abc" });
    expect(document.whatIf).toEqual(DIFF);
  });
});
