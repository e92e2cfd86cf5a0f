/**
 * Band counts codec: a shard's band counts (BandCounts' data: bin counts by cell and the band
 * values' least and greatest) as bytes, with what they cover (how many records, of a records
 * file how long), so that a merge can add them instead of counting every record's bins again.
 * Damage, or counts of another sweep's shape, read as nothing: the merge then counts the
 * records themselves.
 */
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import type { BandCountsData } from "./band-counts.js";
import type { HistogramData } from "./cell-histograms.js";

/** What a shard's band counts cover: the first `frames` records of its records file, `recordBytes` bytes long. */
export interface BandCountsCover {
  readonly frames: number;
  readonly recordBytes: number;
}

const COUNTS_MAGIC = 0x3142_4b43; // "CKB1" read as a little-endian u32
/** magic, cells, frames, record bytes (f64), payload length, CRC-32. */
export const BAND_COUNTS_HEADER_BYTES = 28;

/**
 * Band counts as a file holds them, little-endian: a header ("CKB1", the cells, what the counts
 * cover: frames and record bytes, the payload's length, the CRC-32 of the header's fields and the
 * payload), then the payload (deflated): each histogram's lows, sizes and counts, and the least
 * and greatest values. The header alone says what a file covers (`bandCountsCover`).
 */
export function bandCountsToBytes(data: BandCountsData, cover: BandCountsCover): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const histogram of [data.shares, data.stocks]) {
    const length = new DataView(new ArrayBuffer(4));
    length.setUint32(0, histogram.counts.length, true);
    parts.push(littleEndian(histogram.low), littleEndian(histogram.sizes), new Uint8Array(length.buffer), littleEndian(histogram.counts));
  }
  parts.push(littleEndian(data.least), littleEndian(data.greatest));
  const payload = deflateRawSync(Buffer.concat(parts), { level: 1 });
  const bytes = new Uint8Array(BAND_COUNTS_HEADER_BYTES + payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, COUNTS_MAGIC, true);
  view.setUint32(4, data.shares.low.length, true);
  view.setUint32(8, cover.frames, true);
  view.setFloat64(12, cover.recordBytes, true);
  view.setUint32(20, payload.length, true);
  bytes.set(payload, BAND_COUNTS_HEADER_BYTES);
  view.setUint32(24, checksum(bytes), true);
  return bytes;
}

/** The CRC-32 of a file's header fields (all but the CRC) and payload. */
function checksum(bytes: Uint8Array): number {
  return crc32(bytes.subarray(BAND_COUNTS_HEADER_BYTES), crc32(bytes.subarray(0, 24)));
}

/**
 * What band counts for `cells` band cells cover, from the file's header (its first
 * BAND_COUNTS_HEADER_BYTES bytes) alone: not checked against the payload, which
 * `bandCountsFromBytes` does; undefined when the header is not one.
 */
export function bandCountsCover(header: Uint8Array, cells: number): BandCountsCover | undefined {
  if (header.length < BAND_COUNTS_HEADER_BYTES) return undefined;
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (view.getUint32(0, true) !== COUNTS_MAGIC || view.getUint32(4, true) !== cells) return undefined;
  return { frames: view.getUint32(8, true), recordBytes: view.getFloat64(12, true) };
}

/** The band counts `bandCountsToBytes` wrote for `cells` band cells; undefined when the bytes are not that (damaged, of another sweep's shape). */
export function bandCountsFromBytes(bytes: Uint8Array, cells: number): { data: BandCountsData; cover: BandCountsCover } | undefined {
  const cover = bandCountsCover(bytes, cells);
  if (cover === undefined) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length !== BAND_COUNTS_HEADER_BYTES + view.getUint32(20, true) || checksum(bytes) !== view.getUint32(24, true)) return undefined;
  let raw: Uint8Array;
  try {
    raw = inflateRawSync(bytes.subarray(BAND_COUNTS_HEADER_BYTES));
  } catch {
    return undefined;
  }
  const reader = new ByteCursor(raw);
  const histogram = (): HistogramData | undefined => {
    const low = reader.int32s(cells);
    const sizes = reader.int32s(cells);
    const counts = reader.uint32s(reader.u32());
    if (low === undefined || sizes === undefined || counts === undefined) return undefined;
    let total = 0;
    for (const size of sizes) total += size;
    return total === counts.length && sizes.every((size) => size >= 0) ? { low, sizes, counts } : undefined;
  };
  const shares = histogram();
  const stocks = histogram();
  const least = reader.float64s(2 * cells);
  const greatest = reader.float64s(2 * cells);
  if (shares === undefined || stocks === undefined || least === undefined || greatest === undefined || !reader.isAtEnd) return undefined;
  return { data: { shares, stocks, least, greatest }, cover };
}

/** A typed array's bytes, little-endian (as the machine holds them when it is). */
function littleEndian(array: Int32Array | Uint32Array | Float64Array): Uint8Array {
  if (IS_LITTLE_ENDIAN) return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  const bytes = new Uint8Array(array.byteLength);
  const view = new DataView(bytes.buffer);
  const size = array.BYTES_PER_ELEMENT;
  for (let i = 0; i < array.length; i++) {
    if (array instanceof Float64Array) view.setFloat64(i * size, array[i], true);
    else if (array instanceof Int32Array) view.setInt32(i * size, array[i], true);
    else view.setUint32(i * size, array[i], true);
  }
  return bytes;
}

const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reads little-endian numbers from bytes in turn; an array that runs past the end reads as undefined. */
class ByteCursor {
  private at = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get isAtEnd(): boolean {
    return this.at === this.bytes.length;
  }

  u32(): number {
    if (this.at + 4 > this.bytes.length) return -1;
    const value = this.view.getUint32(this.at, true);
    this.at += 4;
    return value;
  }

  int32s(count: number): Int32Array | undefined {
    return this.array(count, 4, (k) => this.view.getInt32(k, true), Int32Array);
  }

  uint32s(count: number): Uint32Array | undefined {
    return this.array(count, 4, (k) => this.view.getUint32(k, true), Uint32Array);
  }

  float64s(count: number): Float64Array | undefined {
    return this.array(count, 8, (k) => this.view.getFloat64(k, true), Float64Array);
  }

  private array<T extends Int32Array | Uint32Array | Float64Array>(count: number, size: number, read: (at: number) => number, type: { new (length: number): T }): T | undefined {
    if (count < 0 || this.at + count * size > this.bytes.length) return undefined;
    const out = new type(count);
    for (let k = 0; k < count; k++) out[k] = read(this.at + k * size);
    this.at += count * size;
    return out;
  }
}
