/**
 * Stop rules against the pairs a sweep reports: a rule naming a country, a commodity or a pair
 * the sweep has no series for is refused with what it names and the closest known id (or the
 * list of them), before anything runs; a rule naming reported pairs passes.
 */
import { describe, expect, it } from "vitest";
import { parseStopRule, unreportedTarget, type StopTarget } from "../../src/sweep/index.js";

const SERIES = [
  { country: "US", commodity: "antimony" },
  { country: "US", commodity: "gallium" },
  { country: "JP", commodity: "antimony" },
  { country: "NA", commodity: "lithium" },
];

function targets(rule: string): StopTarget[] {
  const parsed = parseStopRule(rule);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.targets;
}

describe("unreportedTarget", () => {
  it.each([
    ["unmetTonnes US antimony: mean ±2%", undefined],
    ["unmetTonnes US antimony: mean ±2%; shortfallDays NA lithium: mean ±5 @90%", undefined],
    [
      "unmetTonnes XX antimony: mean ±2%",
      '"unmetTonnes XX antimony" names the country "XX", which has no demand for anything in this scenario; the countries with demand are: JP, NA, US',
    ],
    ["unmetTonnes us antimony: mean ±2%", '"unmetTonnes us antimony" names the country "us", which has no demand for anything in this scenario; did you mean "US"?'],
    [
      "unmetTonnes US antimoni: mean ±2%",
      '"unmetTonnes US antimoni" names the commodity "antimoni", which no country has demand for in this scenario; did you mean "antimony"?',
    ],
    [
      "unmetTonnes US unobtainium: mean ±2%",
      '"unmetTonnes US unobtainium" names the commodity "unobtainium", which no country has demand for in this scenario; the commodities with demand are: antimony, gallium, lithium',
    ],
    [
      "unmetTonnes US antimony: mean ±2%; peakShortfallShare JP gallium: mean ±0.01",
      '"peakShortfallShare JP gallium": JP has no demand for gallium in this scenario, so the sweep does not report it; JP has demand for antimony',
    ],
  ])("%s", (rule, expected) => {
    expect(unreportedTarget(targets(rule), SERIES)).toBe(expected);
  });
});

describe("parseStopRule", () => {
  it.each<[string, Partial<StopTarget>[]]>([
    ["unmetTonnes US antimony: mean ±2% @95%", [{ kpi: "unmetTonnes", country: "US", commodity: "antimony", halfWidth: 0.02, isRelative: true, confidence: 0.95, minRuns: 30 }]],
    ["shortfallDays JP y-oxide: mean +-5 @90% min 100", [{ kpi: "shortfallDays", halfWidth: 5, isRelative: false, confidence: 0.9, minRuns: 100 }]],
    ["pShort KR ndfeb-magnet: ±2 points @95%", [{ kpi: "pShort", country: "KR", commodity: "ndfeb-magnet", halfWidth: 0.02, isRelative: false, confidence: 0.95, minRuns: 30 }]],
    ["pShort KR ndfeb-magnet: +/-0.5 point min 2; demandTonnes US gallium: mean ±1%", [{ kpi: "pShort", halfWidth: 0.005, minRuns: 2 }, { kpi: "demandTonnes", halfWidth: 0.01, isRelative: true, minRuns: 30 }]],
  ])("%s", (rule, expected) => {
    expect(targets(rule)).toMatchObject(expected);
  });

  const FORMS = `write KPI COUNTRY COMMODITY: mean ±X% @95%, such as "unmetTonnes US antimony: mean ±2% @95%", or pShort COUNTRY COMMODITY: ±X points @95%, such as "pShort KR ndfeb-magnet: ±2 points @95%"; either may end in min N (at least N replicates first; default 30)`;
  it.each([
    ["unmetTonnes US: mean ±2%", `"unmetTonnes US: mean ±2%" is not a stop rule: ${FORMS}`],
    ["unmetTonnes US antimony: mean ±2% min 30 @95%", `"unmetTonnes US antimony: mean ±2% min 30 @95%" is not a stop rule: ${FORMS}`],
    ["pShort KR ndfeb-magnet: ±2", `"pShort KR ndfeb-magnet: ±2": a pShort precision is in percentage points of the share short: write ±2 points`],
    ["pShort KR ndfeb-magnet: ±2%", `"pShort KR ndfeb-magnet: ±2%": a pShort precision is in percentage points of the share short: write ±2 points`],
    ["pShort KR ndfeb-magnet: mean ±2 points", `"pShort KR ndfeb-magnet: mean ±2 points": pShort is a share of replicates, not a KPI with a mean: write "pShort KR ndfeb-magnet: ±2 points"`],
    ["pShort KR ndfeb-magnet: ±60 points", `"pShort KR ndfeb-magnet: ±60 points": a pShort precision must be more than 0 and at most 50 points`],
    ["unmetTonnes KR ndfeb-magnet: ±2 points", `"unmetTonnes KR ndfeb-magnet: ±2 points" is not a stop rule: ${FORMS}`],
    ["peakPriceIndex US antimony: mean ±2%", `"peakPriceIndex" is not a KPI a rule can name; use one of unmetTonnes, shortfallDays, peakShortfallShare, demandTonnes, unmetValue (a mean), or pShort (the share of replicates short)`],
    ["unmetTonnes US antimony: mean ±2% min 1", `"unmetTonnes US antimony: mean ±2% min 1": min must be a whole number of replicates from 2 to 100000000, got "1"`],
    ["unmetTonnes US antimony: mean ±2% min 3.5", `"unmetTonnes US antimony: mean ±2% min 3.5": min must be a whole number of replicates from 2 to 100000000, got "3.5"`],
    ["unmetTonnes US antimony: mean ±2% min", `"unmetTonnes US antimony: mean ±2% min": min must be a whole number of replicates from 2 to 100000000, got ""`],
    ["unmetTonnes US antimony: mean ±0%", `"unmetTonnes US antimony: mean ±0%": the precision must be > 0`],
    ["unmetTonnes US antimony: mean ±2% @100%", `"unmetTonnes US antimony: mean ±2% @100%": the confidence must be at least 50% and below 100%`],
    [" ; ", "the stop rule is empty"],
  ])("refuses %j", (rule, message) => {
    expect(parseStopRule(rule)).toEqual({ ok: false, message });
  });
});
