/**
 * Monte Carlo sensitivity: how strongly each sampled input moves a KPI, measured on ranks so
 * that any monotone relation counts, linear or not. Spearman's rank correlation (simple-
 * statistics, ties given mid-ranks) with a 95% interval from Fisher's z with Fieller, Hartley &
 * Pearson's (1957) variance 1.06 / (n - 3); and standardized rank regression coefficients
 * (SRRC: the regression of the KPI's ranks on all inputs' ranks together, each standardized,
 * solved by mathjs), which separate inputs that a design happened to draw together.
 */
import { mathjs } from "../engine/index.js";
import { sampleRankCorrelation } from "simple-statistics";

/** One input's rank correlation with one KPI. */
export interface RankCorrelation {
  /** Spearman's rho, or null when the input or the KPI took one value only. */
  readonly rho: number | null;
  /** 95% interval of rho (null with it). */
  readonly low: number | null;
  readonly high: number | null;
  /** The standardized rank regression coefficient, or null (constant, or too few replicates). */
  readonly srrc: number | null;
}

/** Rank correlations of each input (values per replicate) with `kpi` (values per replicate). */
export function rankCorrelations(inputs: readonly (readonly number[])[], kpi: readonly number[]): RankCorrelation[] {
  const n = kpi.length;
  const varies = (values: readonly number[]) => values.some((v) => v !== values[0]);
  const kpiVaries = n >= 4 && varies(kpi);
  const srrc = kpiVaries ? standardizedRankRegression(inputs, kpi) : inputs.map(() => null);
  return inputs.map((values, i) => {
    if (!kpiVaries || !varies(values)) return { rho: null, low: null, high: null, srrc: null };
    const rho = clamp(sampleRankCorrelation([...values], [...kpi]));
    const z = Math.atanh(Math.max(-0.999999, Math.min(0.999999, rho)));
    const half = 1.959964 * Math.sqrt(1.06 / (n - 3));
    return { rho, low: Math.tanh(z - half), high: Math.tanh(z + half), srrc: srrc[i] };
  });
}

/** Ranks 1..n, ties given the mean of the ranks they span. */
export function midranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1].v === order[i].v) j++;
    for (let k = i; k <= j; k++) ranks[order[k].i] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

/** SRRC of each input (null for inputs that never vary, or when the system is singular or has too few replicates). */
function standardizedRankRegression(inputs: readonly (readonly number[])[], kpi: readonly number[]): (number | null)[] {
  const used = inputs.map((values, i) => ({ values, i })).filter(({ values }) => values.some((v) => v !== values[0]));
  const n = kpi.length;
  const result: (number | null)[] = inputs.map(() => null);
  if (used.length === 0 || n <= used.length + 2) return result;
  const standardize = (values: readonly number[]) => {
    const ranks = midranks(values);
    const mean = ranks.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(ranks.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1));
    return ranks.map((r) => (r - mean) / sd);
  };
  const x = used.map(({ values }) => standardize(values));
  const y = standardize(kpi);
  const p = x.length;
  // Normal equations on standardized ranks: (X'X / (n-1)) b = X'y / (n-1), the correlation matrix of the ranks.
  const xtx = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => dot(x[a], x[b]) / (n - 1)));
  const xty = x.map((column) => [dot(column, y) / (n - 1)]);
  try {
    const b = mathjs().lusolve(xtx, xty) as number[][];
    used.forEach(({ i }, k) => {
      const value = b[k][0];
      result[i] = Number.isFinite(value) ? value : null;
    });
  } catch {
    // Singular: inputs drawn in lockstep (one a function of another) have no separate coefficients.
  }
  return result;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function clamp(rho: number): number {
  return Math.max(-1, Math.min(1, rho));
}
