/**
 * Hostile input, case by case: every way a fuzz run broke the CLI (crashes with a stack trace,
 * hangs, wrong output with exit 0) must now end with exit 2, a message naming the file and the
 * place, no stack trace, and no output written. Each runs the real CLI in a child process;
 * the time bound is the child's timeout (a hang fails the test), never a wall-clock assertion.
 * Fixtures are built here from the shipped scenarios, changing one line each.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-hostile-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Outcome {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in `cwd`; a run longer than `timeoutMs` is killed and reported as signal SIGKILL. */
function cli(args: readonly string[], cwd = scratch, timeoutMs = 45_000): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      resolve({ code, signal: error?.signal ?? null, stdout, stderr });
    });
  });
}

/** Exit 2, not killed by the time bound, no stack trace, and stderr's first line as given. */
function expectRefused(result: Outcome, firstLine: string | RegExp): void {
  expect(result.signal, "the command hung and was killed at its time bound").toBeNull();
  for (const stream of [result.stdout, result.stderr]) {
    expect(stream).not.toMatch(/^\s+at /m);
    expect(stream).not.toMatch(/internal error|RangeError|TypeError/i);
  }
  expect(result.code).toBe(2);
  const line = result.stderr.split("\n")[0];
  if (typeof firstLine === "string") expect(line).toBe(firstLine);
  else expect(line).toMatch(firstLine);
}

/** A copy of the shipped scenarios under `name`, with `edit` applied to one of its files. */
function shippedCopy(name: string, file: string, edit: (text: string) => string): string {
  const folder = path.join(scratch, name);
  cpSync(path.join(ROOT, "scenarios"), folder, { recursive: true });
  const target = path.join(folder, file);
  const before = readFileSync(target, "utf8");
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  writeFileSync(target, after);
  return folder;
}

