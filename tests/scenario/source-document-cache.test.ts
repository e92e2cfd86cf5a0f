/**
 * Scenarios loaded with one SourceDocumentCache (a compare's base and alternatives, extending
 * the same files) are the scenarios loaded without it, and a file whose bytes changed is parsed
 * again, not served from the cache.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { memoryFileSource, nodeFileSource, parseScenario, shippedScenariosFolder, SourceDocumentCache, type ParseResult } from "../../src/scenario/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

function hashOf(result: ParseResult): string {
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("\n"));
  return result.scenario.hash;
}

const base = `start: 2026-01-01
end: 2026-06-30
warmUp: 0 days
commodities:
  ore: {}
countries:
  AA: {}
  BB: {}
facilities:
  mine: { country: BB, capacity: "20,000 t/yr", outputs: { ore: 1 } }
markets:
  AA:
    ore: { demand: "10,000 t/yr", imports: { BB: 100% } }
`;

describe("SourceDocumentCache", () => {
  it("loads the flagship and its policies to the same scenarios as loading each alone", () => {
    const documents = new SourceDocumentCache();
    const files = ["reinstated-2026", "policy-180-days", "policy-project-vault", "policy-us-japan-shared-reserve"].map((name) => path.join(ROOT, "scenarios", `${name}.yaml`));
    const load = (file: string, cache?: SourceDocumentCache) => parseScenario(file, nodeFileSource(), { shippedFolder: shippedScenariosFolder(), documents: cache, sets: ["seed=7"] });
    const shared = files.map((file) => hashOf(load(file, documents)));
    const alone = files.map((file) => hashOf(load(file)));
    expect(shared).toEqual(alone);
    expect(new Set(alone).size).toBe(files.length);
  });

  it("parses a file again when its bytes changed", () => {
    const files: Record<string, string> = { "s/base.yaml": base, "s/a.yaml": "name: a\nextends: base.yaml\n" };
    const documents = new SourceDocumentCache();
    const source = memoryFileSource(files);
    const first = parseScenario("s/a.yaml", source, { documents });
    files["s/base.yaml"] = base.replace('"20,000 t/yr"', '"30,000 t/yr"');
    const second = parseScenario("s/a.yaml", source, { documents });
    expect(hashOf(second)).not.toBe(hashOf(first));
    expect(hashOf(second)).toBe(hashOf(parseScenario("s/a.yaml", source)));
    if (second.ok) expect(second.scenario.spec.facilities[0].capacityTonnesPerDay * 365.25).toBeCloseTo(30_000, 6);
  });
});
