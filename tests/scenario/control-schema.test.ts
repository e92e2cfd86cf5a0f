/**
 * The `controls` entry (src/scenario/control-schema.ts): the messages naming the measures are
 * derived from the measures' branches, and each measure's own fields resolve into the model's
 * MeasureSpec (with the re-export rule's default taken from the measure).
 */
import { describe, expect, it } from "vitest";
import { MEASURE_KINDS } from "../../src/model/index.js";
import { formatIssue } from "../../src/scenario/index.js";
import { controls, issuesOf, minimal, parse } from "./control-fixture.js";


describe("the measure of a control", () => {
  it("is named from the measures' branches when missing or unknown", () => {
    expect(issuesOf(minimal + controls("c: { exporter: CN, commodities: [gallium] }"))).toEqual(["s.yaml:21:6 controls.c.measure: a control needs a measure: ban, licensing or quota"]);
    expect(issuesOf(minimal + controls("c: { exporter: CN, commodities: [gallium], measure: embargo }"))).toEqual([
      's.yaml:21:55 controls.c.measure: measure must be "ban", "licensing" or "quota"; got "embargo"',
    ]);
    expect(MEASURE_KINDS).toEqual(["ban", "licensing", "quota"]);
  });

  it("resolves each measure's own fields, and the re-export rule to each measure's default or as written", () => {
    const result = parse(
      minimal +
        controls(
          "b: { exporter: CN, commodities: [gallium], measure: ban }",
          "l: { exporter: CN, commodities: [gallium], measure: licensing, processingTime: 45 days, approval: { default: 90%, US: 50% }, validity: 30 days, applicationSize: 10 t, approvedQuantity: { uniform: [20%, 60%] }, deterred: { US: 30% } }",
          "q: { exporter: CN, commodities: [gallium], measure: quota, quota: 365.25 t/yr }",
          "f: { exporter: CN, commodities: [gallium], measure: ban, reExport: free }",
          "n: { exporter: CN, commodities: [gallium], measure: ban, reExport: none }",
          "r: { exporter: CN, commodities: [gallium], measure: licensing, processingTime: 45 days, reExport: refused }",
          "o: { exporter: CN, commodities: [gallium], measure: licensing, processingTime: 45 days, reExport: { only: [US] } }",
        ),
    );
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join("\n"));
    const { controls: resolved, authorities } = result.scenario.spec;
    expect(resolved.map((c) => [c.id, c.measure, c.reExport])).toEqual([
      // A ban follows the goods to its destinations; licensing and quotas control the exporter's own shipments.
      ["b", { kind: "ban" }, { mode: "covered" }],
      [
        "l",
        {
          kind: "licensing",
          approvalByCountry: [0.9, 0.5],
          processingDays: { kind: "fixed", value: 45 },
          // Drawn per application; deterred buyers only where the map says (0 elsewhere, not approval's 1).
          approvedShare: { kind: "uniform", min: 0.2, max: 0.6 },
          deterredByCountry: [0, 0.3],
          authority: 0,
          validityDays: 30,
          applicationTonnes: 10,
        },
        { mode: "none" },
      ],
      ["q", { kind: "quota", tonnesPerYear: 365.25 }, { mode: "none" }],
      ["f", { kind: "ban" }, { mode: "none" }],
      ["n", { kind: "ban" }, { mode: "none" }],
      ["r", expect.objectContaining({ kind: "licensing" }), { mode: "covered" }],
      ["o", expect.objectContaining({ kind: "licensing" }), { mode: "only", countries: [result.scenario.spec.countries.findIndex((c) => c.id === "US")] }],
    ]);
    expect(authorities.map((a) => a.id)).toEqual(["control:l", "control:r", "control:o"]);
    expect(authorities[0]).toEqual({ id: "control:l", capacity: { unit: "applications", perDay: Infinity } });
  });

  it("reports a licensing control's capacity given beside a named authority, and an unknown authority", () => {
    const authority = "authorities:\n  mofcom: { capacity: 10 applications/day }\n";
    expect(
      issuesOf(minimal + authority + controls("l: { exporter: CN, commodities: [gallium], measure: licensing, processingTime: 45 days, authority: mofcom, capacity: 5 applications/day }")),
    ).toEqual(['s.yaml:23:120 controls.l.capacity: the capacity is the authority\'s ("mofcom"): give it there']);
    expect(issuesOf(minimal + authority + controls("l: { exporter: CN, commodities: [gallium], measure: licensing, processingTime: 45 days, authority: mofcm }"))).toEqual([
      's.yaml:23:102 controls.l.authority: unknown authority "mofcm"; did you mean "mofcom"?',
    ]);
  });
});
