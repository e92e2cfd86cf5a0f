/**
 * The run command end to end, as a user runs it: the real CLI in a child process, real files.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-run-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("chokepoint run", () => {
  it("the built executable runs by itself, as npx starts it (shebang and execute bit)", () => {
    const result = spawnSync(CLI, ["--version"], { encoding: "utf8" });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
  });

  it("with no file runs the flagship scenario into out/<name>/ and prints the worst shortfalls", () => {
    const cwd = path.join(scratch, "default");
    mkdirSync(cwd);
    const { code, stdout, stderr } = cli(["run"], cwd);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("reinstated-2026");
    expect(stdout).toMatch(/country\s+commodity\s+first short/);
    const out = path.join(cwd, "out", "reinstated-2026");
    expect(readdirSync(out).sort()).toEqual(["licences.csv", "report.html", "summary.json", "timeline.csv", "trade.csv"]);
    // The last line says where the report is, for a person to open.
    expect(stdout.trimEnd().split("\n").at(-1)).toBe(`report: ${path.join("out", "reinstated-2026", "report.html")}`);
    expect(readFileSync(path.join(out, "licences.csv"), "utf8").split("\n")[0]).toBe(
      "date,exporter,commodity,destination,applied_t,approved_t,refused_t,pending_t,pending_applications",
    );
    expect(readFileSync(path.join(out, "trade.csv"), "utf8").split("\n")[0]).toBe("year,commodity,exporter,importer,tonnes,controlled_origin_t");
    const summary = JSON.parse(readFileSync(path.join(out, "summary.json"), "utf8"));
    expect(Object.keys(summary.manifest)).toEqual(expect.arrayContaining(["tool", "version", "scenario", "scenarioHash", "seed"]));
    expect(summary.manifest.tool).toBe("chokepoint");
    expect(summary.kpis.length).toBeGreaterThan(0);
    expect(Object.keys(summary.kpis[0])).toEqual([
      "country",
      "commodity",
      "firstShortfallDate",
      "peakShortfallShare",
      "shortfallDays",
      "unmetTonnes",
      "demandTonnes",
      "stockpileEmptyDate",
      "recoveryDate",
      "givenUpTonnes",
      "peakPriceIndex",
      "defenceUnmetTonnes",
      "criticalUnmetTonnes",
      "unmetValue",
      "givenUpValue",
      "reserveTonnes",
      "reserveCost",
    ]);
  });

  it("writes byte-identical files for the same seed, and different ones for another seed", () => {
    const run = (seed: string, name: string) => {
      const out = path.join(scratch, name);
      expect(cli(["run", "scenarios/reinstated-2026.yaml", "--seed", seed, "--out", out, "--quiet"]).code).toBe(0);
      return { csv: readFileSync(path.join(out, "timeline.csv")), json: readFileSync(path.join(out, "summary.json")), html: readFileSync(path.join(out, "report.html")) };
    };
    const a = run("7", "a");
    const b = run("7", "b");
    const c = run("8", "c");
    expect(a.csv.equals(b.csv)).toBe(true);
    expect(a.json.equals(b.json)).toBe(true);
    expect(a.html.equals(b.html)).toBe(true);
    expect(a.html.equals(c.html)).toBe(false);
    expect(a.json.equals(c.json)).toBe(false);
  });

  it("writes a timeline whose every row conserves tonnes", () => {
    const out = path.join(scratch, "conservation");
    expect(cli(["run", "--out", out, "--quiet"]).code).toBe(0);
    const lines = readFileSync(path.join(out, "timeline.csv"), "utf8").trimEnd().split("\n");
    const header = lines[0].split(",");
    expect(header).toEqual([
      "date",
      "country",
      "commodity",
      "demand_t",
      "consumed_t",
      "shortfall_t",
      "given_up_t",
      "production_t",
      "input_use_t",
      "imports_t",
      "exports_t",
      "inventory_t",
      "stockpile_t",
      "price_index",
    ]);
    const col = Object.fromEntries(header.map((name, i) => [name, i]));
    let previous: string[] | undefined;
    let checked = 0;
    for (const line of lines.slice(1)) {
      const row = line.split(",");
      const n = (name: string) => Number(row[col[name]]);
      expect(Math.abs(n("demand_t") - n("consumed_t") - n("shortfall_t") - n("given_up_t"))).toBeLessThan(1e-5);
      if (previous !== undefined && previous[1] === row[1] && previous[2] === row[2]) {
        const p = (name: string) => Number(previous![col[name]]);
        const change = n("inventory_t") + n("stockpile_t") - p("inventory_t") - p("stockpile_t");
        const flows = n("production_t") + n("imports_t") - n("exports_t") - n("consumed_t") - n("input_use_t");
        // Values are printed with 6 decimals, so each carries up to 5e-7 of rounding.
        expect(Math.abs(change - flows)).toBeLessThan(5e-6);
        checked++;
      }
      previous = row;
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  it("leaves no output at all when the files cannot be written", () => {
    const out = path.join(scratch, "blocked");
    mkdirSync(path.join(out, "timeline.csv"), { recursive: true });
    const { code, stderr } = cli(["run", "--out", out, "--quiet"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot write outputs to .*blocked: it holds files chokepoint did not write \(timeline\.csv\)/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out)).toEqual(["timeline.csv"]);
    expect(existsSync(path.join(out, "summary.json"))).toBe(false);
  });

  it("prints help and the version", () => {
    const help = cli(["run", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--seed <n>");
    expect(cli(["--version"]).stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
  });

  it("prints the JSON Schema", () => {
    const { code, stdout } = cli(["schema"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).$schema).toBe("http://json-schema.org/draft-07/schema#");
  });
});
