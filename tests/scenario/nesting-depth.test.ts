import { describe, expect, it } from "vitest";
import { findExcessiveNesting } from "../../src/scenario/nesting-depth.js";

const blockMap = (depth: number) => Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n") + " 1\n";

describe("findExcessiveNesting", () => {
  it("passes block mappings up to the limit and stops at the first line past it", () => {
    expect(findExcessiveNesting(blockMap(10), 10)).toBeUndefined();
    expect(findExcessiveNesting(blockMap(11), 10)).toEqual({ line: 11, column: 21 });
  });

  it("counts flow brackets, and compact lists, but not brackets inside strings, comments or block scalars", () => {
    expect(findExcessiveNesting("a: [[[1]]]\n", 3)).toEqual({ line: 1, column: 6 });
    expect(findExcessiveNesting("a: [[1]]\n", 3)).toBeUndefined();
    expect(findExcessiveNesting("- - - - x\n", 3)).toEqual({ line: 1, column: 9 });
    expect(findExcessiveNesting('a: "[[[[[[" # [[[[[[\nb: \'{{{{\'\n', 2)).toBeUndefined();
    expect(findExcessiveNesting("a: |\n  [[[[[[[\n    {{{{{\nb: 1\n", 2)).toBeUndefined();
    expect(findExcessiveNesting('note: "a quoted text\n  [[[[[[ going on"\nb: 1\n', 3)).toBeUndefined();
    expect(findExcessiveNesting("note: see [1] and [2] in text\n", 2)).toBeUndefined();
  });

  it("reads JSON as flow nesting", () => {
    // The top-level line counts as a level of its own, so four objects and lists read as five.
    expect(findExcessiveNesting('{"a": {"b": [1, {"c": 2}]}}', 5)).toBeUndefined();
    expect(findExcessiveNesting('{"a": {"b": [1, {"c": [2]}]}}', 5)).toEqual({ line: 1, column: 23 });
  });

  it("never trips on the shipped scenarios at the real limit", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const root = path.resolve(import.meta.dirname, "../../scenarios");
    const files = readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expect(findExcessiveNesting(readFileSync(path.join(root, file), "utf8"), 8), file).toBeUndefined();
  });
});
