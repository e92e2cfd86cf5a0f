/**
 * The record file (validation/episodes.yaml): the shipped one loads and every figure carries a
 * source; broken record files are refused with located, pinned messages, like scenarios.
 */
import { describe, expect, it } from "vitest";
import { formatIssue, memoryFileSource, nodeFileSource, parseEpisodes, shippedEpisodesFile } from "../../src/scenario/index.js";

const GOOD = `episodes:
  test-2023:
    title: A test episode
    scenario: chokepoint:history-2023-2025
    series:
      exports:
        label: exports
        measure: exports
        countries: [CN]
        commodities: [gallium]
        baseline: 2023-01..2023-07
    record:
      unit: t
      baseline: { value: 5, source: somewhere }
      points:
        - { month: 2023-08, value: 0, source: somewhere }
        - { month: 2023-12, change: +37%, source: somewhere }
    criteria:
      - kind: trough-depth
        within: 2023-07..2024-06
        record: -100%
        tolerance: 10 pt
        source: somewhere
        why: because
`;

function issuesOf(text: string): string[] {
  const result = parseEpisodes("r.yaml", memoryFileSource({ "r.yaml": text }));
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe("the record file", () => {
  it("ships every episode the backtest must score, each figure with its source and each tolerance with its reason", () => {
    const result = parseEpisodes(shippedEpisodesFile(), nodeFileSource());
    expect(result.ok, result.ok ? "" : result.issues.map(formatIssue).join("\n")).toBe(true);
    if (!result.ok) return;
    const ids = result.value.episodes.map((e) => e.id);
    expect(ids).toEqual(["graphite-flake-2023", "graphite-spherical-2023", "gallium-2023", "germanium-2023", "magnets-2025", "antimony-price-2024", "rare-earths-2010-recovery"]);
    for (const episode of result.value.episodes) {
      for (const point of episode.record.points) expect(point.source.length, `${episode.id} point`).toBeGreaterThan(5);
      for (const c of episode.criteria) {
        expect(c.source.length, `${episode.id} ${c.kind} source`).toBeGreaterThan(5);
        expect(c.why.length, `${episode.id} ${c.kind} why`).toBeGreaterThan(20);
      }
    }
  });

  it("turns values into changes against the record's baseline and keeps published changes", () => {
    const result = parseEpisodes("r.yaml", memoryFileSource({ "r.yaml": GOOD }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.episodes[0].record.points.map((p) => p.change)).toEqual([-1, 0.37]);
    expect(result.value.episodes[0].criteria[0]).toMatchObject({ kind: "trough-depth", record: -1, tolerance: 0.1, seriesIndex: 0 });
  });

  it("refuses what is wrong, where it is written", () => {
    expect(issuesOf(GOOD.replace("kind: trough-depth", "kind: trough-dept"))).toEqual([
      "r.yaml:19:15 episodes.test-2023.criteria[0].kind: kind must be one of direction, trough-month, trough-depth, level, recovery-month, first-above, peak-year, rise-per-year",
    ]);
    expect(issuesOf(GOOD.replace("within: 2023-07..2024-06", "within: 2024-06..2023-07"))).toEqual(['r.yaml:20:17 episodes.test-2023.criteria[0].within: "2024-06..2023-07" ends before it starts']);
    expect(issuesOf(GOOD.replace("- { month: 2023-08,", "- { month: 2023-13,"))).toEqual(['r.yaml:16:20 episodes.test-2023.record.points[0].month: "2023-13" is not a month: write YYYY-MM, such as "2024-01"']);
    expect(issuesOf(GOOD.replace("        tolerance: 10 pt\n", ""))).toEqual(["r.yaml:19:9 episodes.test-2023.criteria[0]: give a tolerance or a range, one of the two"]);
    expect(issuesOf(GOOD.replace("        source: somewhere\n        why: because\n", "        source: somewhere\n        why: because\n        series: nope\n"))).toEqual([
      'r.yaml:25:17 episodes.test-2023.criteria[0].series: "nope" is not a series of this episode; it has exports',
    ]);
    expect(issuesOf(GOOD.replace("      baseline: { value: 5, source: somewhere }\n", ""))).toEqual([
      "r.yaml:15:36 episodes.test-2023.record.points[0].value: a value needs the record's baseline (record.baseline) to be set against; or give the published change",
    ]);
    expect(issuesOf(GOOD.replace("        baseline: 2023-01..2023-07\n", ""))).toEqual(["r.yaml:7:9 episodes.test-2023.series.exports: a series is either a change (give baseline) or a share (give per), one of the two"]);
    expect(issuesOf(GOOD.replace("        why: because\n", ""))).toEqual(["r.yaml:19:9 episodes.test-2023.criteria[0].why: is required (must say why the tolerance is what it is (text))"]);
  });
});
