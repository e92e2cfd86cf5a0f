/**
 * What-ifs from the command line (issue 19): `run FILE --vs BASE` against two separate runs on
 * the same seed, "No difference" for an identical file, the overrides in the manifest, the
 * terminal header and the report's title line, and default folders that keep a what-if apart
 * from its base (run, sweep and compare). The real CLI in a child process, real files.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const BAN = path.join(ROOT, "tests/fixtures/what-if/suspended-ban.yaml");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const EARLIER = "events.ban-suspended.until=2025-04-01";
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-run-vs-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[], cwd = scratch) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh working folder under the scratch folder. */
function folder(name: string): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir);
  return dir;
}

/** The hash a default folder name carries for `sets` (default-folder.ts). */
function hashOf(sets: string[]): string {
  return createHash("sha256").update(JSON.stringify(sets)).digest("hex").slice(0, 8);
}

interface Kpi {
  country: string;
  commodity: string;
  unmetTonnes: number;
  shortfallDays: number;
  firstShortfallDate: string | null;
}

function summaryOf(dir: string) {
  return JSON.parse(readFileSync(path.join(dir, "summary.json"), "utf8"));
}

describe("run --vs", () => {
  it("reports, pair by pair, the differences between two separate runs on the same seed", () => {
    const cwd = folder("real-change");
    for (const seed of ["7", "12"]) {
      const base = cli(["run", BAN, "--seed", seed, "--out", `base-${seed}`, "-q"], cwd);
      const alone = cli(["run", BAN, "--seed", seed, "--set", EARLIER, "--out", `alone-${seed}`, "-q"], cwd);
      const vs = cli(["run", BAN, "--seed", seed, "--set", EARLIER, "--vs", BAN, "--out", `vs-${seed}`], cwd);
      expect([base.code, alone.code, vs.code, vs.stderr]).toEqual([0, 0, 0, ""]);
      const baseKpis: Kpi[] = summaryOf(path.join(cwd, `base-${seed}`)).kpis;
      const whatIfKpis: Kpi[] = summaryOf(path.join(cwd, `alone-${seed}`)).kpis;
      const summary = summaryOf(path.join(cwd, `vs-${seed}`));
      // The what-if's own outputs are those of the what-if run alone: running the base beside it changes nothing.
      expect(summary.kpis).toEqual(whatIfKpis);
      for (const file of ["timeline.csv", "trade.csv", "licences.csv"]) {
        expect(readFileSync(path.join(cwd, `vs-${seed}`, file)).equals(readFileSync(path.join(cwd, `alone-${seed}`, file)))).toBe(true);
      }
      // Every pair whose shortfall moved between the two separate runs is listed, with their figures; no other.
      const moved = baseKpis.filter((b) => {
        const w = whatIfKpis.find((k) => k.country === b.country && k.commodity === b.commodity)!;
        return w.unmetTonnes !== b.unmetTonnes || w.shortfallDays !== b.shortfallDays || w.firstShortfallDate !== b.firstShortfallDate;
      });
      expect(moved.length).toBeGreaterThan(0);
      expect(summary.whatIf.pairs.map((p: Kpi) => `${p.country} ${p.commodity}`).sort()).toEqual(moved.map((k) => `${k.country} ${k.commodity}`).sort());
      for (const pair of summary.whatIf.pairs) {
        const b = baseKpis.find((k) => k.country === pair.country && k.commodity === pair.commodity)!;
        const w = whatIfKpis.find((k) => k.country === pair.country && k.commodity === pair.commodity)!;
        expect(pair.base).toEqual({ unmetTonnes: b.unmetTonnes, shortfallDays: b.shortfallDays, firstShortfallDate: b.firstShortfallDate, demandTonnes: expect.any(Number) });
        expect(pair.whatIf).toEqual({ unmetTonnes: w.unmetTonnes, shortfallDays: w.shortfallDays, firstShortfallDate: w.firstShortfallDate, demandTonnes: expect.any(Number) });
        expect(pair.unmetDifferenceTonnes).toBeCloseTo(w.unmetTonnes - b.unmetTonnes, 6);
        expect(pair.shortfallDaysDifference).toBe(w.shortfallDays - b.shortfallDays);
      }
    }
  });

  it("shows the expected pairs when the ban comes back two months earlier (seed 7)", () => {
    const cwd = folder("expected");
    const { code, stdout } = cli(["run", BAN, "--set", EARLIER, "--vs", BAN], cwd);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe(`A suspended ban that lapses (what-if: ${EARLIER}) (seed 7)`);
    expect(stdout).toContain(`What the change does against suspended-ban (${BAN}), on the same random numbers (seed 7, replicate 0): 2 pairs moved (2 worse).`);
    // The sooner the ban, the earlier AA's metal runs short and the more goes unmet in both markets.
    expect(stdout).toMatch(/AA\s+metal\s+worse\s+29\.7 -> 99\.6\s+\+69\.9\s+37 -> 122\s+2025-11-25 -> 2025-09-01/);
    expect(stdout).toMatch(/CC\s+ore\s+worse\s+107\.2 -> 138\.3\s+\+31\.1\s+198 -> 254\s+2025-04-08\n/);
    const summary = summaryOf(path.join(cwd, "out", `suspended-ban+${hashOf([EARLIER])}`));
    expect(summary.whatIf.pairs.map((p: { country: string; change: string }) => [p.country, p.change])).toEqual([
      ["AA", "worse"],
      ["CC", "worse"],
    ]);
  });

  it("shows no difference against an identical file, in the terminal, summary.json and the report", () => {
    const cwd = folder("identical");
    const { code, stdout, stderr } = cli(["run", BAN, "--vs", BAN, "--out", "same"], cwd);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain(`No difference against suspended-ban (${BAN}), on the same random numbers (seed 7, replicate 0): no country-commodity pair's tonnes unmet, days short or first short date moved.`);
    expect(stdout).toContain("2 pairs short in both runs are unchanged.");
    const summary = summaryOf(path.join(cwd, "same"));
    expect(summary.whatIf).toEqual({ pairs: [], unchangedShortPairs: 2, otherKpisMoved: [] });
    expect(summary.manifest.vs.scenarioHash).toBe(summary.manifest.scenarioHash);
    const html = readFileSync(path.join(cwd, "same", "report.html"), "utf8");
    expect(html).toContain('<section id="what-if">');
    expect(html).toContain("<p>No difference against suspended-ban");
  });

  it("records the overrides verbatim and in order, and the base, in summary.json's manifest and the report", () => {
    const cwd = folder("manifest");
    const sets = ["controls.ban.effective=2025-03-01", EARLIER];
    expect(cli(["run", BAN, "--set", sets[0], "--set", sets[1], "--vs", "./" + path.relative(cwd, BAN), "--out", "what-if", "-q"], cwd).code).toBe(0);
    expect(cli(["run", BAN, "--out", "plain", "-q"], cwd).code).toBe(0);
    const manifest = summaryOf(path.join(cwd, "what-if")).manifest;
    expect(manifest.overrides).toEqual(sets);
    expect(manifest.vs).toEqual({ file: "./" + path.relative(cwd, BAN), scenario: "suspended-ban", scenarioHash: summaryOf(path.join(cwd, "plain")).manifest.scenarioHash });
    expect(manifest.scenarioHash).not.toBe(manifest.vs.scenarioHash);
    const plain = summaryOf(path.join(cwd, "plain"));
    expect([plain.manifest.overrides, plain.manifest.vs, plain.whatIf]).toEqual([[], null, undefined]);
    const html = readFileSync(path.join(cwd, "what-if", "report.html"), "utf8");
    expect(html).toContain(`<h1>A suspended ban that lapses (what-if: ${sets.join("; ")})</h1>`);
    expect(html).toContain(`What-if: the title, question and description above are the scenario file&#39;s; this run changes ${sets.join("; ")}.`);
    // The rerun command carries the overrides and the base.
    expect(html).toMatch(/--set controls\.ban\.effective=2025-03-01 --set events\.ban-suspended\.until=2025-04-01 --vs \.\//);
  });

  it("writes a what-if to its own default folder, the same one each time, and leaves its base's alone", () => {
    const cwd = folder("folders");
    expect(cli(["run", BAN, "-q"], cwd).code).toBe(0);
    const base = readFileSync(path.join(cwd, "out", "suspended-ban", "summary.json"));
    const first = cli(["run", BAN, "--set", EARLIER], cwd);
    expect(first.code).toBe(0);
    expect(first.stdout.trimEnd().split("\n").at(-1)).toBe(`report: ${path.join("out", `suspended-ban+${hashOf([EARLIER])}`, "report.html")}`);
    expect(cli(["run", BAN, "--set", EARLIER, "-q"], cwd).code).toBe(0);
    expect(cli(["run", BAN, "--set", "events.ban-suspended.until=2025-10-01", "-q"], cwd).code).toBe(0);
    expect(readdirSync(path.join(cwd, "out")).sort()).toEqual(["suspended-ban", `suspended-ban+${hashOf([EARLIER])}`, `suspended-ban+${hashOf(["events.ban-suspended.until=2025-10-01"])}`].sort());
    expect(readFileSync(path.join(cwd, "out", "suspended-ban", "summary.json")).equals(base)).toBe(true);
  });

  it("gives sweeps and compares with --set their own default folders too", () => {
    const cwd = folder("sweep-folders");
    const set = "stockpiles.reserve.level=0 days";
    expect(cli(["sweep", TINY, "--runs", "2", "--swing-runs", "0", "--workers", "1", "-q"], cwd).code).toBe(0);
    expect(cli(["sweep", TINY, "--runs", "2", "--swing-runs", "0", "--workers", "1", "--set", set, "-q"], cwd).code).toBe(0);
    expect(cli(["compare", TINY, "--alt", "big=stockpiles.reserve.level=90 days", "--runs", "2", "--workers", "1", "--set", set, "-q"], cwd).code).toBe(0);
    expect(readdirSync(path.join(cwd, "out")).sort()).toEqual(["tiny-sweep", `tiny+${hashOf([set])}-compare`, `tiny+${hashOf([set])}-sweep`].sort());
    // A sharded what-if sweep's shards, and the merge it points to, carry the hash too.
    const shard = cli(["sweep", TINY, "--runs", "2", "--swing-runs", "0", "--workers", "1", "--set", set, "--shard", "0/2"], cwd);
    expect(shard.code).toBe(0);
    expect(existsSync(path.join(cwd, "out", `tiny+${hashOf([set])}-sweep-shards`, "shard-0-of-2"))).toBe(true);
    expect(shard.stdout).toContain(`--out ${path.join("out", `tiny+${hashOf([set])}-sweep`)}`);
  });

  it("says in --help that --set changes FILE only, and that compare is the tool for many replicates", () => {
    const help = cli(["run", "--help"]).stdout.replace(/\s+/g, " ");
    expect(help).toContain("--set changes FILE only: `run F --vs F --set PATH=VALUE` is that override's what-if against F as it is. One replicate; for many, with intervals, use compare");
    expect(help).toContain("output folder (default: out/<scenario-name>/, or out/<scenario-name>+<hash of the --set list>/ with --set)");
  });

  it("refuses a base that reports another period, and a base that is not a scenario, writing nothing", () => {
    const cwd = folder("refused");
    const other = cli(["run", BAN, "--vs", BAN, "--set", "end=2026-06-30"], cwd);
    expect(other.code).toBe(2);
    expect(other.stderr).toBe(`--vs ${BAN}: suspended-ban reports 2025-01-01 to 2026-06-30, the base suspended-ban 2025-01-01 to 2025-12-31: a what-if and its base must report the same period\n`);
    const missing = cli(["run", BAN, "--vs", "no-such-scenario"], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^no-such-scenario:1:1: cannot read no-such-scenario: no such file, and no shipped scenario has that name/);
    expect(existsSync(path.join(cwd, "out"))).toBe(false);
  });
});
