/**
 * The release-policy fields of a reserve (triggers on price, cover and controls, the share of
 * the shortfall, the stop rules, whom it serves, the refill price ceiling): what they resolve
 * to, and the pinned message for each bad value (FILE:LINE:COL path: message).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, memoryFileSource, parseScenario } from "../../src/scenario/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const minimal = readFileSync(path.join(ROOT, "tests/fixtures/good/minimal.yaml"), "utf8");
const reserve = (fields: string) => `stockpiles:\n  r: { country: US, commodity: gallium, level: 60 days, ${fields} }\n`;

function parse(text: string) {
  return parseScenario("s.yaml", memoryFileSource({ "s.yaml": text }));
}

function issuesOf(text: string): string[] {
  const result = parse(text);
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe("a reserve's release policy", () => {
  it("resolves every trigger, the share, the stop rules, whom it serves and the refill ceiling", () => {
    const result = parse(minimal + reserve('release: { trigger: 10%, sustained: 30 days, lag: 30 days, price: 2, cover: 20 days, control: "in force", share: 50%, cleared: 90 days, duration: 365 days }, serves: { participants: 40% }, refillPriceCeiling: 1.5'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const s = result.scenario.spec.stockpiles[0];
    expect(s.release).toEqual({
      triggerShare: 0.1,
      sustainedDays: 30,
      decisionLagDays: 30,
      fromEpochDay: null,
      priceAbove: 2,
      coverBelowDays: 20,
      onControl: "in-force",
      clearedDays: 90,
      maxDurationDays: 365,
      shortfallShare: 0.5,
    });
    expect([s.serves, s.participantShare, s.refillPriceCeiling]).toEqual(["participants", 0.4, 1.5]);
  });

  it("without the new fields is the decision rule it was: no other trigger, stop once the shortage has cleared for the sustained time", () => {
    const result = parse(minimal + reserve("release: { trigger: 10%, sustained: 30 days, lag: 30 days }, serves: critical"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const s = result.scenario.spec.stockpiles[0];
    expect(s.release).toMatchObject({ priceAbove: Infinity, coverBelowDays: 0, onControl: null, clearedDays: 30, maxDurationDays: Infinity, shortfallShare: 1 });
    expect([s.serves, s.participantShare, s.refillPriceCeiling]).toEqual(["critical", 1, Infinity]);
  });

  it("pins the message of each bad field", () => {
    const cases: [string, string][] = [
      ['release: { control: "imposed" }', 's.yaml:21:77 stockpiles.r.release.control: must be one of: announced, in force, got "imposed"'],
      ["release: { share: 150% }", 's.yaml:21:75 stockpiles.r.release.share: must be between 0 and 1 (0% and 100%), got "150%"'],
      ["release: { duration: 0 days }", 's.yaml:21:78 stockpiles.r.release.duration: must be > 0, got "0 days"'],
      ["release: { price: -1 }", "s.yaml:21:75 stockpiles.r.release.price: must be >= 0.001, got -1"],
      ["serves: civilian", 's.yaml:21:65 stockpiles.r.serves: must be "all", "defence", "critical" or { participants: SHARE }, got "civilian"'],
      ["serves: { participants: 140% }", 's.yaml:21:81 stockpiles.r.serves.participants: must be between 0 and 1 (0% and 100%), got "140%"'],
      ["refillPriceCeiling: 0", "s.yaml:21:77 stockpiles.r.refillPriceCeiling: must be >= 0.001, got 0"],
    ];
    for (const [fields, message] of cases) expect(issuesOf(minimal + reserve(fields)), fields).toEqual([message]);
  });
});
