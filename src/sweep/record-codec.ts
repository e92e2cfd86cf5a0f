/**
 * Record codec: a replicate outcome as bytes, framed so that a file of them can be appended
 * to, read back in a stream, and cut at a torn last frame.
 *
 * A frame (format 2) is: "CKR2" (4 bytes), the payload's length (u32), its CRC-32 (u32), the
 * payload: the body's length (u32), the body (deflated), the band extremes (deflated). The body
 * holds the replicate number, then per alternative its KPI values, input values and band bins,
 * little-endian. Bins are stored series by series (a series' periods side by side) and stock
 * bins as differences from the period before, which is what lets them compress: stocks move
 * little from one week to the next. The band extremes are the base's band values that are new
 * least or greatest values of the file (band-extremes.ts): all of them in a file's first
 * record, a few in each later one. The body is encoded where the replicate ran; the extremes
 * where the file is written, in its order. A frame whose length runs past the end of the data,
 * or whose CRC does not match, is torn or corrupt: `RecordReader` stops before it and says
 * where, and whether it was the last thing in the file (torn: a killed write) or not (corrupt:
 * refused). Format 1 ("CKR1", no extremes) is refused with what to do.
 */
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { NEW_GREATEST, NEW_LEAST, NO_UPDATES, updatesFromBytes, updatesToBytes, type BandExtremes, type ExtremeUpdates } from "./band-extremes.js";
import type { AlternativeOutcome, ReplicateOutcome } from "./replicate-outcome.js";
import { SweepError } from "./sweep-error.js";

const MAGIC = 0x3252_4b43; // "CKR2" read as a little-endian u32
/** Format 1's magic ("CKR1"): records without band extremes, written before them. */
const FORMAT_1_MAGIC = 0x3152_4b43;
const HEADER_BYTES = 12;

/** Sizes every record of one sweep shares (they are in its manifest, not in each record). */
export interface RecordShape {
  readonly alternatives: number;
  readonly kpiValues: number;
  readonly inputs: readonly number[];
  /** Band cells: periods x series, period-major (index period * series + s). */
  readonly bandCells: number;
  readonly series: number;
  /** Band values whose extremes a record keeps: the base's (2 x bandCells) in a sweep, none in a compare (no bands). */
  readonly bandValues: number;
}

/**
 * The frame of one replicate outcome, the next record of a file whose records' extremes so far
 * are `extremes` (updated): recordBody and recordFrame in one.
 */
export function encodeRecord(outcome: ReplicateOutcome, shape: RecordShape, extremes: BandExtremes | undefined): Uint8Array {
  return recordFrame(recordBody(outcome, shape), newExtremes(outcome, shape, extremes));
}

/** The base's band values of `outcome` that are new extremes of a file whose records' extremes so far are `extremes` (updated): what its record keeps. */
export function newExtremes(outcome: ReplicateOutcome, shape: RecordShape, extremes: BandExtremes | undefined): ExtremeUpdates {
  if (shape.bandValues === 0) return NO_UPDATES;
  if (extremes === undefined) throw new SweepError("record-shape", `record of replicate ${outcome.replicate}: a sweep's records keep band extremes, and none were given`);
  const base = outcome.alternatives[0];
  return extremes.take(base.bandLows, base.bandHighs);
}

/** A record's body (deflated): everything but the band extremes, encoded where the replicate ran. */
export function recordBody(outcome: ReplicateOutcome, shape: RecordShape): Uint8Array {
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
  // Copied out of what zlib gives (a small result may be a view of Node's shared pool): the body crosses threads by transfer.
  return new Uint8Array(deflateRawSync(raw, { level: 6 }));
}

/** The frame of a record from its body (recordBody's) and its band extremes (newExtremes'). */
export function recordFrame(body: Uint8Array, extremes: ExtremeUpdates): Uint8Array {
  const kept = deflateRawSync(updatesToBytes(extremes), { level: 6 });
  const length = 4 + body.length + kept.length;
  const frame = new Uint8Array(HEADER_BYTES + length);
  const header = new DataView(frame.buffer);
  header.setUint32(0, MAGIC, true);
  header.setUint32(4, length, true);
  header.setUint32(12, body.length, true);
  frame.set(body, HEADER_BYTES + 4);
  frame.set(kept, HEADER_BYTES + 4 + body.length);
  header.setUint32(8, crc32(frame.subarray(HEADER_BYTES)), true);
  return frame;
}

function checkSize(a: AlternativeOutcome, shape: RecordShape, i: number, replicate: number): void {
  const inputs = shape.inputs[i];
  const values = i === 0 ? shape.bandValues : 0;
  if (a.kpis.length !== shape.kpiValues || a.inputs.length !== inputs || a.shareBins.length !== shape.bandCells || a.stockBins.length !== shape.bandCells || a.bandLows.length < values || a.bandHighs.length < values) {
    throw new SweepError("record-shape", `record of replicate ${replicate}, alternative ${i}: sizes do not match the sweep's`);
  }
}

