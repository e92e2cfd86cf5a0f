/** A command line as a person pastes it into a POSIX shell: arguments quoted only where they must be. */

/** The arguments joined, each single-quoted when it holds anything but safe characters. */
export function shellCommand(args: readonly string[]): string {
  return args.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
}
