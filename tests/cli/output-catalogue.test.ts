/**
 * The outputs catalogue (src/cli/output-catalogue.ts): every list that used to be kept by hand
 * is derived from it and equals the old list; the closing "wrote ..." lines are the ones the
 * commands printed before; the sinks write bytes exactly (a binary output fits); the cleanup of
 * a sweep's folder removes only temporaries of catalogue files; and what each command really
 * leaves in its folder is what the catalogue says it writes.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { temporaryOf } from "../../src/cli/atomic-file.js";
import { InPlaceOutputs } from "../../src/cli/in-place-outputs.js";
import {
  filesRenderedFrom,
  filesWrittenBy,
  filesWrittenOnlyBy,
  listedFiles,
  OUTPUT_FILE_NAMES,
  OUTPUT_FILES,
  recordFileName,
  renderRecord,
  SWEEP_COMMANDS,
  SWEEP_RECORD_FILE_NAMES,
  toBytes,
  writtenLines,
  type OutputFile,
  type OutputFileName,
  type WritingCommand,
} from "../../src/cli/output-catalogue.js";
import { OutputFolder } from "../../src/cli/output-folder.js";
import { MANIFEST_FILE, RECORDS_FILE } from "../../src/cli/record-file.js";
import { openSweepFolder } from "../../src/cli/sweep-folder.js";
import { SWING_FILE } from "../../src/cli/swing-file.js";
import { loadScenario, sweep, WHOLE } from "../../src/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-catalogue-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
const fresh = (name: string) => path.join(scratch, `${name}-${counter++}`);

const ENTRIES = Object.entries(OUTPUT_FILES) as [OutputFileName, OutputFile][];
const sorted = (names: Iterable<string>) => [...names].sort();

/** Bytes no UTF-8 text holds (a lone 0xff, a NUL, a truncated sequence): only a byte sink writes them as they are. */
const BINARY = new Uint8Array([0x00, 0xff, 0xfe, 0x80, 0xc3, 0x41, 0x0a, 0xe2, 0x82]);

describe("the catalogue", () => {
  it("derives every list that was kept by hand, equal to the old lists", () => {
    // output-folder.ts OUTPUT_FILE_NAMES and SWEEP_RECORD_FILE_NAMES, sweep-folder.ts SWEEP_FOLDER_FILE_NAMES and RUN_FILE_NAMES, as they were.
    expect(sorted(OUTPUT_FILE_NAMES)).toEqual(
      sorted(["timeline.csv", "summary.json", "trade.csv", "licences.csv", "report.html", "replicates.csv", "replicates.parquet", "bands.csv", "compare.csv", "run-log.json", "shard.json", "records.bin", "band-counts.bin", "invalid-draws.jsonl", "tornado-progress.jsonl", "tornado.json", "sensitivity.csv", "invalid-draws.csv", "backtest.csv"]),
    );
    expect(sorted(SWEEP_RECORD_FILE_NAMES)).toEqual(["band-counts.bin", "invalid-draws.jsonl", "records.bin", "shard.json", "tornado-progress.jsonl", "tornado.json"]);
    expect(sorted(filesWrittenBy(SWEEP_COMMANDS))).toEqual(sorted(["shard.json", "records.bin", "band-counts.bin", "invalid-draws.jsonl", "tornado-progress.jsonl", "tornado.json", "invalid-draws.csv", "run-log.json", "replicates.csv", "replicates.parquet", "bands.csv", "compare.csv", "sensitivity.csv", "summary.json", "report.html"]));
    expect(filesWrittenOnlyBy("run")).toEqual(["timeline.csv", "trade.csv", "licences.csv"]);
    expect([MANIFEST_FILE, RECORDS_FILE, SWING_FILE, recordFileName("log")]).toEqual(["shard.json", "records.bin", "tornado.json", "run-log.json"]);
  });

  it("writes a sweep's folder in catalogue order: the streamed replicates first, summary.json last", () => {
    // A new sweep file goes before summary.json: a sweep's folder gets summary.json put in place last.
    const inPlace = filesRenderedFrom("replicates", "sweep");
    expect(inPlace[0]).toBe("replicates.csv");
    expect(inPlace.at(-1)).toBe("summary.json");
  });

  it("gives each file's renderers to the commands that write it", () => {
    const writers: Record<string, readonly WritingCommand[]> = {
      run: ["run"],
      backtest: ["backtest"],
      sweep: ["merge"],
      replicates: ["merge"],
      log: [...SWEEP_COMMANDS, "merge"],
      manifest: SWEEP_COMMANDS,
      swings: SWEEP_COMMANDS,
      frames: SWEEP_COMMANDS,
      swingLines: SWEEP_COMMANDS,
      invalidLines: SWEEP_COMMANDS,
      bandCounts: SWEEP_COMMANDS,
    };
    for (const [name, file] of ENTRIES) {
      const sources = Object.keys(file.render);
      expect(sources.length, name).toBeGreaterThan(0);
      for (const source of sources) expect(file.writtenBy, `${name} from ${source}`).toEqual(expect.arrayContaining([...writers[source]]));
      if (sources.includes("sweep") || sources.includes("replicates")) expect(file.writtenBy.some((c) => (SWEEP_COMMANDS as readonly string[]).includes(c)), name).toBe(true);
      expect(file.role === "record", name).toBe(file.listed === "unlisted");
    }
    expect(OUTPUT_FILES["records.bin"].encoding).toBe("binary");
  });

  it("renders the records as their readers expect them", () => {
    expect(new TextDecoder().decode(renderRecord("swings", { points: ["every input at its median"], replicates: [{ replicate: 3, points: [] }] }).bytes)).toBe('{"points":["every input at its median"],"replicates":[{"replicate":3,"points":[]}]}\n');
    const log = renderRecord("log", { command: ["chokepoint", "merge"], shards: 2, seconds: 1.23456 });
    expect(log.name).toBe("run-log.json");
    expect(JSON.parse(new TextDecoder().decode(log.bytes))).toMatchObject({ command: ["chokepoint", "merge"], shards: 2, seconds: 1.235, runsPerSecond: null });
  });

  it("encodes text once as UTF-8 and passes bytes through", () => {
    expect([...toBytes("Côte d’Ivoire")]).toEqual([...Buffer.from("Côte d’Ivoire", "utf8")]);
    expect(toBytes(BINARY)).toBe(BINARY);
  });
});

