/**
 * OutputSink: where a command's final files go, as bytes (renderers' text is encoded once,
 * by the catalogue, before it reaches a sink). Two sinks: OutputFolder (a folder replaced
 * whole, all or nothing) and InPlaceOutputs (files replaced one by one in a sweep's folder).
 */
import type { OutputFileName } from "./output-catalogue.js";

/** A file written piece by piece (for outputs too large to hold in memory). Close it before committing. */
export interface ByteStream {
  write(bytes: Uint8Array): void;
  close(): void;
}

/** Where final outputs go: whole files, or files written piece by piece. */
export interface OutputSink {
  stream(name: OutputFileName): ByteStream;
  /** Writes `files` (in their order) and puts them, with the streamed files, in place. */
  commit(files: ReadonlyMap<OutputFileName, Uint8Array>): void;
}
