// A worker thread that runs the built CLI's `main` in-process, one command per message, so a
// test can run many commands without paying for a process each, and still stop one that hangs
// (by terminating the worker). Messages in: { id, argv, cwd? }; out: { id, code, stdout, stderr }.
import { parentPort } from "node:worker_threads";
import { main } from "../../../dist/src/cli/main.js";

parentPort.on("message", async ({ id, argv }) => {
  let stdout = "";
  let stderr = "";
  const io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isErrorTerminal: false, env: {} };
  let code;
  try {
    code = await main(argv, io);
  } catch (error) {
    code = -1;
    stderr += `thrown: ${error && error.stack ? error.stack : String(error)}`;
  }
  parentPort.postMessage({ id, code, stdout, stderr });
});
