/**
 * Relative and grouped edits from the command line (issue 19): a group edit gives the same run
 * and the same sweep, byte for byte, as the same edits made one by one; an edit that cannot apply
 * exits 2 with one line naming the --set argument and writes nothing; --help shows the forms.
 * The real CLI in a child process, real files.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const FLAGSHIP = path.join(ROOT, "scenarios/reinstated-2026.yaml");
const ALLIED = path.join(ROOT, "scenarios/policy-allied-capacity.yaml");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-relative-set-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: scratch, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const sets = (list: string[]) => list.flatMap((s) => ["--set", s]);
const read = (folder: string, file: string) => readFileSync(path.join(scratch, folder, file), "utf8");

/** summary.json without the manifest's record of the --set list, which names the edits as written. */
function summaryWithoutOverrides(folder: string): unknown {
  const summary = JSON.parse(read(folder, "summary.json")) as { manifest: Record<string, unknown> };
  delete summary.manifest.overrides;
  return summary;
}

describe("a group edit on the command line", () => {
  it("runs the flagship exactly as the same edits one by one (the Busan deal's suspensions a year longer)", () => {
    const group = cli(["run", FLAGSHIP, ...sets(["events[tag=busan-deal].until+=1 year"]), "--out", "group", "-q"]);
    expect(group.stderr).toBe("");
    expect(group.code).toBe(0);
    const oneByOne = ["events.october-package-suspended.until+=1 year", "events.us-general-licences.until+=1 year", "events.us-ban-suspended.until+=1 year"];
    expect(cli(["run", FLAGSHIP, ...sets(oneByOne), "--out", "one-by-one", "-q"]).code).toBe(0);
    for (const file of ["timeline.csv", "trade.csv", "licences.csv"]) expect(read("group", file), file).toBe(read("one-by-one", file));
    expect(summaryWithoutOverrides("group")).toEqual(summaryWithoutOverrides("one-by-one"));
    expect(cli(["run", FLAGSHIP, "--out", "base", "-q"]).code).toBe(0);
    expect(read("group", "timeline.csv")).not.toBe(read("base", "timeline.csv"));
  });

  it("sweeps exactly as the same edits one by one (allied separation a year earlier, distributions of dates)", () => {
    const common = ["sweep", ALLIED, "--runs", "3", "--workers", "1", "--swing-runs", "0", "-q"];
    expect(cli([...common, ...sets(["facilities[tag=allied-separation].online-=1 year"]), "--out", "sweep-group"]).code).toBe(0);
    const oneByOne = ["us-mp-separation-expansion", "my-lynas-heavy-separation", "au-arafura-nolans-separation"].map((id) => `facilities.${id}.online-=1 year`);
    expect(cli([...common, ...sets(oneByOne), "--out", "sweep-one-by-one"]).code).toBe(0);
    expect(read("sweep-group", "replicates.csv")).toBe(read("sweep-one-by-one", "replicates.csv"));
    expect(read("sweep-group", "replicates.csv")).toContain("facilities.my-lynas-heavy-separation.online");
  });
});

describe("edits that cannot apply", () => {
  it.each<[string, string, string]>([
    [ALLIED, "facilities[tag=allied-seperation].online-=1 year", '--set facilities[tag=allied-seperation].online-=1 year:1:1: no entry of the scenario has the tag "allied-seperation"; did you mean "allied-separation"?'],
    [
      ALLIED,
      "facilities[tag=allied-projects].capacity+=6 months",
      '--set facilities[tag=allied-projects].capacity+=6 months:1:43: "6 months" is a duration, but facilities.us-mp-10x.capacity is a rate: add a rate, such as "500 t/yr" or "2 t/day"',
    ],
    [FLAGSHIP, "events.us-ban-suspended.until*=2", "--set events.us-ban-suspended.until*=2:1:32: events.us-ban-suspended.until is a date: it moves with += or -= a number of days, weeks, months or years, and cannot be multiplied or divided"],
    [FLAGSHIP, "events.us-ban-suspended.name+=1 year", '--set events.us-ban-suspended.name+=1 year:1:31: events.us-ban-suspended.name is text ("US ban suspended"), not a number: += changes dates, quantities, shares and numbers only'],
  ])("%s: %s exits 2, names the argument and writes nothing", (file, set, message) => {
    const out = `bad-${Math.random().toString(36).slice(2)}`;
    const result = cli(["run", file, "--set", set, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim()).toBe(message);
    expect(existsSync(path.join(scratch, out))).toBe(false);
  });
});

describe("--help", () => {
  it.each(["run", "sweep", "compare"])("%s --help shows relative edits and tags", (command) => {
    const help = cli([command, "--help"]).stdout.replace(/\s+/g, " ");
    expect(help).toContain("PATH+=VALUE, -=, *=, /= change the value it has");
    expect(help).toContain("COLLECTION[tag=NAME] in place of an id edits every tagged entry");
  });
});
