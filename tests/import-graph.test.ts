/**
 * The import graph of src/: layers `cli -> report -> sweep -> scenario -> model -> engine` with
 * no import pointing back up, and no loop of files importing each other (type-only imports
 * count: a loop of types is still two files that cannot be read one without the other).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../src");
const LAYERS = ["engine", "model", "scenario", "sweep", "report", "cli"];

/**
 * Loops being broken by other work of issue 15 (the market's state), as sorted file lists;
 * remove an entry when its loop is gone.
 */
const OPEN_LOOPS: string[][] = [];

/** Each file of src/ (path relative to src/, with "/") and the files it imports. */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(SRC, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.split(path.sep).join("/"));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(path.join(SRC, file), "utf8");
    const targets = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"/gms)].map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1])).replace(/\.js$/, ".ts"));
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components of more than one file (Tarjan), each sorted. */
function loops(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe("the import graph of src/", () => {
  const graph = importGraph();

  it("reads the imports of every file", () => {
    expect(graph.get("report/html/sweep-report.ts")).toContain("report/html/report-page.ts");
    expect(graph.get("report/html/compare-section.ts")).toContain("report/html/report-page.ts");
    expect(graph.size).toBeGreaterThan(150);
  });

  it("has no loop of files importing each other", () => {
    const open = new Set(OPEN_LOOPS.map((l) => l.join(" ")));
    expect(loops(graph).filter((l) => !open.has(l.join(" ")))).toEqual([]);
  });

  it("finds a loop when there is one", () => {
    const looped = new Map([
      ["report/html/sweep-report.ts", ["report/html/compare-section.ts", "report/html/report-page.ts"]],
      ["report/html/compare-section.ts", ["report/html/sweep-report.ts", "report/html/report-page.ts"]],
      ["report/html/report-page.ts", []],
    ]);
    expect(loops(looped)).toEqual([["report/html/compare-section.ts", "report/html/sweep-report.ts"]]);
  });

  it("has no import pointing up a layer", () => {
    const layer = (file: string) => LAYERS.indexOf(file.split("/")[0]);
    const upward = [...graph].flatMap(([file, targets]) => targets.filter((t) => layer(file) >= 0 && layer(t) > layer(file)).map((t) => `${file} -> ${t}`));
    expect(upward).toEqual([]);
  });
});
