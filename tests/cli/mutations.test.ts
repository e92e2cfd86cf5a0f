/**
 * Hostile input as a property: a random single mutation of a shipped scenario (one value
 * replaced by something odd, one entry removed, or one key renamed) must either validate and run
 * to finite outputs (exit 0), or fail with exit 2 and a message located as FILE:LINE:COL, never
 * anything else: no stack trace, no exit 1, no hang (the time bound is the worker's timeout, not
 * a wall-clock assertion).
 *
 * The mutated scenario is the flagship's composed document (every file it extends merged),
 * written as one YAML file; the built CLI runs it in a worker thread (tests/cli/support).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { composeScenario } from "../../src/scenario/compose.js";
import { nodeFileSource } from "../../src/scenario/index.js";
import type { PlainValue } from "../../src/scenario/source-document.js";
import { CliWorker } from "./support/cli-worker-pool.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-mutations-"));
const worker = new CliWorker();
afterAll(async () => {
  await worker.close();
  rmSync(scratch, { recursive: true, force: true });
});

type Path = (string | number)[];

const composed = composeScenario(path.join(ROOT, "scenarios/reinstated-2026.yaml"), nodeFileSource());
if (!composed.ok) throw new Error("the flagship does not compose");
const original = composed.document.value;

/** Every path in the document (inner nodes and leaves), in document order. */
function pathsOf(value: PlainValue, at: Path = [], out: Path[] = []): Path[] {
  if (at.length > 0) out.push(at);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...at, i], out));
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) pathsOf(item, [...at, key], out);
  return out;
}
const PATHS = pathsOf(original);

/** Values a hostile user, or a careless one, might write anywhere. */
const ODD_VALUES: PlainValue[] = [
  0,
  -1,
  1e308,
  -1e308,
  1.7e308,
  1e-300,
  3000,
  1e6,
  0.5,
  "1e308 t",
  "1e308 t/yr",
  "-5 days",
  "0 days",
  "1e-300 days",
  "1e9 days",
  "1 ton",
  "3 kton/yr",
  "NaN",
  ".nan",
  ".inf",
  "",
  " ",
  "x".repeat(300),
  "2026-02-30",
  "9999-12-31",
  "0000-01-01",
  "150%",
  "-100%",
  null,
  true,
  false,
  [],
  {},
  ["US"],
  { uniform: ["0 days", "1e4 days"] },
  { lognormal: { median: "3000 days", sigma: 3 } },
  { lognormal: { median: "45 days", sigma: 800 } },
  { triangular: ["0000-01-01", "5000-01-01", "9999-12-31"] },
  { uniform: ["2026-01-01", "2025-01-01"] },
];

type Mutation =
  | { readonly kind: "replace"; readonly at: Path; readonly value: PlainValue }
  | { readonly kind: "delete"; readonly at: Path }
  | { readonly kind: "rename"; readonly at: Path; readonly key: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("replace" as const), at: fc.constantFrom(...PATHS), value: fc.constantFrom(...ODD_VALUES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), at: fc.constantFrom(...PATHS) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("rename" as const),
      at: fc.constantFrom(...PATHS.filter((p) => typeof p[p.length - 1] === "string")),
      key: fc.constantFrom("__proto__", "constructor", "toString", "ZZ", "x-y", "US", "default"),
    }),
  },
);

function mutate(document: PlainValue, m: Mutation): PlainValue {
  const copy = structuredClone(document) as { [key: string]: PlainValue };
  let parent: PlainValue = copy;
  for (const part of m.at.slice(0, -1)) parent = (parent as Record<string | number, PlainValue>)[part];
  const last = m.at[m.at.length - 1];
  const holder = parent as Record<string | number, PlainValue> & PlainValue[];
  if (m.kind === "replace") holder[last] = m.value;
  else if (m.kind === "delete") {
    if (Array.isArray(holder)) holder.splice(last as number, 1);
    else delete holder[last];
  } else {
    const value = holder[last];
    delete holder[last];
    Object.defineProperty(holder, m.key, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

const LOCATED = /^[^\s:][^:]*:\d+:\d+[ :]/;

describe("a random single mutation of the flagship", () => {
  it("validates and runs to finite outputs, or fails with exit 2 and a located message", async () => {
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const folder = path.join(scratch, `m${counter++}`);
        const file = path.join(folder, "mutant.yaml");
        const out = path.join(folder, "out");
        const { mkdirSync } = await import("node:fs");
        mkdirSync(folder);
        writeFileSync(file, stringify(mutate(original, m), { aliasDuplicateObjects: false, lineWidth: 0 }));
        const result = await worker.run(["run", file, "--out", out, "--quiet"], 90_000);
        const context = `${JSON.stringify(m)} -> exit ${result.code}\n${result.stderr.slice(0, 2000)}`;
        if (process.env.MUTATION_LOG) console.log(result.code, JSON.stringify(m).slice(0, 150), result.stderr.split("\n")[0].slice(0, 200));
        expect(result.stderr, context).not.toMatch(/^\s+at /m);
        expect(result.stderr, context).not.toMatch(/internal error|thrown:/i);
        expect([0, 2], context).toContain(result.code);
        if (result.code === 2) {
          for (const line of result.stderr.trimEnd().split("\n")) {
            if (/^\d+ of \d+ files? invalid$/.test(line)) continue;
            expect(line, context).toMatch(LOCATED);
          }
        } else {
          const summary = readFileSync(path.join(out, "summary.json"), "utf8");
          expect(summary, context).not.toMatch(/Infinity|NaN|null,\s*"unmetTonnes"/);
          const timeline = readFileSync(path.join(out, "timeline.csv"), "utf8");
          expect(/Infinity|NaN/.test(timeline), context).toBe(false);
        }
        rmSync(folder, { recursive: true, force: true });
      }),
      { numRuns: Number(process.env.MUTATION_RUNS ?? 40), interruptAfterTimeLimit: 240_000 },
    );
  }, 300_000);
});
