/**
 * Record codec: a replicate outcome as bytes, framed so that a file of them can be appended
 * to, read back in a stream, and cut at a torn last frame.
 *
 * A frame is: "CKR1" (4 bytes), the payload's length (u32), its CRC-32 (u32), the payload
 * (deflated). The payload holds the replicate number, then per alternative its KPI values,
 * input values and band bins, little-endian. Bins are stored series by series (a series'
 * periods side by side) and stock bins as differences from the period before, which is what
 * lets them compress: stocks move little from one week to the next. A frame whose length runs past the end of the
 * data, or whose CRC does not match, is torn or corrupt: `RecordReader` stops before it and
 * says where, and whether it was the last thing in the file (torn: a killed write) or not
 * (corrupt: refused).
 */
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import type { AlternativeOutcome, ReplicateOutcome } from "./replicate-outcome.js";
import { SweepError } from "./sweep-error.js";

const MAGIC = 0x3152_4b43; // "CKR1" read as a little-endian u32
const HEADER_BYTES = 12;

/** Sizes every record of one sweep shares (they are in its manifest, not in each record). */
export interface RecordShape {
  readonly alternatives: number;
  readonly kpiValues: number;
  readonly inputs: readonly number[];
  /** Band cells: periods x series, period-major (index period * series + s). */
  readonly bandCells: number;
  readonly series: number;
}

/** The frame of one replicate outcome. */
export function encodeRecord(outcome: ReplicateOutcome, shape: RecordShape): Uint8Array {
  if (outcome.alternatives.length !== shape.alternatives) {
    throw new SweepError("record-shape", `record of replicate ${outcome.replicate}: ${outcome.alternatives.length} alternatives, the sweep has ${shape.alternatives}`);
  }
  let size = 4;
  outcome.alternatives.forEach((a, i) => {
    checkSize(a, shape, i, outcome.replicate);
    size += a.kpis.byteLength + a.inputs.byteLength + a.shareBins.byteLength + a.stockBins.byteLength;
  });
  const raw = new Uint8Array(size);
  const view = new DataView(raw.buffer);
  view.setUint32(0, outcome.replicate, true);
  let at = 4;
  for (const a of outcome.alternatives) {
    for (const array of [a.kpis, a.inputs]) {
      for (let i = 0; i < array.length; i++, at += 8) view.setFloat64(at, array[i], true);
    }
    const series = shape.series;
    const periods = series === 0 ? 0 : shape.bandCells / series;
    for (let s = 0; s < series; s++) for (let p = 0; p < periods; p++) raw[at++] = a.shareBins[p * series + s];
    for (let s = 0; s < series; s++) {
      let previous = 0;
      for (let p = 0; p < periods; p++, at += 2) {
        const bin = a.stockBins[p * series + s];
        view.setUint16(at, (bin - previous) & 0xffff, true);
        previous = bin;
      }
    }
  }
  const payload = deflateRawSync(raw, { level: 6 });
  const frame = new Uint8Array(HEADER_BYTES + payload.length);
  const header = new DataView(frame.buffer);
  header.setUint32(0, MAGIC, true);
  header.setUint32(4, payload.length, true);
  header.setUint32(8, crc32(payload), true);
  frame.set(payload, HEADER_BYTES);
  return frame;
}

function checkSize(a: AlternativeOutcome, shape: RecordShape, i: number, replicate: number): void {
  const inputs = shape.inputs[i];
  if (a.kpis.length !== shape.kpiValues || a.inputs.length !== inputs || a.shareBins.length !== shape.bandCells || a.stockBins.length !== shape.bandCells) {
    throw new SweepError("record-shape", `record of replicate ${replicate}, alternative ${i}: sizes do not match the sweep's`);
  }
}

/** Whether this machine stores numbers little-endian, as records do (then typed arrays read them directly). */
const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `count` little-endian doubles from `at` in `raw`: copied whole into an aligned buffer when the machine is little-endian. */
function doublesAt(raw: Uint8Array, view: DataView, at: number, count: number): Float64Array {
  if (IS_LITTLE_ENDIAN) return new Float64Array(raw.buffer.slice(raw.byteOffset + at, raw.byteOffset + at + count * 8));
  const values = new Float64Array(count);
  for (let k = 0; k < count; k++) values[k] = view.getFloat64(at + k * 8, true);
  return values;
}

/** `count` little-endian u16 from `at` in `raw`. */
function u16At(raw: Uint8Array, view: DataView, at: number, count: number): Uint16Array {
  if (IS_LITTLE_ENDIAN) return new Uint16Array(raw.buffer.slice(raw.byteOffset + at, raw.byteOffset + at + count * 2));
  const values = new Uint16Array(count);
  for (let k = 0; k < count; k++) values[k] = view.getUint16(at + k * 2, true);
  return values;
}

