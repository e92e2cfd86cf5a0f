/**
 * A merge's records read on threads (shard-readers.ts, the built thread file): whatever the
 * number of threads (none, one, two, one per shard), the outputs are the unsharded sweep's
 * bytes, with a stop rule that settles while the threads have read past it (the shards' band
 * counts cover records past it, and without them the threads must not count what they read
 * ahead), and a damaged or torn shard stops the merge with the message reading in one thread
 * gives. Real shard folders from the built CLI; the merge through the
 * built module, with the thread count set.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/src/cli/bin.js");
const TINY = path.join(ROOT, "tests/fixtures/sweep/tiny.yaml");
const RESULTS = ["replicates.csv", "replicates.parquet", "bands.csv", "summary.json", "report.html"];
const scratch = mkdtempSync(path.join(tmpdir(), "chokepoint-shard-readers-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Sink {
  stream(name: string): { write(bytes: Uint8Array): void; close(): void };
  commit(files: ReadonlyMap<string, Uint8Array>): void;
}
type WriteSweepOutputs = (folders: readonly string[], sink: Sink, log: undefined, options: { readerThreads?: number }) => Promise<unknown>;
// The built module: the threads run dist/src/cli/shard-record-thread.js, which only the build has.
const { writeSweepOutputs } = (await import(path.join(ROOT, "dist/src/cli/sweep-outputs.js"))) as { writeSweepOutputs: WriteSweepOutputs };

/** The files a merge writes, in memory. */
async function merged(folders: readonly string[], readerThreads: number): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const sink: Sink = {
    stream: (name) => {
      const parts: Uint8Array[] = [];
      return { write: (bytes) => parts.push(bytes.slice()), close: () => files.set(name, Buffer.concat(parts)) };
    },
    commit: (committed) => {
      for (const [name, bytes] of committed) files.set(name, Buffer.from(bytes));
    },
  };
  await writeSweepOutputs(folders, sink, undefined, { readerThreads });
  return files;
}

function sweep(args: readonly string[], out: string): void {
  execFileSync(process.execPath, [CLI, "sweep", TINY, ...args, "--swing-runs", "0", "--workers", "1", "--out", out, "-q"], { env: { ...process.env, CI: "1" } });
}

function expectUnshardedBytes(files: Map<string, Buffer>, whole: string, context: string): void {
  for (const name of RESULTS) expect(files.get(name)?.equals(readFileSync(path.join(whole, name))), `${name} differs from the unsharded sweep's (${context})`).toBe(true);
}

const SHARDS = 5;
const plain = { whole: path.join(scratch, "plain-whole"), shards: Array.from({ length: SHARDS }, (_, i) => path.join(scratch, `plain-${i}`)) };
const RULE = ["--until", "unmetTonnes AA metal: mean ±60% @80% min 20", "--batch", "2"];
const ruled = { whole: path.join(scratch, "rule-whole"), shards: Array.from({ length: 3 }, (_, i) => path.join(scratch, `rule-${i}`)) };

beforeAll(() => {
  const args = ["--runs", "37", "--seed", "3"];
  sweep(args, plain.whole);
  plain.shards.forEach((folder, i) => sweep([...args, "--shard", `${i}/${SHARDS}`], folder));
  const ruledArgs = ["--runs", "60", "--seed", "4", ...RULE];
  sweep(ruledArgs, ruled.whole);
  ruled.shards.forEach((folder, i) => sweep([...ruledArgs, "--shard", `${i}/3`], folder));
}, 180_000);

describe("a merge's records read on threads", () => {
  it("gives the unsharded sweep's bytes on no thread, one, two, and one per shard", async () => {
    for (const threads of [0, 1, 2, SHARDS]) expectUnshardedBytes(await merged(plain.shards, threads), plain.whole, `${threads} threads`);
  }, 120_000);

  it("with a stop rule that settles before the shards end, counts no band of a replicate read past it", async () => {
    const { manifest } = JSON.parse(readFileSync(path.join(ruled.whole, "summary.json"), "utf8")) as { manifest: { runs: number; stoppedByRule: boolean } };
    // The rule settles at 24 of the 60 planned runs (30 before importers re-planned at a control's
    // dates, issue 17), and every shard holds all its replicates: the threads read past the stop.
    expect(manifest.stoppedByRule).toBe(true);
    expect(manifest.runs).toBe(24);
    for (const threads of [0, 1, 3]) expectUnshardedBytes(await merged(ruled.shards, threads), ruled.whole, `stop rule, ${threads} threads`);
    // Without the sessions' band counts the threads count the records themselves, each once the main thread has counted it.
    const uncounted = ruled.shards.map((folder, i) => path.join(scratch, `rule-uncounted-${i}`));
    ruled.shards.forEach((folder, i) => {
      cpSync(folder, uncounted[i], { recursive: true });
      rmSync(path.join(uncounted[i], "band-counts.bin"));
    });
    for (const threads of [0, 1, 3]) expectUnshardedBytes(await merged(uncounted, threads), ruled.whole, `stop rule, no band counts, ${threads} threads`);
  }, 120_000);

  it("stops at a damaged or a torn shard with the message reading in one thread gives", async () => {
    const damaged = plain.shards.map((folder, i) => path.join(scratch, `damaged-${i}`));
    plain.shards.forEach((folder, i) => cpSync(folder, damaged[i], { recursive: true }));
    // Shard 2's fourth record gets a wrong byte in its payload: its checksum fails there.
    const records = path.join(damaged[2], "records.bin");
    const bytes = readFileSync(records);
    let at = 0;
    for (let k = 0; k < 3; k++) at += 12 + bytes.readUInt32LE(at + 4);
    bytes[at + 20] ^= 0xff;
    writeFileSync(records, bytes);
    const messages = async (folders: readonly string[]) => Promise.all([0, 1, 2].map((threads) => merged(folders, threads).then(() => "merged", (error: Error) => error.message)));
    expect(await messages(damaged)).toEqual(Array(3).fill(`${records}: the record at byte ${at} fails its checksum (the file is damaged)`));
    // Shard 1 loses the end of its last record, as a killed write leaves it.
    const torn = plain.shards.map((folder, i) => path.join(scratch, `torn-${i}`));
    plain.shards.forEach((folder, i) => cpSync(folder, torn[i], { recursive: true }));
    const tornFile = path.join(torn[1], "records.bin");
    truncateSync(tornFile, statSync(tornFile).size - 5);
    expect(await messages(torn)).toEqual(Array(3).fill(`replicate 36 is missing: ${torn[1]} ends before it (its last record is torn: the shard was killed; finish it with --resume)`));
  }, 120_000);
});
