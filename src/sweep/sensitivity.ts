/**
 * A sweep's sensitivity analysis: the Monte Carlo rank correlations of every sampled input
 * with each headline KPI (from the sweep's own replicates), and the tornado of one-at-a-time
 * swings (from its swing replicates, when it ran them), with a check of the two's signs.
 */
import { headlineKpis, headlineValue, type HeadlineKpi } from "./headline-kpis.js";
import { rankCorrelations, type RankCorrelation } from "./rank-correlation.js";
import type { ReplicateSampleData } from "./replicate-sample.js";
import type { SweepPlan } from "./sweep-plan.js";
import { checkSigns, type SignCheck } from "./sign-check.js";
import type { SweepStatistics } from "./sweep-statistics.js";
import { summarizeTornado, type TornadoReplicate, type TornadoResult } from "./tornado.js";

/** The analysis. */
export interface SensitivityResult {
  readonly headlines: readonly HeadlineKpi[];
  readonly inputs: readonly string[];
  /** Replicates the correlations come from. */
  readonly sampleSize: number;
  /** Per input, per headline KPI. */
  readonly correlations: readonly (readonly RankCorrelation[])[];
  /** Undefined when the sweep ran no swings. */
  readonly tornado: TornadoResult | undefined;
  /** Per input, per headline KPI: whether its swing and its rho agree in sign (null: nothing to compare). */
  readonly signs: readonly (readonly (SignCheck | null)[])[];
}

/** The analysis of a sweep's base (undefined when it has no uncertain inputs). */
export function analyseSensitivity(plan: SweepPlan, statistics: SweepStatistics, sample: ReplicateSampleData, swings: readonly TornadoReplicate[]): SensitivityResult | undefined {
  const inputs = plan.alternatives[0].inputs;
  if (inputs.length === 0 || sample.size === 0) return undefined;
  const headlines = headlineKpis(statistics);
  const base = sample.alternatives[0];
  const n = plan.series.length;
  const inputValues = inputs.map((_, i) => base.inputs.map((values) => values[i]));
  const byHeadline = headlines.map((h) => rankCorrelations(inputValues, base.kpis.map((values) => headlineValue(h, values, n))));
  const correlations = inputs.map((_, i) => byHeadline.map((column) => column[i]));
  // A yes/no input's value is 1 when it happened: its mean over the sample is the share that did.
  const happenedShare = (i: number) => inputValues[i].reduce((sum, v) => sum + v, 0) / sample.size;
  const tornado = swings.length === 0 ? undefined : summarizeTornado(plan, swings, headlines, happenedShare);
  const signs = inputs.map((input, i) => {
    const bar = tornado?.bars.find((b) => b.input === input);
    return headlines.map((_, k) => {
      const c = correlations[i][k];
      return checkSigns(bar?.swing[k], bar?.swingLow[k] ?? null, bar?.swingHigh[k] ?? null, c.rho, c.low, c.high);
    });
  });
  return { headlines, inputs, sampleSize: sample.size, correlations, tornado, signs };
}