describe("the closing lines", () => {
  const all = (command: WritingCommand) => filesWrittenBy([command]);
  it("are the lines each command printed before the catalogue", () => {
    expect(writtenLines("run", "out/x", all("run"))).toEqual([
      "wrote out/x/timeline.csv, out/x/summary.json, out/x/trade.csv, out/x/licences.csv",
      "report: out/x/report.html",
    ]);
    expect(listedFiles("run")).toEqual(["timeline.csv", "summary.json", "trade.csv", "licences.csv"]);
    const sweepFiles: OutputFileName[] = ["replicates.csv", "bands.csv", "sensitivity.csv", "report.html", "summary.json", "run-log.json", "shard.json", "records.bin", "tornado.json"];
    expect(writtenLines("sweep", "d", sweepFiles)).toEqual(["wrote d/replicates.csv, d/bands.csv, d/sensitivity.csv, d/summary.json, d/run-log.json", "report: d/report.html"]);
    expect(writtenLines("merge", "d", sweepFiles)).toEqual(["wrote d/replicates.csv, d/bands.csv, d/sensitivity.csv, d/summary.json, d/run-log.json", "report: d/report.html"]);
    expect(writtenLines("sensitivity", "d", sweepFiles)).toEqual(["wrote d/sensitivity.csv, d/replicates.csv, d/bands.csv, d/summary.json, d/run-log.json", "report: d/report.html"]);
    expect(writtenLines("compare", "d", ["summary.json", "compare.csv", "replicates.csv", "report.html", "run-log.json"])).toEqual([
      "wrote d/replicates.csv, d/compare.csv, d/summary.json, d/run-log.json",
      "report: d/report.html",
    ]);
    expect(writtenLines("sweep", "d", ["replicates.csv", "bands.csv", "report.html", "summary.json", "run-log.json"])).toEqual([
      "wrote d/replicates.csv, d/bands.csv, d/summary.json, d/run-log.json",
      "report: d/report.html",
    ]);
    expect(writtenLines("backtest", "out/backtest", all("backtest"))).toEqual(["wrote out/backtest/backtest.csv", "report: out/backtest/report.html"]);
  });
});

describe("the sinks take bytes", () => {
  it("OutputFolder writes streamed and whole files byte for byte", () => {
    const target = fresh("folder");
    const folder = OutputFolder.prepare(target);
    const stream = folder.stream("replicates.csv");
    stream.write(BINARY);
    stream.write(BINARY.subarray(1, 4));
    stream.close();
    folder.commit(new Map([["records.bin", BINARY]]));
    expect([...readFileSync(path.join(target, "replicates.csv"))]).toEqual([...BINARY, ...BINARY.subarray(1, 4)]);
    expect([...readFileSync(path.join(target, "records.bin"))]).toEqual([...BINARY]);
  });

  it("InPlaceOutputs writes them byte for byte beside a sweep's records, and discard leaves no temporary", () => {
    const folder = fresh("in-place");
    mkdirSync(folder);
    writeFileSync(path.join(folder, "records.bin"), "kept");
    const sink = new InPlaceOutputs(folder);
    const stream = sink.stream("replicates.csv");
    stream.write(BINARY);
    stream.close();
    sink.commit(new Map<OutputFileName, Uint8Array>([["summary.json", BINARY.subarray(0, 3)], ["bands.csv", BINARY]]));
    expect(sorted(readdirSync(folder))).toEqual(["bands.csv", "records.bin", "replicates.csv", "summary.json"]);
    expect([...readFileSync(path.join(folder, "replicates.csv"))]).toEqual([...BINARY]);
    expect([...readFileSync(path.join(folder, "summary.json"))]).toEqual([...BINARY.subarray(0, 3)]);

    const abandoned = new InPlaceOutputs(folder);
    abandoned.stream("replicates.csv").write(BINARY);
    expect(existsSync(temporaryOf(path.join(folder, "replicates.csv")))).toBe(true);
    abandoned.discard();
    expect(sorted(readdirSync(folder))).toEqual(["bands.csv", "records.bin", "replicates.csv", "summary.json"]);
  });
});

