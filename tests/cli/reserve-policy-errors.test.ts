/**
 * A bad reserve policy at the command line: `validate` exits 2 and names each bad field as
 * `FILE:LINE:COL path: message` on stderr, with no stack trace. Runs the built CLI (dist/).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const dir = mkdtempSync(path.join(tmpdir(), "reserve-policy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("validate with a bad reserve policy", () => {
  it("exits 2 naming each bad field, file, line and column", () => {
    const minimal = readFileSync(path.join(ROOT, "tests/fixtures/good/minimal.yaml"), "utf8");
    const file = path.join(dir, "bad-policy.yaml");
    writeFileSync(file, minimal + 'stockpiles:\n  r: { country: US, commodity: gallium, level: 60 days, serves: civilian, release: { control: "imposed", share: 150% } }\n');
    const result = spawnSync(process.execPath, [CLI, "validate", "bad-policy.yaml"], { cwd: dir, encoding: "utf8", timeout: 30_000 });
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toEqual([
      'bad-policy.yaml:21:65 stockpiles.r.serves: must be "all", "defence", "critical" or { participants: SHARE }, got "civilian"',
      'bad-policy.yaml:21:95 stockpiles.r.release.control: must be one of: announced, in force, got "imposed"',
      'bad-policy.yaml:21:113 stockpiles.r.release.share: must be between 0 and 1 (0% and 100%), got "150%"',
      "1 of 1 file invalid",
    ]);
    expect(result.stderr).not.toMatch(/ at .*\.js:\d+/); // no stack trace
  });
});
