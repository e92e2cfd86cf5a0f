/**
 * Every problem that can be found in one run: a typo'd key or a bad value does not hide the date
 * order and reference problems of the rest of the file. Problems that may only follow from an
 * entry set aside for a bad value (a reference to it) are held back, not reported falsely.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, memoryFileSource, parseScenario } from "../../src/scenario/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const minimal = readFileSync(path.join(ROOT, "tests/fixtures/good/minimal.yaml"), "utf8");

function issuesOf(text: string): string[] {
  const result = parseScenario("s.yaml", memoryFileSource({ "s.yaml": text }));
  return result.ok ? [] : result.issues.map(formatIssue);
}

const ban = (effective: string, end: string) =>
  `controls:\n  ga-ban: { measure: ban, exporter: CN, commodities: [gallium], effective: ${effective}, end: ${end} }\n`;
const offline = (facility: string) => `events:\n  outage: { type: facility-offline, date: 2025-02-01, facility: ${facility} }\n`;

describe("validation in one run", () => {
  it("reports a typo'd key, a date-order problem and a bad reference together", () => {
    const text = minimal.replace("country: CN", "country: CN\n    utilisation: 90%") + ban("2025-06-01", "2025-03-01") + offline("cn-galium");
    expect(issuesOf(text)).toEqual([
      's.yaml:13:5 facilities.cn-gallium.utilisation: unknown key "utilisation"; did you mean "utilization"? (allowed: country, kind, capacity, utilization, inputs, outputs, online, rampUp, outages, cost, tags, source, note)',
      "s.yaml:22:93 controls.ga-ban.end: must be after effective",
      's.yaml:24:65 events.outage.facility: unknown facility "cn-galium"; did you mean "cn-gallium"?',
    ]);
  });

  it("sets aside an entry with a bad value, checks the rest, and holds back references to the entry", () => {
    // The facility loses its capacity to a typo: it is set aside, and the event naming it is not
    // reported; the event naming a facility that does not exist is.
    const text =
      minimal.replace("capacity: 600 t/yr", "capacty: 600 t/yr") +
      "events:\n  outage: { type: facility-offline, date: 2025-02-01, facility: cn-gallium }\n  other: { type: facility-online, date: 2025-03-01, facility: jp-gallium }\n";
    expect(issuesOf(text)).toEqual([
      "s.yaml:12:5 facilities.cn-gallium.capacity: is required (must be a rate such as \"270 kt/yr\")",
      's.yaml:13:5 facilities.cn-gallium.capacty: unknown key "capacty"; did you mean "capacity"? (allowed: country, kind, capacity, utilization, inputs, outputs, online, rampUp, outages, cost, tags, source, note)',
      's.yaml:22:63 events.other.facility: unknown facility "jp-gallium"',
    ]);
  });

  it("holds back what follows from a commodity or country set aside: references, groups, shares", () => {
    const text = minimal
      .replace("gallium: { name: Gallium, stage: refined }", "gallium: { name: Gallium, stage: metall, groups: [metals] }")
      .replace("US: { name: United States }", "US: { name: United States }\n  JP: { name: Japan, groups: [7] }")
      .replace("imports: { CN: 100% }", "imports: { CN: 60%, JP: 40% }")
      .concat("events:\n  surge: { type: demand-change, date: 2025-03-01, country: US, commodity: metals, factor: 2 }\n  cut: { type: demand-change, date: 2025-03-01, country: UK, commodity: metals, factor: 2 }\n");
    expect(issuesOf(text)).toEqual([
      "s.yaml:6:36 commodities.gallium.stage: must be one of: ore, concentrate, refined, metal, component, product, got \"metall\"",
      "s.yaml:10:31 countries.JP.groups[0]: must be a country group id (text), got 7",
      's.yaml:23:58 events.cut.country: unknown country or country group "UK"; did you mean "US"?',
    ]);
  });

  it("reports a bad value in an uncertain date's range with the rest, once per date pair", () => {
    const text = minimal.replace("capacity: 600 t/yr", "capacity: 600 t/yr\n    utilization: 120%") + ban("{ uniform: [2025-03-01, 2025-09-01] }", "2025-06-01") + offline("jp-gallium");
    expect(issuesOf(text)).toEqual([
      "s.yaml:14:18 facilities.cn-gallium.utilization: must be between 0 and 1 (0% and 100%), got \"120%\"",
      "s.yaml:22:120 controls.ga-ban.end: must be after effective, whatever is drawn: the ranges overlap",
      's.yaml:24:65 events.outage.facility: unknown facility "jp-gallium"',
    ]);
  });

  it("stops at the format when something required is wrong: nothing can be resolved without it", () => {
    const text = minimal.replace("start: 2025-01-01", "strat: 2025-01-01") + offline("jp-gallium");
    expect(issuesOf(text)).toEqual([
      "s.yaml:3:1 start: is required (must be a date written YYYY-MM-DD)",
      's.yaml:3:1 strat: unknown key "strat"; did you mean "start"? (allowed: name, title, question, description, extends, start, end, warmUp, seed, defaults, commodities, countries, facilities, markets, stockpiles, floors, controls, authorities, events, trade, response, sources)',
    ]);
  });
});
