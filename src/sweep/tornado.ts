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
import { swingInterval } from "./swing-interval.js";
import { isYesNoInput } from "./yes-no-input.js";

/** The quantiles an input swings to, and where the others sit. */
export const SWING_LOW = 0.1;
export const SWING_HIGH = 0.9;
export const MEDIAN = 0.5;
/** The uniform numbers that decide a yes/no input at its bar's ends (it happens when its uniform is below its probability): 1 never is, 0 is for any probability above 0. */
export const NEVER_HAPPENS = 1;
export const ALWAYS_HAPPENS = 0;

/** How an input's bar swings: a range (its 10th to 90th percentile) or a yes/no input (does not happen to happens). */
export type SwingKind = "range" | "yes-no";

/** What the two ends of a bar are called. */
export interface SwingEnds {
  readonly kind: SwingKind;
  /** "10th percentile" or "does not happen". */
  readonly low: string;
  /** "90th percentile" or "happens". */
  readonly high: string;
}

/** The ends of input `name`'s bar. */
export function swingEnds(name: string): SwingEnds {
  return isYesNoInput(name) ? { kind: "yes-no", low: "does not happen", high: "happens" } : { kind: "range", low: "10th percentile", high: "90th percentile" };
}

/** One replicate's swings: per point (base, then each input low and high), the input values and the MEAN_KPIS of every series. */
export interface TornadoReplicate {
  readonly replicate: number;
  readonly points: readonly SwingPoint[];
}

/** The quantile of each input at point `p` (0: base; 1 + 2i: input i low; 2 + 2i: input i high). */
function uniformAt(inputs: readonly string[], p: number): (name: string) => number {
  if (p === 0) return () => MEDIAN;
  const swung = inputs[Math.floor((p - 1) / 2)];
  const isLow = (p - 1) % 2 === 0;
  const u = isYesNoInput(swung) ? (isLow ? NEVER_HAPPENS : ALWAYS_HAPPENS) : isLow ? SWING_LOW : SWING_HIGH;
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

/** What point `p` of a swing replicate is, in words ("every input at its median", "X at its 10th percentile", "events.e.happens: does not happen"). */
export function swingPointLabel(plan: SweepPlan, p: number): string {
  if (p === 0) return "every input at its median";
  const swung = plan.alternatives[0].inputs[Math.floor((p - 1) / 2)];
  const ends = swingEnds(swung);
  const end = (p - 1) % 2 === 0 ? ends.low : ends.high;
  return ends.kind === "yes-no" ? `${swung}: ${end}` : `${swung} at its ${end}`;
}

/** Runs point `p` (see swingPointCount) of swing replicate `replicate` of the plan's base. */
export function runSwingPoint(runner: ReplicateRunner, plan: SweepPlan, replicate: number, p: number): SwingPoint {
  const inputs = plan.alternatives[0].inputs;
  const how = p === 0 ? swingPointLabel(plan, 0) : `${swingPointLabel(plan, p)}, the others at their medians`;
  const outcome = runner.runAt(replicate, uniformAt(inputs, p), `the tornado, replicate ${replicate}, ${how}`).alternatives[0];
  return { inputs: [...outcome.inputs], kpis: [...meanKpiValues(outcome.kpis, plan.series.length)] };
}

/** Runs every point of swing replicate `replicate` in this thread. */
export function runTornadoReplicate(runner: ReplicateRunner, plan: SweepPlan, replicate: number): TornadoReplicate {
  return { replicate, points: Array.from({ length: swingPointCount(plan) }, (_, p) => runSwingPoint(runner, plan, replicate, p)) };
}

/** One input's bar: the headline KPIs' means with it at its low and its high end (10th and 90th percentile; a yes/no input not happening and happening). */
export interface TornadoBar {
  readonly input: string;
  readonly kind: SwingKind;
  /** The input's value at the bar's low and high ends (in the model's units; dates as epoch days; a yes/no input 0 and 1). */
  readonly lowValue: number;
  readonly highValue: number;
  /** Its value with every input at its median (a yes/no input's median outcome, 0 or 1). */
  readonly medianValue: number;
  /** Its value where the bar's halves meet: its median; a yes/no input's share of the sweep's replicates in which it happened. */
  readonly centreValue: number;
  /** Per headline KPI, its mean over the swing replicates at the low and the high end. */
  readonly low: readonly number[];
  readonly high: readonly number[];
  /**
   * Per headline KPI, where the bar's halves meet: the mean with every input at its median;
   * for a yes/no input (whose median outcome is one of its ends) the mean of its two ends
   * weighted by how often it happened, so both halves have length when it matters.
   */
  readonly centre: readonly number[];
  /** Per headline KPI, high less low. */
  readonly swing: readonly number[];
  /** Per headline KPI, the swing's 95% interval over the swing replicates (null with one swing replicate). */
  readonly swingLow: readonly (number | null)[];
  readonly swingHigh: readonly (number | null)[];
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

/**
 * The tornado from the swing replicates (any order; they are sorted here). `happenedShare(i)`
 * is the share of the sweep's replicates in which yes/no input i happened (it places the
 * centre of that input's bar).
 */
export function summarizeTornado(plan: SweepPlan, replicates: readonly TornadoReplicate[], headlines: readonly HeadlineKpi[], happenedShare: (input: number) => number): TornadoResult {
  const sorted = [...replicates].sort((a, b) => a.replicate - b.replicate);
  const inputs = plan.alternatives[0].inputs;
  const n = plan.series.length;
  const meanAt = (p: number) => headlines.map((h) => sorted.reduce((sum, r) => sum + headlineValue(h, r.points[p].kpis, n), 0) / sorted.length);
  const base = meanAt(0);
  const first = sorted[0];
  const bars = inputs.map((input, i): TornadoBar => {
    const kind = swingEnds(input).kind;
    const low = meanAt(1 + 2 * i);
    const high = meanAt(2 + 2 * i);
    const swing = headlines.map((_, k) => high[k] - low[k]);
    const share = kind === "yes-no" ? happenedShare(i) : 0;
    const intervals = headlines.map((h, k) => swingInterval(swing[k], sorted.map((r) => headlineValue(h, r.points[2 + 2 * i].kpis, n) - headlineValue(h, r.points[1 + 2 * i].kpis, n))));
    return {
      input,
      kind,
      lowValue: first.points[1 + 2 * i].inputs[i],
      highValue: first.points[2 + 2 * i].inputs[i],
      medianValue: first.points[0].inputs[i],
      centreValue: kind === "yes-no" ? share : first.points[0].inputs[i],
      low,
      high,
      centre: kind === "yes-no" ? headlines.map((_, k) => low[k] + share * swing[k]) : base,
      swing,
      swingLow: intervals.map((x) => x.low),
      swingHigh: intervals.map((x) => x.high),
    };
  });
  const swing = (b: TornadoBar) => (headlines.length === 0 ? 0 : Math.abs(b.swing[0]));
  bars.sort((a, b) => swing(b) - swing(a) || (a.input < b.input ? -1 : a.input > b.input ? 1 : 0));
  return { runs: sorted.length, headlines, base, bars };
}