/** The 1-based line and column of the first occurrence of `needle` in `file`. */
function positionOf(file: string, needle: string): string {
  const text = readFileSync(file, "utf8");
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in ${file}`);
  const before = text.slice(0, at).split("\n");
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

describe.concurrent("input that used to crash with a stack trace", () => {
  it("3,000 levels of block-map nesting in YAML", async () => {
    const file = path.join(scratch, "deep.yaml");
    let text = "";
    for (let i = 0; i < 3000; i++) text += `${" ".repeat(i)}k${i}:\n`;
    writeFileSync(file, text + `${" ".repeat(3000)}v\n`);
    expectRefused(await cli(["validate", "deep.yaml"]), "deep.yaml:65:65: mappings and lists nest more than 64 levels deep here; a scenario needs fewer than 10");
  });

  it("a JSON array nested 20,000 deep", async () => {
    writeFileSync(path.join(scratch, "deep.json"), "[".repeat(20_000) + "]".repeat(20_000));
    expectRefused(await cli(["validate", "deep.json"]), "deep.json:1:64: mappings and lists nest more than 64 levels deep here; a scenario needs fewer than 10");
  });

  it("500 levels of nesting are refused the same way, 60 reach validation", async () => {
    const nested = (depth: number) => "a:\n" + Array.from({ length: depth }, (_, i) => `${"  ".repeat(i + 1)}k:`).join("\n") + " 1\n";
    writeFileSync(path.join(scratch, "d500.yaml"), nested(500));
    writeFileSync(path.join(scratch, "d60.yaml"), nested(60));
    expectRefused(await cli(["validate", "d500.yaml"]), /^d500\.yaml:65:\d+: mappings and lists nest more than 64 levels/);
    // 60 levels parse; the file is then judged as a scenario (and is not one).
    expectRefused(await cli(["validate", "d60.yaml"]), /^d60\.yaml:1:1 commodities: is required$/);
  });

  it.each([["1e6"], ["800"]])("a lognormal processing time with sigma %s", async (sigma) => {
    const folder = shippedCopy(`sigma-${sigma}`, "events/controls-2025.yaml", (t) =>
      t.replace("processingTime: { triangular: [30 working days, 45 working days, 90 working days] }", `processingTime: { lognormal: { median: 45 days, sigma: ${sigma} } }`),
    );
    const at = positionOf(path.join(folder, "events/controls-2025.yaml"), `sigma: ${sigma}`).replace(/:(\d+)$/, (_, c) => `:${Number(c) + 7}`);
    expectRefused(
      await cli(["run", "reinstated-2026.yaml", "--out", path.join(folder, "out")], folder),
      `events/controls-2025.yaml:${at} controls.tungsten-licensing-2025.processingTime.lognormal.sigma: must be at most 3, got ${Number(sigma)}`,
    );
    expect(existsSync(path.join(folder, "out"))).toBe(false);
  });

  it("a lognormal outage duration with sigma 800", async () => {
    const folder = shippedCopy("outage-sigma", "reinstated-2026.yaml", (t) =>
      t.replace(/^start:/m, "facilities:\n  cn-antimony-mines:\n    outages: { perYear: 2, duration: { lognormal: { median: 20 days, sigma: 800 } } }\nstart:"),
    );
    expectRefused(await cli(["run", "reinstated-2026.yaml", "--out", path.join(folder, "out")], folder), /^reinstated-2026\.yaml:\d+:\d+ facilities\.cn-antimony-mines\.outages\.duration\.lognormal\.sigma: must be at most 3, got 800$/);
  });

  it("warmUp: 1e300 days", async () => {
    const folder = shippedCopy("warmup-huge", "reinstated-2026.yaml", (t) => t.replace(/^warmUp:.*$/m, "warmUp: 1e300 days"));
    const at = positionOf(path.join(folder, "reinstated-2026.yaml"), "1e300 days");
    expectRefused(await cli(["run", "reinstated-2026.yaml", "--out", path.join(folder, "out")], folder), `reinstated-2026.yaml:${at} warmUp: must be at most 10 years (3,653 days), got "1e300 days"`);
  });
});

describe.concurrent("input that used to hang", () => {
  it("warmUp: 1e9 days", async () => {
    const folder = shippedCopy("warmup-long", "reinstated-2026.yaml", (t) => t.replace(/^warmUp:.*$/m, "warmUp: 1e9 days"));
    expectRefused(await cli(["run", "reinstated-2026.yaml", "--out", path.join(folder, "out")], folder), /^reinstated-2026\.yaml:\d+:\d+ warmUp: must be at most 10 years \(3,653 days\), got "1e9 days"$/);
  });

  it.each([["0.001 days"], ["1e-300 days"]])("trade.orderInterval: %s", async (interval) => {
    const folder = shippedCopy(`interval-${interval.split(" ")[0]}`, "world/base.yaml", (t) => t.replace("orderInterval: 30 days", `orderInterval: ${interval}`));
    const at = positionOf(path.join(folder, "world/base.yaml"), interval);
    expectRefused(
      await cli(["run", "reinstated-2026.yaml", "--out", path.join(folder, "out")], folder),
      `world/base.yaml:${at} trade.orderInterval: must be at least 1 day and at most 366 days, got "${interval}"`,
    );
  });

  it("run --out /proc/nope is refused before simulating", async () => {
    expectRefused(await cli(["run", path.join(ROOT, "scenarios/reinstated-2026.yaml"), "--out", "/proc/nope"]), "cannot write outputs to /proc/nope: cannot write into /proc: the file system refuses new entries there (ENOENT)");
  });

  it("run --out under a file is refused before simulating", async () => {
    expectRefused(await cli(["run", path.join(ROOT, "scenarios/reinstated-2026.yaml"), "--out", "/dev/null/x"]), "cannot write outputs to /dev/null/x: /dev/null is not a folder");
  });

  it("a FIFO as a scenario file", async () => {
    const { execFileSync } = await import("node:child_process");
    execFileSync("mkfifo", [path.join(scratch, "fifo.yaml")]);
    expectRefused(await cli(["validate", "fifo.yaml"]), "fifo.yaml:1:1: cannot read fifo.yaml: it is not a regular file (a named pipe); scenario files are regular YAML or JSON files");
  });

  it.each([["/dev/zero"], ["/dev/urandom"]])("validate %s", async (device) => {
    expectRefused(await cli(["validate", device]), `${device}:1:1: cannot read ${device}: it is not a regular file (a character device); scenario files are regular YAML or JSON files`);
  });

  it("a scenario file over the 8 MB cap", async () => {
    writeFileSync(path.join(scratch, "big.yaml"), "# padding\n".repeat(900_000));
    expectRefused(await cli(["validate", "big.yaml"]), "big.yaml:1:1: cannot read big.yaml: it is 8.6 MB; scenario files may be at most 8 MB");
  });
});

describe.concurrent("input that used to give wrong output with exit 0", () => {
  it("capacity: 1.7e308", async () => {
    const folder = shippedCopy("capacity-huge", "world/antimony.yaml", (t) => t.replace("capacity: 40,000 t/yr", "capacity: 1.7e308"));
    const at = positionOf(path.join(folder, "world/antimony.yaml"), "1.7e308");
    expectRefused(
      await cli(["run", "reinstated-2026.yaml", "--out", path.join(folder, "out")], folder),
      `world/antimony.yaml:${at} facilities.cn-antimony-mines.capacity: must be at most 10 Gt/yr (1e10 t/yr), got 1.7e+308`,
    );
    expect(existsSync(path.join(folder, "out"))).toBe(false);
  });

  it("a file named ...yaml with no name: never writes into the working folder", async () => {
    const folder = path.join(scratch, "dots");
    mkdirSync(folder);
    const text = readFileSync(path.join(ROOT, "tests/fixtures/good/minimal.yaml"), "utf8").replace(/^name:.*\n/m, "");
    writeFileSync(path.join(folder, "...yaml"), text);
    expectRefused(await cli(["run", "...yaml"], folder), /^\.\.\.yaml:\d+:1: the file name "\.\.\.yaml" gives no usable scenario id; add name: \(lower-case letters, digits and dashes\)$/);
    expect(readdirSync(folder)).toEqual(["...yaml"]);
  });

  it("a type clash between merged files names both places", async () => {
    const folder = path.join(scratch, "clash");
    cpSync(path.join(ROOT, "scenarios"), folder, { recursive: true });
    writeFileSync(path.join(folder, "no-facilities.yaml"), "facilities: true\n");
    writeFileSync(
      path.join(folder, "clash.yaml"),
      "name: clash\nextends: [world/base.yaml, no-facilities.yaml, events/controls-2025.yaml]\nstart: 2026-01-01\nend: 2026-12-31\n",
    );
    const result = await cli(["validate", "clash.yaml"], folder);
    expectRefused(result, /^no-facilities\.yaml:1:13 facilities: a single value here replaces a mapping inherited from world\/[a-z-]+\.yaml:\d+:\d+; this field takes a mapping/);
  });

  it("a __proto__ key is reported as unknown like any other", async () => {
    const folder = path.join(scratch, "proto");
    mkdirSync(folder);
    const text = readFileSync(path.join(ROOT, "tests/fixtures/good/minimal.yaml"), "utf8");
    writeFileSync(path.join(folder, "proto.yaml"), text + "__proto__: { polluted: true }\n");
    const lines = text.split("\n").length;
    expectRefused(await cli(["validate", "proto.yaml"], folder), new RegExp(`^proto\\.yaml:${lines}:1 __proto__: unknown key "__proto__" \\(allowed: name, `));
  });

  it('"ton" is refused with a hint', async () => {
    const folder = shippedCopy("ton", "world/antimony.yaml", (t) => t.replace("capacity: 40,000 t/yr", "capacity: 40,000 ton/yr"));
    const at = positionOf(path.join(folder, "world/antimony.yaml"), "40,000 ton/yr");
    expectRefused(
      await cli(["validate", "reinstated-2026.yaml"], folder),
      `world/antimony.yaml:${at} facilities.cn-antimony-mines.capacity: "40,000 ton/yr": "ton" is ambiguous (a US short ton is 0.907 t, a long ton 1.016 t); write "t" for the metric tonne, such as "270 kt/yr" or "2 t/day"`,
    );
  });

  it("summarize --countries refuses an unknown country and an empty entry", async () => {
    const flagship = path.join(ROOT, "scenarios/baseline-2024.yaml");
    expectRefused(await cli(["summarize", flagship, "--countries", "ZZ,,US"]), /^--countries: unknown country "ZZ"; did you mean "MZ"\?\. The scenarios have: AR, AU, /);
    expectRefused(await cli(["summarize", flagship, "--countries", "US,,JP"]), '--countries: an empty country code in "US,,JP"');
  });
});

describe.concurrent("extends through symbolic links", () => {
  let folder: string;
  beforeAll(() => {
    folder = path.join(scratch, "links");
    cpSync(path.join(ROOT, "scenarios"), folder, { recursive: true });
    const outside = path.join(scratch, "outside");
    mkdirSync(outside);
    writeFileSync(path.join(outside, "evil.yaml"), "commodities: { evil: {} }\n");
    symlinkSync(outside, path.join(folder, "linked"));
    symlinkSync("/etc/passwd", path.join(folder, "passwd.yaml"));
  });

  it("a linked folder outside the tree is refused", async () => {
    writeFileSync(path.join(folder, "via-folder.yaml"), "name: via-folder\nextends: [world/base.yaml, linked/evil.yaml]\nstart: 2026-01-01\nend: 2026-12-31\n");
    expectRefused(await cli(["validate", "via-folder.yaml"], folder), /^via-folder\.yaml:2:28 extends\[1\]: "linked\/evil\.yaml" is outside the scenario's folder tree \(.*\); extends may only name files in or below it$/);
  });

  it("a link to /etc/passwd is refused, not read", async () => {
    writeFileSync(path.join(folder, "via-file.yaml"), "name: via-file\nextends: passwd.yaml\nstart: 2026-01-01\nend: 2026-12-31\n");
    const result = await cli(["validate", "via-file.yaml"], folder);
    expectRefused(result, /^via-file\.yaml:2:10 extends: "passwd\.yaml" is outside the scenario's folder tree/);
    expect(result.stderr).not.toMatch(/root:/);
  });

  it("a link that stays inside the tree is followed", async () => {
    symlinkSync(path.join(folder, "world"), path.join(folder, "world-link"));
    const text = readFileSync(path.join(folder, "reinstated-2026.yaml"), "utf8").replace("world/base.yaml", "world-link/base.yaml");
    writeFileSync(path.join(folder, "inside.yaml"), text.replace(/^name: .*$/m, "name: inside"));
    const result = await cli(["validate", "inside.yaml"], folder);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
