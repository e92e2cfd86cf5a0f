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