/** Decodes one frame's payload (already checked) into an outcome. */
function decodePayload(payload: Uint8Array, shape: RecordShape): ReplicateOutcome {
  const raw = inflateRawSync(payload);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const replicate = view.getUint32(0, true);
  const series = shape.series;
  const periods = series === 0 ? 0 : shape.bandCells / series;
  const expected = 4 + shape.alternatives * (shape.kpiValues * 8 + shape.bandCells * 3) + shape.inputs.reduce((sum, n) => sum + n * 8, 0);
  if (expected !== raw.length) throw new RecordError(`a record of replicate ${replicate} has ${raw.length} bytes, the sweep's records have ${expected}`);
  let at = 4;
  const alternatives: AlternativeOutcome[] = [];
  for (let i = 0; i < shape.alternatives; i++) {
    const kpis = doublesAt(raw, view, at, shape.kpiValues);
    at += shape.kpiValues * 8;
    const inputs = doublesAt(raw, view, at, shape.inputs[i]);
    at += shape.inputs[i] * 8;
    // Stored series by series (a series' periods side by side); held period by period.
    const shareBins = new Uint8Array(shape.bandCells);
    for (let s = 0; s < series; s++) for (let p = 0, cell = s; p < periods; p++, cell += series) shareBins[cell] = raw[at++];
    const deltas = u16At(raw, view, at, shape.bandCells);
    at += shape.bandCells * 2;
    const stockBins = new Uint16Array(shape.bandCells);
    for (let s = 0, k = 0; s < series; s++) {
      let previous = 0;
      for (let p = 0, cell = s; p < periods; p++, cell += series) {
        previous = (previous + deltas[k++]) & 0xffff;
        stockBins[cell] = previous;
      }
    }
    alternatives.push({ kpis, inputs, shareBins, stockBins });
  }
  return { replicate, alternatives };
}

/** A record file that cannot be read as this sweep's records. */
export class RecordError extends SweepError {
  constructor(message: string) {
    super("bad-record", message);
  }
}

/**
 * Reads frames from chunks of a record file, in order. `push` each chunk; `next` gives the next
 * whole, checked outcome or undefined when more bytes are needed. At the end of the file,
 * `tail` tells how many bytes after the last good frame were left over (a torn write).
 */
export class RecordReader {
  private buffer = new Uint8Array(0);
  private start = 0;
  /** Bytes of whole, good frames consumed so far. */
  goodBytes = 0;
  private readonly shape: RecordShape;

  constructor(shape: RecordShape) {
    this.shape = shape;
  }

  /** Adds the next chunk of the file. */
  push(chunk: Uint8Array): void {
    const rest = this.buffer.subarray(this.start);
    const joined = new Uint8Array(rest.length + chunk.length);
    joined.set(rest, 0);
    joined.set(chunk, rest.length);
    this.buffer = joined;
    this.start = 0;
  }

  /**
   * The next outcome, or undefined when the buffered bytes hold no whole frame. Throws a
   * RecordError on a frame that is whole but wrong (bad magic, bad CRC): damage, not a torn end.
   */
  next(): ReplicateOutcome | undefined {
    const available = this.buffer.length - this.start;
    if (available < HEADER_BYTES) return undefined;
    const view = new DataView(this.buffer.buffer, this.buffer.byteOffset + this.start, available);
    if (view.getUint32(0, true) !== MAGIC) throw new RecordError(`no record starts at byte ${this.goodBytes} (the file is damaged, or not a chokepoint record file)`);
    const length = view.getUint32(4, true);
    if (available < HEADER_BYTES + length) return undefined;
    const payload = this.buffer.subarray(this.start + HEADER_BYTES, this.start + HEADER_BYTES + length);
    if (crc32(payload) !== view.getUint32(8, true)) throw new RecordError(`the record at byte ${this.goodBytes} fails its checksum (the file is damaged)`);
    let outcome: ReplicateOutcome;
    try {
      outcome = decodePayload(payload, this.shape);
    } catch (error) {
      if (error instanceof RecordError) throw error;
      throw new RecordError(`the record at byte ${this.goodBytes} cannot be decoded: ${(error as Error).message}`);
    }
    this.start += HEADER_BYTES + length;
    this.goodBytes += HEADER_BYTES + length;
    return outcome;
  }

  /** Bytes buffered after the last good frame (at the end of the file: a torn last write). */
  get tail(): number {
    return this.buffer.length - this.start;
  }
}
