/**
 * chokepoint backtest end to end: the real CLI replays the shipped record at the documented
 * number of replicates; the criteria the model meets today stay met (a model change that loses
 * one fails here and must say why in docs/validation.md); the scorecard in docs/validation.md and
 * the README's short table are the command's own output; bad records and options are refused.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-backtest-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Criteria the model meets today (episode, criterion as the scorecard names it), at the documented 20 replicates. */
const MET_TODAY = [
  ["graphite-flake-2023", "direction over 2023-12..2024-02"],
  ["graphite-flake-2023", "month of the trough in 2023-11..2024-08"],
  ["graphite-flake-2023", "depth of the trough in 2023-11..2024-08"],
  ["graphite-flake-2023", "level over 2024-01..2024-02 (y/y)"],
  ["graphite-flake-2023", "month back within 25% of the baseline"],
  ["graphite-flake-2023", "level over 2024-03..2024-10 (y/y)"],
  ["graphite-spherical-2023", "direction over 2023-12..2024-02"],
  ["graphite-spherical-2023", "month of the trough in 2023-11..2024-08"],
  ["gallium-2023", "direction over 2023-08..2023-12"],
  ["gallium-2023", "month of the trough in 2023-07..2024-06"],
  ["gallium-2023", "depth of the trough in 2023-07..2024-06"],
  ["gallium-2023", "month back within 25% of the baseline"],
  ["gallium-2023", "level over 2024-01..2024-12"],
  ["germanium-2023", "direction over 2023-08..2023-12"],
  ["germanium-2023", "month of the trough in 2023-07..2024-06"],
  ["germanium-2023", "depth of the trough in 2023-07..2024-06"],
  ["magnets-2025", "direction over 2025-04..2025-06"],
  ["magnets-2025", "month of the trough in 2025-03..2025-12"],
  ["magnets-2025", "month back within 25% of the baseline"],
  ["magnets-2025", "level over 2025-07..2025-12"],
  ["antimony-price-2024", "direction over 2024-09..2024-12"],
];

/** The cells of one CSV line (quoted cells may hold commas and doubled quotes). */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let at = 0;
  while (at <= line.length) {
    if (line[at] === '"') {
      let cell = "";
      at++;
      while (at < line.length && !(line[at] === '"' && line[at + 1] !== '"')) {
        cell += line[at];
        at += line[at] === '"' ? 2 : 1;
      }
      cells.push(cell);
      at += 2;
    } else {
      const end = line.indexOf(",", at);
      cells.push(line.slice(at, end < 0 ? line.length : end));
      at = end < 0 ? line.length + 1 : end + 1;
    }
  }
  return cells;
}

/** The lines between `<!-- NAME:begin -->` and `<!-- NAME:end -->` of a document. */
function block(document: string, name: string): string {
  const match = new RegExp(`<!-- ${name}:begin -->\\n([^]*?)<!-- ${name}:end -->`).exec(document);
  if (match === null) throw new Error(`no ${name} block`);
  return match[1];
}

describe("chokepoint backtest", () => {
  let run: ReturnType<typeof cli>;
  let csv: string[][];
  beforeAll(() => {
    run = cli(["backtest", "--runs", "20", "--markdown", "--out", path.join(scratch, "out")]);
    csv = readFileSync(path.join(scratch, "out", "backtest.csv"), "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => parseCsvLine(line));
  }, 300_000);

  it("scores every episode and writes backtest.csv and report.html", () => {
    // Progress only: plain lines (CI is set), the last one the total.
    for (const line of run.stderr.trimEnd().split("\n")) expect(line).toMatch(/^backtest: \d+\/40 replicates(, | in )/);
    expect(run.stderr.trimEnd().split("\n").at(-1)).toMatch(/^backtest: 40\/40 replicates in [\d.]+ s$/);
    expect(run.code).toBe(0);
    expect(csv[0]).toEqual(["episode", "scenario", "seed", "replicates", "criterion_kind", "criterion", "series", "record", "tolerance", "model_p5", "model_median", "model_p95", "share_met", "verdict", "source"]);
    expect(new Set(csv.slice(1).map((row) => row[0]))).toEqual(new Set(["graphite-flake-2023", "graphite-spherical-2023", "gallium-2023", "germanium-2023", "magnets-2025", "antimony-price-2024", "rare-earths-2010-recovery"]));
    const report = readFileSync(path.join(scratch, "out", "report.html"), "utf8");
    expect(report).toContain('id="fan-magnets-2025"');
  });

  it("keeps met what the model meets today", () => {
    for (const [episode, criterion] of MET_TODAY) {
      const row = csv.find((r) => r[0] === episode && r[5] === criterion);
      expect(row, `${episode}: ${criterion}`).toBeDefined();
      expect(`${episode}: ${criterion}: ${row![13]} (${row![12]} of replicates)`).toBe(`${episode}: ${criterion}: met (${row![12]} of replicates)`);
    }
  });

  it("is the scorecard docs/validation.md and the README show", () => {
    const [summary, scorecard] = run.stdout.split(/\n\n(?=\| episode \| criterion)/);
    expect(block(readFileSync(path.join(ROOT, "docs/validation.md"), "utf8"), "scorecard")).toBe(`${scorecard.split("\n\nwrote ")[0].trimEnd()}\n`);
    expect(block(readFileSync(path.join(ROOT, "README.md"), "utf8"), "backtest-summary")).toBe(`${summary}\n`);
  });

  it("refuses an unknown episode, and a record whose series its scenario cannot answer, where it is written", () => {
    const unknown = cli(["backtest", "--episode", "galium-2023", "--out", path.join(scratch, "no")]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('--episode: "galium-2023" is not an episode of the record; did you mean "gallium-2023"?\n');
    const record = path.join(scratch, "record.yaml");
    writeFileSync(
      record,
      readFileSync(path.join(ROOT, "validation/episodes.yaml"), "utf8").replace("commodities: [gallium-primary, gallium]", "commodities: [gallium-primary, galium]"),
    );
    const bad = cli(["backtest", "--record", record, "--episode", "gallium-2023", "--out", path.join(scratch, "no")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^\S+record\.yaml:\d+:\d+ episodes\.gallium-2023\.series\.exports\.commodities\[1\]: history-2023-2025 has no commodity "galium"\n$/);
  });
});
