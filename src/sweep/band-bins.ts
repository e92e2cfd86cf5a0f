/**
 * Band bins: the fixed grids a sweep counts per-period figures on, so that bands (quantiles
 * across replicates) merge exactly and in any order, with memory that does not grow with the
 * number of replicates.
 *
 * - Share of demand unmet: bin 0 holds "not short" (at most a millionth unmet, as the KPIs
 *   count it); bins 1..200 hold (k-1)/200 < share <= k/200, so 0.5-point bins. A quantile in
 *   bin k >= 1 reads as the bin's middle, (k - 0.5) * 0.5%, within 0.25 points of the truth.
 * - Stock in tonnes: bin 0 holds empty (at most a nanotonne); then geometric bins 2% wide from
 *   1e-3 t to 1e12 t, plus one bin below and one above. A quantile reads as the bin's
 *   geometric middle, within 1% of the truth.
 *
 * "Not short" and "empty" are the model's own thresholds (SHORT_DAY_SHARE, EMPTY_TONNES). A
 * band's reading is then held within its cell's least and greatest value (band-extremes.ts), so
 * that a value that never moves reads exactly as itself.
 */
import { EMPTY_TONNES, SHORT_DAY_SHARE } from "../model/index.js";

/** Bins of the share of demand unmet, including bin 0 (not short). */
export const SHARE_BIN_COUNT = 201;
const SHARE_STEP = 0.005;

const STOCK_FLOOR_TONNES = 1e-3;
const STOCK_RATIO = 1.02;
const STOCK_LOG_RATIO = Math.log(STOCK_RATIO);
/** Geometric bins between the floor and 1e12 t. */
const STOCK_GEOMETRIC_BINS = Math.ceil(Math.log(1e12 / STOCK_FLOOR_TONNES) / STOCK_LOG_RATIO);
/** Bins of stock: empty, below the floor, the geometric ones, above the top. */
export const STOCK_BIN_COUNT = STOCK_GEOMETRIC_BINS + 3;

/** The bin of a share of demand unmet. */
export function shareBin(share: number): number {
  if (!(share > SHORT_DAY_SHARE)) return 0;
  if (share >= 1) return SHARE_BIN_COUNT - 1;
  return Math.min(SHARE_BIN_COUNT - 1, Math.max(1, Math.ceil(share / SHARE_STEP)));
}

/** The share a bin stands for (0 for not short, else its middle). */
export function shareOfBin(bin: number): number {
  return bin === 0 ? 0 : (bin - 0.5) * SHARE_STEP;
}

/** The bin of a stock in tonnes. */
export function stockBin(tonnes: number): number {
  if (!(tonnes > EMPTY_TONNES)) return 0;
  if (tonnes < STOCK_FLOOR_TONNES) return 1;
  const k = Math.floor(Math.log(tonnes / STOCK_FLOOR_TONNES) / STOCK_LOG_RATIO);
  return k >= STOCK_GEOMETRIC_BINS ? STOCK_BIN_COUNT - 1 : 2 + k;
}

/** The tonnes a stock bin stands for (0 when empty, else its geometric middle). */
export function tonnesOfBin(bin: number): number {
  if (bin === 0) return 0;
  if (bin === 1) return STOCK_FLOOR_TONNES / 2;
  if (bin === STOCK_BIN_COUNT - 1) return STOCK_FLOOR_TONNES * Math.pow(STOCK_RATIO, STOCK_GEOMETRIC_BINS);
  return STOCK_FLOOR_TONNES * Math.pow(STOCK_RATIO, bin - 2 + 0.5);
}