/** Whether this machine stores numbers little-endian, as records do (then typed arrays read them directly). */
const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Where one alternative's parts lie in a payload (byte offsets). */
export interface AlternativeLayout {
  readonly kpis: number;
  readonly inputs: number;
  readonly shareBins: number;
  readonly stockDeltas: number;
}

/** Where each part of a payload lies, the same in every record of a sweep. */
export interface PayloadLayout {
  /** The payload's size once inflated. */
  readonly bytes: number;
  readonly alternatives: readonly AlternativeLayout[];
  /** KPI and input values of a replicate, all alternatives together (what `copyValues` copies). */
  readonly values: number;
}

/** The layout of every payload of records of `shape`. */
export function payloadLayout(shape: RecordShape): PayloadLayout {
  let at = 4;
  let values = 0;
  const alternatives: AlternativeLayout[] = [];
  for (let i = 0; i < shape.alternatives; i++) {
    const kpis = at;
    const inputs = kpis + shape.kpiValues * 8;
    const shareBins = inputs + shape.inputs[i] * 8;
    const stockDeltas = shareBins + shape.bandCells;
    at = stockDeltas + shape.bandCells * 2;
    values += shape.kpiValues + shape.inputs[i];
    alternatives.push({ kpis, inputs, shareBins, stockDeltas });
  }
  return { bytes: at, alternatives, values };
}

/** One frame's payload, inflated and checked for size: its body, and its band extremes. */
export interface RecordPayload {
  readonly replicate: number;
  readonly bytes: Uint8Array;
  readonly extremes: ExtremeUpdates;
}

/** `count` little-endian doubles from byte `at` of `bytes` into `into` from index `to`. */
function copyDoubles(bytes: Uint8Array, at: number, count: number, into: Float64Array, to: number): void {
  if (IS_LITTLE_ENDIAN) {
    new Uint8Array(into.buffer, into.byteOffset + to * 8, count * 8).set(bytes.subarray(at, at + count * 8));
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let k = 0; k < count; k++) into[to + k] = view.getFloat64(at + k * 8, true);
}

/**
 * Copies a payload's KPI and input values, alternative by alternative (each one's KPIs, then
 * its inputs), into `into` from index `to`: `layout.values` doubles.
 */
export function copyValues(payload: RecordPayload, layout: PayloadLayout, into: Float64Array, to: number): void {
  let k = to;
  for (const part of layout.alternatives) {
    const count = (part.shareBins - part.kpis) / 8;
    copyDoubles(payload.bytes, part.kpis, count, into, k);
    k += count;
  }
}

/**
 * The base alternative's band bins of a payload as the record holds them, series by series (a
 * series' periods side by side: cell s * periods + p): its share bins as a view of the payload,
 * its stock bins decoded into `stocks`.
 */
export function baseBandBinsBySeries(payload: RecordPayload, layout: PayloadLayout, shape: RecordShape, stocks: Uint16Array): Uint8Array {
  const part = layout.alternatives[0];
  const series = shape.series;
  const periods = series === 0 ? 0 : shape.bandCells / series;
  const bytes = payload.bytes;
  // The deltas copied whole into `stocks` and summed there in place (half the time of reading them byte by byte): this runs over every band cell of every replicate a merge reads.
  if (IS_LITTLE_ENDIAN) new Uint8Array(stocks.buffer, stocks.byteOffset, shape.bandCells * 2).set(bytes.subarray(part.stockDeltas, part.stockDeltas + shape.bandCells * 2));
  else for (let k = 0, at = part.stockDeltas; k < shape.bandCells; k++, at += 2) stocks[k] = bytes[at] | (bytes[at + 1] << 8);
  for (let s = 0, k = 0; s < series; s++) {
    let previous = 0;
    for (let p = 0; p < periods; p++, k++) {
      previous = (previous + stocks[k]) & 0xffff;
      stocks[k] = previous;
    }
  }
  return bytes.subarray(part.shareBins, part.shareBins + shape.bandCells);
}