describe("a sweep's folder", () => {
  const { plan } = sweep(loadScenario(TINY), { runs: 2, swingRuns: 0 });
  /** A process id no process has now (a child that has exited). */
  const deadPid = () => spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;

  it("loses the temporaries killed writes of catalogue files left", () => {
    const folder = fresh("leftovers");
    mkdirSync(folder);
    const leftover = `.bands.csv.${deadPid()}.tmp`;
    writeFileSync(path.join(folder, leftover), "half a file");
    const opened = openSweepFolder(folder, plan, WHOLE, false, { outcome: () => {}, skipped: () => {} });
    opened.appender.close();
    expect(sorted(readdirSync(folder))).toEqual(["records.bin", "shard.json"]);
  });

  it("keeps any other dot-file that looks like a temporary, and is refused for it", () => {
    // The cleanup once removed any `.NAME.PID.tmp`, a user's own file included, before the folder was checked.
    const folder = fresh("users-file");
    mkdirSync(folder);
    const mine = `.notes.${deadPid()}.tmp`;
    writeFileSync(path.join(folder, mine), "my notes");
    expect(() => openSweepFolder(folder, plan, WHOLE, false, { outcome: () => {}, skipped: () => {} })).toThrow(
      `cannot write outputs to ${folder}: it holds files chokepoint did not write (${mine}), which replacing it would delete; name a new or empty folder`,
    );
    expect(readFileSync(path.join(folder, mine), "utf8")).toBe("my notes");
  });
});

describe("what each command leaves in its folder", () => {
  function cli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [CLI, ...args], { cwd: scratch, timeout: 120_000, killSignal: "SIGKILL", env: { ...process.env, CI: "1" } }, (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
      });
    });
  }
  /** The files the "wrote" and "report" lines name, as names. */
  const named = (stdout: string, folder: string) =>
    stdout
      .split("\n")
      .filter((line) => line.startsWith("wrote ") || line.startsWith("report: "))
      .flatMap((line) => line.replace(/^(wrote |report: )/, "").split(", "))
      .map((file) => path.relative(folder, file));

  it("is the catalogue's files of that command, each final one named once in the closing lines, and a second run replaces the first", async () => {
    const shards = [fresh("shard"), fresh("shard")];
    const runs: [WritingCommand, string, string[]][] = [
      ["run", fresh("run"), ["run", TINY]],
      ["sweep", fresh("sweep"), ["sweep", TINY, "--runs", "4", "--swing-runs", "1", "--workers", "1"]],
      ["compare", fresh("compare"), ["compare", TINY, "--alt", "higher=controls.licence.approval=90%", "--runs", "3", "--workers", "1"]],
      ["sensitivity", fresh("sensitivity"), ["sensitivity", path.join(ROOT, "tests/fixtures/sweep/one-input.yaml"), "--runs", "4", "--swing-runs", "1", "--workers", "1"]],
      ["sweep", shards[0], ["sweep", TINY, "--runs", "4", "--swing-runs", "1", "--workers", "1", "--shard", "0/2"]],
      ["sweep", shards[1], ["sweep", TINY, "--runs", "4", "--swing-runs", "1", "--workers", "1", "--shard", "1/2"]],
      ["merge", fresh("merge"), ["merge", ...shards]],
      ["backtest", fresh("backtest"), ["backtest", "--runs", "1", "--episode", "gallium-2023"]],
    ];
    for (const [command, folder, args] of runs) {
      const result = await cli([...args, "--out", folder]);
      expect(result.code, `${command}: ${result.stderr}`).toBe(0);
      const files = readdirSync(folder);
      const mayWrite = filesWrittenBy([command]);
      expect(files.filter((name) => !(mayWrite as string[]).includes(name)), command).toEqual([]);
      const finals = files.filter((name) => !SWEEP_RECORD_FILE_NAMES.has(name));
      if (!shards.includes(folder)) expect(sorted(named(result.stdout, folder)), command).toEqual(sorted(finals));
    }
    // Run, merge and backtest replace their own folder whole: every file they write is one they may replace.
    for (const [command, folder, args] of runs.filter(([command]) => command === "run" || command === "merge" || command === "backtest")) {
      const again = await cli([...args, "--out", folder, "-q"]);
      expect(again.code, `${command} again: ${again.stderr}`).toBe(0);
    }
  }, 240_000);
});
