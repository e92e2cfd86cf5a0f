/**
 * A scenario sent to a worker thread as plain data (structured clone of `portable()`) and
 * rebuilt there (`restoreScenario`) is the scenario the main thread loaded: same central world
 * and hash, the same drawn worlds and values for the same uniforms, and the same positions
 * for messages.
 */
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoryFileSource, nodeFileSource, parseScenario, restoreScenario, shippedScenariosFolder, type Scenario } from "../../src/scenario/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

function shipped(name: string): Scenario {
  const result = parseScenario(path.join(ROOT, "scenarios", `${name}.yaml`), nodeFileSource(), { shippedFolder: shippedScenariosFolder() });
  if (!result.ok) throw new Error(`${name} did not load`);
  return result.scenario;
}

/** A uniform in [0, 1) for (seed, name): FNV-1a of both, enough to vary every input. */
function uniformFor(seed: number, name: string): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return (h >>> 0) / 2 ** 32;
}

/** A world with uncertain rates, dates, shares and a chance event. */
const uncertainWorld = `name: portable
start: 2026-01-01
end: 2026-06-30
warmUp: 0 days
commodities:
  ore: {}
countries:
  AA: {}
  BB: {}
facilities:
  mine: { country: BB, capacity: { uniform: ["20,000 t/yr", "40,000 t/yr"] }, outputs: { ore: 1 } }
markets:
  AA:
    ore: { demand: "10,000 t/yr", cover: { triangular: [10 days, 20 days, 40 days] }, imports: { BB: 100% } }
controls:
  licence:
    exporter: BB
    commodities: [ore]
    measure: licensing
    approval: { uniform: [20%, 90%] }
    processingTime: 45 days
    effective: { uniform: [2026-02-01, 2026-04-01] }
events:
  pause:
    date: 2026-05-01
    type: suspend
    control: licence
    until: 2026-06-01
    probability: { uniform: [10%, 60%] }
`;

describe("restoreScenario", () => {
  it("rebuilds a shipped scenario with nothing uncertain: same central world, hash, files and labels, positions for messages", async () => {
    const loaded = shipped("reinstated-2026");
    const restored = await restoreScenario(structuredClone(loaded.portable()));
    expect(restored.spec).toEqual(loaded.spec);
    expect(restored.hash).toBe(loaded.hash);
    expect([restored.name, restored.title, restored.defaultSeed, restored.files, restored.labels]).toEqual([loaded.name, loaded.title, loaded.defaultSeed, loaded.files, loaded.labels]);
    expect(restored.inputs).toEqual([]);
    expect(restored.draw(() => 0.5)).toEqual(loaded.draw(() => 0.5));
    expect(restored.locate(["controls"])).toEqual(loaded.locate(["controls"]));
    expect(restored.locate(["controls"])).toMatchObject({ line: expect.any(Number) });
  });

  it("draws the same worlds and values as the loaded scenario for any uniforms", async () => {
    const result = parseScenario("s/main.yaml", memoryFileSource({ "s/main.yaml": uncertainWorld }));
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("\n"));
    const loaded = result.scenario;
    const restored = await restoreScenario(structuredClone(loaded.portable()));
    expect(restored.inputs).toEqual(loaded.inputs);
    expect(restored.occurrences).toEqual(loaded.occurrences);
    expect(restored.inputs.length).toBeGreaterThan(3);
    // Positions cross as text (PositionMap.toText) and are decoded on first use: each input's, and a key's, are where the file has them.
    for (const input of loaded.inputs) expect(restored.locate(input.path)).toEqual(loaded.locate(input.path));
    expect(restored.locate(["controls", "licence", "nonexistent"])).toEqual(loaded.locate(["controls", "licence", "nonexistent"]));
    expect(restored.locate(["controls", "licence", "effective"])).toMatchObject({ file: "s/main.yaml", line: 22 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const uniform = (name: string) => uniformFor(seed, name);
        expect(restored.draw(uniform)).toEqual(loaded.draw(uniform));
      }),
      { numRuns: 30 },
    );
  });
});
