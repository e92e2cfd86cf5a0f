/**
 * KPI bins: the fixed grid a sweep counts each KPI with a mean on, chosen by the KPI's kind
 * (the catalogue's KPI_KINDS), so that percentiles merge exactly and a share is never binned as
 * tonnes: whole days exactly, shares on the 0.5-point grid, tonnes, money and indices on the 2%
 * geometric grid of band-bins.ts.
 */
import { kpiKindOf, type KpiBinning, type MeanKpi } from "../model/index.js";
import { SHARE_BIN_COUNT, shareBin, shareOfBin, stockBin, tonnesOfBin } from "./band-bins.js";

/** A grid: the bin of a value, and the value a bin reads as. */
export interface KpiGrid {
  readonly bin: (value: number) => number;
  readonly valueOfBin: (bin: number) => number;
}

const GRIDS = {
  exact: { bin: (value) => value, valueOfBin: (bin) => bin },
  // The top bin holds a whole day's demand unmet and reads as 1.
  share: { bin: shareBin, valueOfBin: (bin) => (bin >= SHARE_BIN_COUNT - 1 ? 1 : shareOfBin(bin)) },
  geometric: { bin: stockBin, valueOfBin: tonnesOfBin },
} as const satisfies Record<KpiBinning, KpiGrid>;

/** The grid a KPI's values are counted on. */
export function kpiGrid(name: MeanKpi): KpiGrid {
  return GRIDS[kpiKindOf(name).binning];
}