/** Decodes one checked payload (RecordReader.nextPayload's) into an outcome. */
export function decodeRecord(payload: RecordPayload, shape: RecordShape, layout: PayloadLayout = payloadLayout(shape)): ReplicateOutcome {
  const raw = payload.bytes;
  const series = shape.series;
  const periods = series === 0 ? 0 : shape.bandCells / series;
  const alternatives: AlternativeOutcome[] = layout.alternatives.map((part, i) => {
    const kpis = new Float64Array(shape.kpiValues);
    copyDoubles(raw, part.kpis, shape.kpiValues, kpis, 0);
    const inputs = new Float64Array(shape.inputs[i]);
    copyDoubles(raw, part.inputs, shape.inputs[i], inputs, 0);
    // Stored series by series (a series' periods side by side); held period by period.
    const shareBins = new Uint8Array(shape.bandCells);
    for (let s = 0, at = part.shareBins; s < series; s++) for (let p = 0, cell = s; p < periods; p++, cell += series) shareBins[cell] = raw[at++];
    const stockBins = new Uint16Array(shape.bandCells);
    for (let s = 0, at = part.stockDeltas; s < series; s++) {
      let previous = 0;
      for (let p = 0, cell = s; p < periods; p++, cell += series, at += 2) {
        previous = (previous + (raw[at] | (raw[at + 1] << 8))) & 0xffff;
        stockBins[cell] = previous;
      }
    }
    // The base's band values: NaN but where the record keeps a new extreme of its file.
    const values = i === 0 ? shape.bandValues : 0;
    const bandLows = new Float64Array(values).fill(Number.NaN);
    const bandHighs = new Float64Array(values).fill(Number.NaN);
    if (i === 0) {
      const { indexes, kinds, values: kept } = payload.extremes;
      for (let k = 0; k < indexes.length; k++) {
        if ((kinds[k] & NEW_LEAST) !== 0) bandLows[indexes[k]] = kept[k];
        if ((kinds[k] & NEW_GREATEST) !== 0) bandHighs[indexes[k]] = kept[k];
      }
    }
    return { kpis, inputs, shareBins, stockBins, bandLows, bandHighs };
  });
  return { replicate: payload.replicate, alternatives };
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
  private readonly layout: PayloadLayout;

  constructor(shape: RecordShape) {
    this.shape = shape;
    this.layout = payloadLayout(shape);
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
    const payload = this.nextPayload();
    return payload === undefined ? undefined : decodeRecord(payload, this.shape, this.layout);
  }

  /** The next frame's payload, inflated and checked (what `next` decodes), or undefined as `next`. */
  nextPayload(): RecordPayload | undefined {
    const available = this.buffer.length - this.start;
    if (available < HEADER_BYTES) return undefined;
    const view = new DataView(this.buffer.buffer, this.buffer.byteOffset + this.start, available);
    const magic = view.getUint32(0, true);
    if (magic === FORMAT_1_MAGIC) {
      throw new RecordError(
        "the records are of format 1, written by a chokepoint from before records kept band extremes; this one reads format 2: finish and merge the shards with the chokepoint that wrote them, or run them again in new folders",
      );
    }
    if (magic !== MAGIC) throw new RecordError(`no record starts at byte ${this.goodBytes} (the file is damaged, or not a chokepoint record file)`);
    const length = view.getUint32(4, true);
    if (available < HEADER_BYTES + length) return undefined;
    const payload = this.buffer.subarray(this.start + HEADER_BYTES, this.start + HEADER_BYTES + length);
    if (crc32(payload) !== view.getUint32(8, true)) throw new RecordError(`the record at byte ${this.goodBytes} fails its checksum (the file is damaged)`);
    const bodyLength = length >= 4 ? view.getUint32(HEADER_BYTES, true) : length;
    if (4 + bodyLength > length) throw new RecordError(`the record at byte ${this.goodBytes} cannot be decoded: its body runs past its end`);
    let bytes: Uint8Array;
    let kept: Uint8Array;
    try {
      // One output chunk the body's size: no growing and joining of 16 kB pieces.
      bytes = inflateRawSync(payload.subarray(4, 4 + bodyLength), { chunkSize: Math.max(64, this.layout.bytes) });
      kept = inflateRawSync(payload.subarray(4 + bodyLength));
    } catch (error) {
      throw new RecordError(`the record at byte ${this.goodBytes} cannot be decoded: ${(error as Error).message}`);
    }
    if (bytes.length < 4) throw new RecordError(`the record at byte ${this.goodBytes} cannot be decoded: it holds ${bytes.length} bytes`);
    const replicate = bytes[0] + bytes[1] * 0x100 + bytes[2] * 0x10000 + bytes[3] * 0x1000000;
    if (bytes.length !== this.layout.bytes) throw new RecordError(`a record of replicate ${replicate} has ${bytes.length} bytes, the sweep's records have ${this.layout.bytes}`);
    const extremes = updatesFromBytes(kept);
    if (extremes === undefined || extremes.indexes.some((i) => i >= this.shape.bandValues)) throw new RecordError(`the record of replicate ${replicate} has band extremes the sweep's records cannot have`);
    this.start += HEADER_BYTES + length;
    this.goodBytes += HEADER_BYTES + length;
    return { replicate, bytes, extremes };
  }

  /** Bytes buffered after the last good frame (at the end of the file: a torn last write). */
  get tail(): number {
    return this.buffer.length - this.start;
  }
}
