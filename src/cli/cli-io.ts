/**
 * CliIo: where a command's output goes. The bin passes the process's streams; tests pass
 * buffers, so that every command runs in-process and returns its exit code.
 */

/** Output streams and the bits of the environment commands may look at. */
export interface CliIo {
  /** Writes text to standard output as is. */
  readonly stdout: (text: string) => void;
  /** Writes text to standard error as is. */
  readonly stderr: (text: string) => void;
  /** Whether standard error is a terminal (progress bars draw only there). */
  readonly isErrorTerminal: boolean;
  /** Environment variables (shard indices, CI). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A line writer on top of a stream writer. */
export function lineWriter(write: (text: string) => void): (line: string) => void {
  return (line) => write(line + "\n");
}

/** The process's own streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isErrorTerminal: process.stderr.isTTY === true,
    env: process.env,
  };
}
