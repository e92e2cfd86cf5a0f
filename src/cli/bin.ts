#!/usr/bin/env node
/** The `chokepoint` executable: runs the command line on the process's arguments and streams. */
import { processIo } from "./cli-io.js";
import { main } from "./main.js";

// A reader that stops early (`chokepoint run | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}
process.exitCode = await main(process.argv.slice(2), processIo());
