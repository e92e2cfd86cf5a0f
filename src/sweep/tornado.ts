/**
 * The tornado: one-at-a-time swings of each uncertain input. Every input sits at its median
 * (the 50th percentile of its distribution) except one, which goes to its 10th and then its
 * 90th percentile; each of these worlds runs on the same replicates' random streams (outages,
 * licence luck: common random numbers), so the swing is the input's doing, not chance's. An
 * occurrence (an event with a probability) swings between happening and not.
 *
 * Replicate r's swings are a pure function of the plan and r, so the shards of a sweep each
 * run theirs (r mod K) and a merge gives the same tornado as one process.
 */
import { meanKpiValues } from "./mean-kpi-values.js";
import type { ReplicateRunner } from "./replicate-runner.js";
import type { SweepPlan } from "./sweep-plan.js";
import { headlineValue, type HeadlineKpi } from "./headline-kpis.js";

/** The quantiles an input swings to, and where the others sit. */
export const SWING_LOW = 0.1;
export const SWING_HIGH = 0.9;
export const MEDIAN = 0.5;

/** One replicate's swings: per point (base, then each input low and high), the input values and the MEAN_KPIS of every series. */
export interface TornadoReplicate {
  readonly replicate: number;
  readonly points: readonly SwingPoint[];
}

/** The quantile of each input at point `p` (0: base; 1 + 2i: input i low; 2 + 2i: input i high). */
function uniformAt(inputs: readonly string[], p: number): (name: string) => number {
  if (p === 0) return () => MEDIAN;
  const swung = inputs[Math.floor((p - 1) / 2)];
  const u = (p - 1) % 2 === 0 ? SWING_LOW : SWING_HIGH;
  return (name) => (name === swung ? u : MEDIAN);
}

/** One point of one swing replicate: the input values and the MEAN_KPIS of every series. */
export interface SwingPoint {
  readonly inputs: readonly number[];
  readonly kpis: readonly number[];
}

/** Points per swing replicate: every input at its median, then each input low and high. */
export function swingPointCount(plan: SweepPlan): number {
  return 1 + 2 * plan.alternatives[0].inputs.length;
}

/** Runs point `p` (see swingPointCount) of swing replicate `replicate` of the plan's base. */
export function runSwingPoint(runner: ReplicateRunner, plan: SweepPlan, replicate: number, p: number): SwingPoint {
  const inputs = plan.alternatives[0].inputs;
  const how = p === 0 ? "every input at its median" : `${inputs[Math.floor((p - 1) / 2)]} at its ${(p - 1) % 2 === 0 ? "10th" : "90th"} percentile, the others at their medians`;
  const outcome = runner.runAt(replicate, uniformAt(inputs, p), `the tornado, replicate ${replicate}, ${how}`).alternatives[0];
  return { inputs: [...outcome.inputs], kpis: [...meanKpiValues(outcome.kpis, plan.series.length)] };
}

/** Runs every point of swing replicate `replicate` in this thread. */
export function runTornadoReplicate(runner: ReplicateRunner, plan: SweepPlan, replicate: number): TornadoReplicate {
  return { replicate, points: Array.from({ length: swingPointCount(plan) }, (_, p) => runSwingPoint(runner, plan, replicate, p)) };
}

/** One input's bar: the headline KPIs' means with it at its 10th and its 90th percentile. */
export interface TornadoBar {
  readonly input: string;
  /** The input's value at its 10th and 90th percentiles (in the model's units; dates as epoch days). */
  readonly lowValue: number;
  readonly highValue: number;
  readonly medianValue: number;
  /** Per headline KPI, its mean over the swing replicates. */
  readonly low: readonly number[];
  readonly high: readonly number[];
}

/** The tornado of a sweep. */
export interface TornadoResult {
  readonly runs: number;
  readonly headlines: readonly HeadlineKpi[];
  /** Per headline KPI, its mean with every input at its median. */
  readonly base: readonly number[];
  /** Bars, the widest swing of the first headline KPI first (ties by input name). */
  readonly bars: readonly TornadoBar[];
}

/** The tornado from the swing replicates (any order; they are sorted here). */
export function summarizeTornado(plan: SweepPlan, replicates: readonly TornadoReplicate[], headlines: readonly HeadlineKpi[]): TornadoResult {
  const sorted = [...replicates].sort((a, b) => a.replicate - b.replicate);
  const inputs = plan.alternatives[0].inputs;
  const n = plan.series.length;
  const meanAt = (p: number) => headlines.map((h) => sorted.reduce((sum, r) => sum + headlineValue(h, r.points[p].kpis, n), 0) / sorted.length);
  const first = sorted[0];
  const bars = inputs.map((input, i) => ({
    input,
    lowValue: first.points[1 + 2 * i].inputs[i],
    highValue: first.points[2 + 2 * i].inputs[i],
    medianValue: first.points[0].inputs[i],
    low: meanAt(1 + 2 * i),
    high: meanAt(2 + 2 * i),
  }));
  const swing = (b: TornadoBar) => (headlines.length === 0 ? 0 : Math.abs(b.high[0] - b.low[0]));
  bars.sort((a, b) => swing(b) - swing(a) || (a.input < b.input ? -1 : a.input > b.input ? 1 : 0));
  return { runs: sorted.length, headlines, base: meanAt(0), bars };
}
