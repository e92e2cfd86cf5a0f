/**
 * Files written in place in a sweep's own folder, beside its records, each replaced atomically
 * (written under a temporary name, then renamed: atomic-file.ts): the final outputs of an
 * unsharded sweep (InPlaceOutputs) and the records written whole (writeRecordInPlace:
 * shard.json, tornado.json, run-log.json). What each file holds comes from the outputs
 * catalogue.
 */
import { closeSync, fsyncSync, openSync, rmSync } from "node:fs";
import path from "node:path";
import { putInPlace, temporaryOf, writeAll, writeFileAtomically, writeTemporary } from "./atomic-file.js";
import { filesRenderedFrom, renderRecord, type OutputFileName, type OutputSources, type RecordSource } from "./output-catalogue.js";
import type { ByteStream, OutputSink } from "./output-sink.js";
import { writing } from "./write-failure.js";

/** What is left, and what to do, when a sweep's final outputs cannot be written. */
const OUTPUTS_LEFT = "the sweep's records are complete and its other files are whole (old or new): free some space and run the same command with --resume to write them";

/** The files InPlaceOutputs may write, in the catalogue's order, which is the order they are put in place (summary.json last). */
const IN_PLACE_ORDER: readonly OutputFileName[] = filesRenderedFrom("replicates", "sweep");

/**
 * Final outputs written into a sweep's own folder beside its records, each file replaced
 * atomically, in catalogue order (summary.json last). Every file of one sweep plan has the
 * same content whenever it is written, so a kill between renames can only leave complete
 * files of that same sweep; a final file the result does not have is removed before the
 * renames. A file that cannot be written stops with exit 2 naming it, and no temporary file
 * is left.
 */
export class InPlaceOutputs implements OutputSink {
  private readonly folder: string;
  /** Files written under their temporary names, not yet renamed into place. */
  private readonly pending = new Set<OutputFileName>();

  constructor(folder: string) {
    this.folder = folder;
  }

  stream(name: OutputFileName): ByteStream {
    const file = path.join(this.folder, name);
    const temporary = temporaryOf(file);
    this.pending.add(name);
    const fd = writing(file, OUTPUTS_LEFT, () => openSync(temporary, "w"), () => this.discard());
    let isOpen = true;
    const close = (sync: boolean) => {
      if (!isOpen) return;
      isOpen = false;
      try {
        if (sync) fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    };
    const giveUp = () => {
      try {
        close(false);
      } finally {
        this.discard();
      }
    };
    return {
      write: (bytes) => writing(file, OUTPUTS_LEFT, () => writeAll(fd, bytes), giveUp),
      close: () => writing(file, OUTPUTS_LEFT, () => close(true), () => this.discard()),
    };
  }

  commit(files: ReadonlyMap<OutputFileName, Uint8Array>): void {
    try {
      for (const [name, bytes] of files) {
        this.pending.add(name);
        writeTemporary(path.join(this.folder, name), bytes, OUTPUTS_LEFT);
      }
      // A final file this result does not have (replicates.csv of a sweep extended past a
      // spreadsheet's rows) goes first, so that it is never left beside outputs it does not match.
      for (const name of IN_PLACE_ORDER) {
        const file = path.join(this.folder, name);
        if (!this.pending.has(name)) writing(file, OUTPUTS_LEFT, () => rmSync(file, { force: true }));
      }
      for (const name of IN_PLACE_ORDER) if (this.pending.has(name)) putInPlace(path.join(this.folder, name), OUTPUTS_LEFT);
      this.pending.clear();
    } catch (error) {
      this.discard();
      throw error;
    }
  }

  /** Removes this process's temporary files of a write that failed (of every file the sink may write). */
  discard(): void {
    for (const name of IN_PLACE_ORDER) rmSync(temporaryOf(path.join(this.folder, name)), { force: true });
    this.pending.clear();
  }
}

/** Writes the one file of a record source (`manifest`, `swings`, `log`) into a sweep's `folder`, atomically; `then` says what is left if it fails. */
export function writeRecordInPlace<S extends RecordSource>(folder: string, source: S, input: OutputSources[S], then: string): void {
  const { name, bytes } = renderRecord(source, input);
  writeFileAtomically(path.join(folder, name), bytes, then);
}
