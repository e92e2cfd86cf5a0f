/**
 * The CSV files read in pandas as the README says to read them: every country code, Namibia's
 * `NA` included, comes back as written, and empty cells still come back as missing. The read
 * line is taken from the README itself, and run by the real pandas (Debian's python3-pandas,
 * which .ci/run installs) on a real run's timeline.csv and trade.csv and a real sweep's
 * replicates.csv. Pandas' default read is checked too: it turns `NA` into a missing value, which
 * is why the README's line is needed (quoting the codes would not stop it).
 *
 * Without pandas (a developer machine) the test says so and is skipped, except under CI.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const isCi = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";

/** The first Python with pandas: Debian's (where .ci/run installs python3-pandas), else the one on the PATH. */
const python = ["/usr/bin/python3", "python3"].find((candidate) => spawnSync(candidate, ["-c", "import pandas"], { stdio: "ignore" }).status === 0);
if (python === undefined && isCi) throw new Error("pandas is missing: .ci/run installs Debian's python3-pandas for this test");
if (python === undefined) console.warn("pandas test skipped: no python3 with pandas (apt-get install python3-pandas)");

/** Namibia (NA) mines lithium for itself and the US; the capacity is uncertain, so the sweep samples it. */
const SCENARIO = `name: namibia
start: 2025-01-01
end: 2025-03-31
commodities:
  lithium: { name: Lithium, stage: refined }
countries:
  NA: { name: Namibia }
  US: { name: United States }
  CN: { name: China }
facilities:
  na-mine: { country: NA, capacity: { uniform: [300 t/yr, 500 t/yr] }, outputs: { lithium: 1 } }
  cn-mine: { country: CN, capacity: 400 t/yr, outputs: { lithium: 1 } }
markets:
  NA:
    lithium: { demand: 20 t/yr }
  US:
    lithium: { demand: 500 t/yr, imports: { NA: 60%, CN: 40% } }
`;

/**
 * Reads each file three ways: Python's csv module (no missing-value detection: the cells as
 * written), pandas by default, and pandas with the README's keyword arguments. Prints, per file
 * and id column, the cells as written, as pandas reads them with the README's line (None for a
 * missing one), how many pandas' default read makes missing, and how many empty cells stay
 * missing with the README's line.
 */
const READER = `
import csv, json, sys
import pandas as pd
kwargs = eval("dict(" + sys.argv[1] + ")")
result = {}
for name in sys.argv[2:]:
    with open(name, newline="") as f:
        rows = list(csv.DictReader(f))
    default = pd.read_csv(name)
    documented = pd.read_csv(name, **kwargs)
    columns = {}
    for column in ["country", "commodity", "exporter", "importer"]:
        if column not in documented.columns:
            continue
        columns[column] = {
            "written": [row[column] for row in rows],
            "read": [None if pd.isna(v) else v for v in documented[column]],
            "missingByDefault": int(default[column].isna().sum()),
        }
    empty = sum(1 for row in rows for v in row.values() if v == "")
    result[name] = {"columns": columns, "emptyCells": empty, "missingCells": int(documented.isna().sum().sum())}
print(json.dumps(result))
`;

const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-pandas-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The keyword arguments of the README's pd.read_csv line. */
function readmeKeywords(): string {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const match = /^pd\.read_csv\("[^"]+", (.+)\)$/m.exec(readme);
  if (match === null) throw new Error("the README no longer shows a pd.read_csv line");
  return match[1];
}

interface ColumnRead {
  readonly written: string[];
  readonly read: (string | null)[];
  readonly missingByDefault: number;
}

describe.skipIf(python === undefined)("the CSV files in pandas, read as the README says", () => {
  let reads: Record<string, { columns: Record<string, ColumnRead>; emptyCells: number; missingCells: number }>;

  beforeAll(() => {
    writeFileSync(path.join(scratch, "namibia.yaml"), SCENARIO);
    const cli = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { cwd: scratch, env: { ...process.env, CI: "1" }, stdio: ["ignore", "ignore", "inherit"] });
    cli("run", "namibia.yaml", "--out", "run", "-q");
    cli("sweep", "namibia.yaml", "--runs", "3", "--workers", "1", "--out", "sweep", "-q");
    const files = ["run/timeline.csv", "run/trade.csv", "sweep/replicates.csv"];
    const output = execFileSync(python as string, ["-c", READER, readmeKeywords(), ...files], { cwd: scratch, encoding: "utf8" });
    reads = JSON.parse(output) as typeof reads;
  }, 180_000);

  it.each([
    ["run/timeline.csv", "country"],
    ["run/trade.csv", "exporter"],
    ["sweep/replicates.csv", "country"],
  ])("%s: every %s code reads as written, NA included (pandas' default read loses NA)", (file, column) => {
    const read = reads[file].columns[column];
    expect(read.written).toContain("NA");
    expect(read.read).toEqual(read.written);
    expect(read.missingByDefault).toBe(read.written.filter((code) => code === "NA").length);
  });

  it.each(["run/timeline.csv", "run/trade.csv", "sweep/replicates.csv"])("%s: every id column reads as written, and only empty cells are missing", (file) => {
    for (const [column, read] of Object.entries(reads[file].columns)) expect(read.read, column).toEqual(read.written);
    expect(reads[file].missingCells).toBe(reads[file].emptyCells);
  });

  it("the sweep's replicates.csv has empty cells (dates that never came), and they stay missing", () => {
    expect(reads["sweep/replicates.csv"].emptyCells).toBeGreaterThan(0);
  });
});
