/**
 * Import shares that do not add up name the entries inherited from another file (extends
 * merges mappings key by key, so a partial `imports:` keeps the base's other entries), with
 * where each is written and how to remove one.
 */
import { describe, expect, it } from "vitest";
import { formatIssue, memoryFileSource, parseScenario } from "../../src/scenario/index.js";

const base = `start: 2025-01-01
end: 2025-12-31
commodities:
  gallium: {}
countries:
  CN: {}
  JP: {}
  AU: {}
  KR: {}
  US: {}
facilities:
  cn: { country: CN, capacity: 600 t/yr, outputs: { gallium: 1 } }
markets:
  US:
    gallium:
      demand: 20 t/yr
      imports:
        CN: 63%
        AU: 37%
`;

function issuesOf(files: Record<string, string>, entry: string): string[] {
  const result = parseScenario(entry, memoryFileSource(files));
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe("import shares that do not add up", () => {
  it("name the entries inherited from a base, with where they are written", () => {
    const policy = "extends: base.yaml\nmarkets:\n  US:\n    gallium:\n      imports: { CN: 50%, JP: 30% }\n";
    expect(issuesOf({ "s/base.yaml": base, "s/policy.yaml": policy }, "s/policy.yaml")).toEqual([
      "s/policy.yaml:5:16 markets.US.gallium.imports: shares add up to 117.0%; they must add up to 100% (within 2 points); " +
        "inherited from another file and kept (entries merge key by key): AU 37.0% at s/base.yaml:19:9; write AU: null to remove it",
    ]);
  });

  it("name every inherited entry when several are kept", () => {
    const withKorea = base.replace("CN: 63%\n        AU: 37%", "CN: 50%\n        AU: 30%\n        KR: 20%");
    const policy = "extends: base.yaml\nmarkets:\n  US:\n    gallium:\n      imports: { CN: 40%, JP: 40% }\n";
    expect(issuesOf({ "s/base.yaml": withKorea, "s/policy.yaml": policy }, "s/policy.yaml")).toEqual([
      "s/policy.yaml:5:16 markets.US.gallium.imports: shares add up to 130.0%; they must add up to 100% (within 2 points); " +
        "inherited from another file and kept (entries merge key by key): AU 30.0% at s/base.yaml:19:9, KR 20.0% at s/base.yaml:20:9; write AU: null to remove one",
    ]);
  });

  it("say nothing of inheritance when every entry is written in one file", () => {
    expect(issuesOf({ "s/base.yaml": base.replace("AU: 37%", "AU: 47%") }, "s/base.yaml")).toEqual([
      "s/base.yaml:18:9 markets.US.gallium.imports: shares add up to 110.0%; they must add up to 100% (within 2 points)",
    ]);
    const removed = "extends: base.yaml\nmarkets:\n  US:\n    gallium:\n      imports: { CN: 50%, JP: 50%, AU: null }\n";
    expect(issuesOf({ "s/base.yaml": base, "s/policy.yaml": removed }, "s/policy.yaml")).toEqual([]);
  });
});
