/**
 * A control's `endUse` field (src/scenario/control-schema.ts, resolve-controls.ts): `all` by
 * default or `defence`; a bad value, and an end-use control that is not a plain ban, are issues
 * naming the file, the place and the rule.
 */
import { describe, expect, it } from "vitest";
import { formatIssue } from "../../src/scenario/index.js";
import { controls, issuesOf, minimal, parse } from "./control-fixture.js";


describe("the end use of a control", () => {
  it("resolves to all by default, or defence as written", () => {
    const result = parse(minimal + controls("a: { exporter: CN, commodities: [gallium], measure: ban }", "d: { exporter: CN, commodities: [gallium], measure: ban, endUse: defence }"));
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join("\n"));
    expect(result.scenario.spec.controls.map((c) => [c.id, c.endUse])).toEqual([
      ["a", "all"],
      ["d", "defence"],
    ]);
  });

  it("must be all or defence", () => {
    expect(issuesOf(minimal + controls("d: { exporter: CN, commodities: [gallium], measure: ban, endUse: military }"))).toEqual([
      's.yaml:21:68 controls.d.endUse: must be one of: all, defence, got "military"',
    ]);
  });

  it("is a ban's only, with neither a re-export rule nor reach", () => {
    expect(issuesOf(minimal + controls("d: { exporter: CN, commodities: [gallium], measure: licensing, processingTime: 45 days, endUse: defence }"))).toEqual([
      's.yaml:21:99 controls.d.endUse: an end-use control refuses the defence class the exporter\'s origin: its measure must be "ban", got "licensing"',
    ]);
    expect(issuesOf(minimal + controls("d: { exporter: CN, commodities: [gallium], measure: ban, endUse: defence, reExport: covered, extraterritorial: { inputs: [gallium] } }"))).toEqual([
      "s.yaml:21:87 controls.d.reExport: an end-use control follows the exporter's origin to where it is consumed: leave out reExport",
      "s.yaml:21:114 controls.d.extraterritorial: an end-use control follows the exporter's origin to where it is consumed: leave out extraterritorial",
    ]);
  });
});
