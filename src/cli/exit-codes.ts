/** Process exit codes of the CLI. */
export const ExitCode = {
  OK: 0,
  /** A bug or an unexpected failure (not the user's input). */
  INTERNAL: 1,
  /** Bad input: invalid scenario, bad option, unreadable file. */
  BAD_INPUT: 2,
} as const;

/** Raised by commands to stop with a message and an exit code (no stack trace shown). */
export class CliExit extends Error {
  readonly exitCode: number;

  constructor(exitCode: number, message: string) {
    super(message);
    this.exitCode = exitCode;
  }
}
