/**
 * No function of src/ outside the model runs over 80 lines (issue 15 split the long ones into
 * named steps: a step with a name reads better than a comment in a long body). The model's
 * inner loops are measured for speed first and are left out here.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../src");
const MAX_LINES = 80;

/** Every function, method and constructor of a source text with its name and length in lines. */
function functionLengths(file: string, text: string): { name: string; lines: number }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node): void => {
    const isFunction =
      ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessor(node) || ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isBlock(node.body));
    if (isFunction) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const named = node as ts.Node & { name?: ts.Node };
      const name = named.name?.getText() ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText() : "(anonymous)");
      found.push({ name: `${file} ${name}`, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("function length", () => {
  it("measures a function from its first line to its last", () => {
    const body = Array.from({ length: 81 }, (_, i) => `  const v${i} = ${i};`).join("\n");
    expect(functionLengths("x.ts", `function long(): void {\n${body}\n}\nconst short = () => {\n  return 1;\n};\n`)).toEqual([
      { name: "x.ts long", lines: 83 },
      { name: "x.ts short", lines: 3 },
    ]);
  });

  it(`keeps every function outside src/model within ${MAX_LINES} lines`, () => {
    const files = readdirSync(SRC, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts"))
      .map((f) => f.split(path.sep).join("/"))
      .filter((f) => !f.startsWith("model/"));
    const long = files.flatMap((f) => functionLengths(f, readFileSync(path.join(SRC, f), "utf8"))).filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
