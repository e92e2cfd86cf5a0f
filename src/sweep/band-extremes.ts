/**
 * BandExtremes: the least and greatest of each band value (every band cell's share of demand
 * unmet, then its stock: AlternativeOutcome.bandLows' layout) over the replicates counted, which
 * the bands' percentiles are held within, so that a cell whose value never moves reads as
 * exactly that value, as the KPIs' percentiles do. Least and greatest take values in any order
 * and merge exactly, so shards and threads give the same ones.
 *
 * `take` also says which values of a replicate are new extremes: a record file keeps only those
 * (a few per record once a file holds a few records), and the least and greatest over any
 * records are those over the values their files kept, since a value left out was no lower (no
 * higher) than one kept by an earlier record of the same file.
 */

/** New extremes of a replicate, as a record keeps them: value `indexes[k]` is `values[k]`, a new least (kind 1), greatest (2) or both (3). */
export interface ExtremeUpdates {
  readonly indexes: Uint32Array;
  readonly kinds: Uint8Array;
  readonly values: Float64Array;
}

/** Update kinds. */
export const NEW_LEAST = 1;
export const NEW_GREATEST = 2;

/** The least and greatest of each of `count` band values. */
export class BandExtremes {
  readonly least: Float64Array;
  readonly greatest: Float64Array;

  constructor(count: number) {
    this.least = new Float64Array(count).fill(Infinity);
    this.greatest = new Float64Array(count).fill(-Infinity);
  }

  /** Lowers each least to `lows[i]` and raises each greatest to `highs[i]` where they pass it (NaN passes nothing): a replicate's values, or another tally's least and greatest. */
  add(lows: Float64Array, highs: Float64Array): void {
    this.check(lows, highs);
    const { least, greatest } = this;
    for (let i = 0; i < least.length; i++) {
      if (lows[i] < least[i]) least[i] = lows[i];
      if (highs[i] > greatest[i]) greatest[i] = highs[i];
    }
  }

  /** Adds a replicate's values as `add` does, and returns those that were new extremes (what its record keeps). */
  take(lows: Float64Array, highs: Float64Array): ExtremeUpdates {
    this.check(lows, highs);
    const { least, greatest } = this;
    const indexes: number[] = [];
    const kinds: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < least.length; i++) {
      const low = lows[i];
      const high = highs[i];
      const isLeast = low < least[i];
      const isGreatest = high > greatest[i];
      if (!isLeast && !isGreatest) continue;
      if (isLeast) least[i] = low;
      if (isGreatest) greatest[i] = high;
      if (isLeast && isGreatest && !Object.is(low, high)) {
        // Two values for one index (a record read back: NaN-free lows and highs that differ): kept as two updates.
        indexes.push(i, i);
        kinds.push(NEW_LEAST, NEW_GREATEST);
        values.push(low, high);
        continue;
      }
      indexes.push(i);
      kinds.push((isLeast ? NEW_LEAST : 0) | (isGreatest ? NEW_GREATEST : 0));
      values.push(isLeast ? low : high);
    }
    return { indexes: Uint32Array.from(indexes), kinds: Uint8Array.from(kinds), values: Float64Array.from(values) };
  }

  /** Adds a record's updates. */
  addUpdates(updates: ExtremeUpdates): void {
    const { least, greatest } = this;
    for (let k = 0; k < updates.indexes.length; k++) {
      const i = updates.indexes[k];
      const value = updates.values[k];
      if (i >= least.length) throw new RangeError(`band value ${i} of ${least.length}`);
      if ((updates.kinds[k] & NEW_LEAST) !== 0 && value < least[i]) least[i] = value;
      if ((updates.kinds[k] & NEW_GREATEST) !== 0 && value > greatest[i]) greatest[i] = value;
    }
  }

  /** `value` held within the least and greatest of band value `i` (as it is when nothing was counted there). */
  clamp(i: number, value: number): number {
    const least = this.least[i];
    const greatest = this.greatest[i];
    return least > greatest ? value : Math.min(greatest, Math.max(least, value));
  }

  private check(lows: Float64Array, highs: Float64Array): void {
    if (lows.length !== this.least.length || highs.length !== this.least.length) throw new RangeError(`band values of ${lows.length} and ${highs.length} for ${this.least.length}`);
  }
}

/** An empty update list (a record of a compare, which has no bands). */
export const NO_UPDATES: ExtremeUpdates = { indexes: new Uint32Array(0), kinds: new Uint8Array(0), values: new Float64Array(0) };

/**
 * Updates as a record keeps them, little-endian: their count (u32), the indexes as differences
 * from the one before (u32: small numbers, which compress), the kinds (u8), the values (f64).
 */
export function updatesToBytes(updates: ExtremeUpdates): Uint8Array {
  const count = updates.indexes.length;
  const bytes = new Uint8Array(4 + count * 13);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, count, true);
  let at = 4;
  for (let k = 0, previous = 0; k < count; k++, at += 4) {
    view.setUint32(at, updates.indexes[k] - previous, true);
    previous = updates.indexes[k];
  }
  bytes.set(updates.kinds, at);
  at += count;
  for (let k = 0; k < count; k++, at += 8) view.setFloat64(at, updates.values[k], true);
  return bytes;
}

/** The updates `updatesToBytes` wrote; undefined when the bytes are not such a list (a damaged record). */
export function updatesFromBytes(bytes: Uint8Array): ExtremeUpdates | undefined {
  if (bytes.length < 4) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0, true);
  if (bytes.length !== 4 + count * 13) return undefined;
  const indexes = new Uint32Array(count);
  const kinds = new Uint8Array(count);
  const values = new Float64Array(count);
  let at = 4;
  for (let k = 0, previous = 0; k < count; k++, at += 4) {
    previous += view.getUint32(at, true);
    indexes[k] = previous;
  }
  kinds.set(bytes.subarray(at, at + count));
  at += count;
  for (let k = 0; k < count; k++, at += 8) values[k] = view.getFloat64(at, true);
  return { indexes, kinds, values };
}
