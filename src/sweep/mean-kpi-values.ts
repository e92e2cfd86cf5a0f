/** One alternative's MEAN_KPIS values, laid out series * MEAN_KPIS.length + k, from its full KPI values. */
import { KPI_NAMES } from "../model/index.js";
import { MEAN_KPIS } from "./sweep-statistics.js";

const INDEX = MEAN_KPIS.map((name) => KPI_NAMES.indexOf(name));

/** The MEAN_KPIS of every series, from values laid out series * KPI_NAMES.length + k. */
export function meanKpiValues(kpis: ArrayLike<number>, seriesCount: number): Float64Array {
  const out = new Float64Array(seriesCount * MEAN_KPIS.length);
  for (let s = 0; s < seriesCount; s++) for (let j = 0; j < MEAN_KPIS.length; j++) out[s * MEAN_KPIS.length + j] = kpis[s * KPI_NAMES.length + INDEX[j]];
  return out;
}
