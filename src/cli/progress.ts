/**
 * Progress of a sweep on stderr: a bar with rate and ETA on a terminal (cli-progress), plain
 * lines at most every few seconds when stderr is not a terminal or CI is set, so logs of
 * cluster jobs stay readable; nothing at all for a quiet command.
 */
import { SingleBar } from "cli-progress";
import type { CliIo } from "./cli-io.js";

const PLAIN_EVERY_MS = 5000;

/** A progress display for `total` replicates (or runs: `unit`), `already` of them done before it started. */
export class Progress {
  private readonly io: CliIo;
  private readonly total: number;
  private readonly label: string;
  private readonly unit: string;
  private readonly bar: SingleBar | undefined;
  private readonly started = performance.now();
  private readonly already: number;
  private lastPlain = 0;

  constructor(io: CliIo, total: number, already: number, label: string, unit = "replicates") {
    this.io = io;
    this.total = total;
    this.already = already;
    this.label = label;
    this.unit = unit;
    const isPlain = !io.isErrorTerminal || (io.env.CI !== undefined && io.env.CI !== "" && io.env.CI !== "false");
    if (!isPlain) {
      this.bar = new SingleBar({
        format: `${label} [{bar}] {value}/{total} ${unit} | {rate}/s | ETA {eta_formatted}`,
        stream: { write: (text: string) => io.stderr(text), isTTY: true, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, columns: 100 } as unknown as NodeJS.WriteStream,
        hideCursor: false,
        barsize: 30,
      });
      this.bar.start(total, already, { rate: "0" });
    } else if (already > 0) {
      io.stderr(`${label}: resuming at ${already} of ${total} ${unit}\n`);
    }
  }

  /** `done` replicates are recorded now. */
  tick(done: number): void {
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? (done - this.already) / seconds : 0;
    if (this.bar !== undefined) {
      this.bar.update(done, { rate: rate.toFixed(1) });
      return;
    }
    const now = performance.now();
    if (now - this.lastPlain < PLAIN_EVERY_MS) return;
    this.lastPlain = now;
    const left = rate > 0 ? (this.total - done) / rate : Infinity;
    this.io.stderr(`${this.label}: ${done}/${this.total} ${this.unit}, ${rate.toFixed(1)}/s, ${Number.isFinite(left) ? `about ${Math.ceil(left)} s left` : "estimating"}\n`);
  }

  /** The end: the bar closes, or a last plain line. */
  done(done: number): void {
    const seconds = (performance.now() - this.started) / 1000;
    if (this.bar !== undefined) {
      this.bar.update(done);
      this.bar.stop();
      return;
    }
    this.io.stderr(`${this.label}: ${done}/${this.total} ${this.unit} in ${seconds.toFixed(1)} s\n`);
  }
}

/** The io a command's progress is drawn on: `io` itself, or for a quiet command (-q) one whose stderr writes nothing, since quiet means nothing printed on success (failures are printed by main, on its own io). */
export function progressIo(io: CliIo, isQuiet: boolean): CliIo {
  return isQuiet ? { ...io, stderr: () => {}, isErrorTerminal: false } : io;
}
