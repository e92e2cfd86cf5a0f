/**
 * ReplicateOutcome: what one replicate of a sweep keeps, per alternative (one for a sweep, the
 * base and each alternative for a compare): the KPIs of every reported country and commodity,
 * the value each uncertain input took, the binned per-period figures bands are made of, and
 * those figures' exact values as far as they may be a band cell's least or greatest (which the
 * bands' percentiles are held within). Plain typed arrays, so that it travels between threads
 * and into a record file.
 */
import { epochDayFromIso, isDateKpi, KPI_NAMES, type KpiName, type PeriodRecord, type ShortfallKpi } from "../model/index.js";
import type { SampledValue } from "../scenario/index.js";
import { shareBin, stockBin } from "./band-bins.js";

/** KPI values per series: index series * KPI_NAMES.length + k; dates as day numbers from the start, NaN for null. */
export type KpiValues = Float64Array;

/** Each KPI's position k among a series' KpiValues. */
export const KPI_INDEX = Object.fromEntries(KPI_NAMES.map((name, k) => [name, k])) as Record<KpiName, number>;

/** One alternative's share of a replicate. */
export interface AlternativeOutcome {
  readonly kpis: KpiValues;
  /** Sampled input values, in the scenario's input order (dates as epoch days, occurrences 0 or 1). */
  readonly inputs: Float64Array;
  /** Per period and series (index period * series + s): 0 when no day was short, else the share's bin (>= 1). */
  readonly shareBins: Uint8Array;
  /** Per period and series: the stock's bin at the period's end. */
  readonly stockBins: Uint16Array;
  /**
   * Band values, the exact figures the bins stand for (each band cell's share of demand unmet,
   * index period * series + s, then each one's stock, at bandCells + that), that this replicate
   * may lower the cell's least to, and raise its greatest to; NaN where it may not. A run's are
   * all its values (the same array twice). A replicate read back from a record file has only
   * those below the least or above the greatest of the records before it in its file
   * (record-codec.ts): the least and greatest over the first records of any files are the same.
   */
  readonly bandLows: Float64Array;
  readonly bandHighs: Float64Array;
}

/** One replicate of a sweep or compare. */
export interface ReplicateOutcome {
  readonly replicate: number;
  readonly alternatives: readonly AlternativeOutcome[];
}

/** One alternative's outcome from a run's KPIs, sampled inputs and period record. */
export function alternativeOutcome(
  kpis: readonly ShortfallKpi[],
  startEpochDay: number,
  inputs: readonly SampledValue[],
  periods: PeriodRecord | undefined,
): AlternativeOutcome {
  const values = new Float64Array(kpis.length * KPI_NAMES.length);
  const dayOf = (iso: string | null) => (iso === null ? Number.NaN : (epochDayFromIso(iso) ?? Number.NaN) - startEpochDay);
  kpis.forEach((kpi, s) => {
    const at = s * KPI_NAMES.length;
    KPI_NAMES.forEach((name, k) => {
      values[at + k] = isDateKpi(name) ? dayOf(kpi[name]) : kpi[name];
    });
  });
  const size = periods === undefined ? 0 : periods.shortfallShare.length;
  const shareBins = new Uint8Array(size);
  const stockBins = new Uint16Array(size);
  const band = new Float64Array(2 * size);
  if (periods !== undefined) {
    for (let i = 0; i < size; i++) {
      const isShort = periods.isShort[i] === 1;
      shareBins[i] = isShort ? Math.max(1, shareBin(periods.shortfallShare[i])) : 0;
      stockBins[i] = stockBin(periods.stockTonnes[i]);
      // The values the bins stand for: a period not short has no share unmet, a stock counted empty is 0.
      band[i] = isShort ? periods.shortfallShare[i] : 0;
      band[size + i] = stockBins[i] === 0 ? 0 : periods.stockTonnes[i];
    }
  }
  return { kpis: values, inputs: Float64Array.from(inputs.map((v) => v.value)), shareBins, stockBins, bandLows: band, bandHighs: band };
}
