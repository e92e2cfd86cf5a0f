/**
 * The CLI run in this process on the given arguments (as bin.ts runs it), then one JSON line on
 * stdout: its exit code, the process's CPU seconds (every thread's, start-up included) and peak
 * memory. The merge bench runs merges through it, because on a shared machine CPU seconds
 * measure a merge's work where wall-clock seconds measure the neighbours too.
 */
import { processIo } from "../src/cli/cli-io.js";
import { main } from "../src/cli/main.js";

const exitCode = await main(process.argv.slice(2), processIo());
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ exitCode, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + "\n");
process.exitCode = exitCode;
