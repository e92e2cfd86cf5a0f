/**
 * A what-if sweep (issue 19): `sweep --set` records its overrides in the plan, so summary.json's
 * manifest lists them, the terminal header and the report's title line show them, and `merge`
 * without --out writes the what-if's own folder (`out/<name>+<hash>-sweep/`), never the base's.
 * The real CLI in a child process, on real files.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const SETS = ["stockpiles.reserve.level*=2", "name=tiny"];
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-what-if-sweep-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: scratch, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("a what-if sweep in shards", () => {
  const sets = SETS.flatMap((s) => ["--set", s]);
  const name = `tiny+${createHash("sha256").update(JSON.stringify(SETS)).digest("hex").slice(0, 8)}`;

  it("merges into its own default folder, with the overrides in the manifest, the header and the report's title", () => {
    for (const shard of ["0/2", "1/2"]) expect(cli(["sweep", TINY, "--runs", "4", "--shard", shard, "-q", ...sets]).code).toBe(0);
    const shards = path.join(scratch, "out", `${name}-sweep-shards`);
    const merged = cli(["merge", path.join(shards, "shard-0-of-2"), path.join(shards, "shard-1-of-2")]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain(`sweep of tiny (what-if: ${SETS.join("; ")}): 4 replicates`);
    const folder = path.join(scratch, "out", `${name}-sweep`);
    expect(existsSync(path.join(folder, "summary.json"))).toBe(true);
    expect(existsSync(path.join(scratch, "out", "tiny-sweep"))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(folder, "summary.json"), "utf8")).manifest.overrides).toEqual(SETS);
    expect(readFileSync(path.join(folder, "report.html"), "utf8")).toContain(`(what-if: ${SETS.join("; ")})`);
  });

  it("records no overrides without --set, and keeps the plain folder", () => {
    expect(cli(["sweep", TINY, "--runs", "2", "-q"]).code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(scratch, "out", "tiny-sweep", "summary.json"), "utf8")).manifest.overrides).toEqual([]);
  });
});
