/**
 * SweepPlan: everything that defines a sweep's results, written into every shard's manifest
 * so that a merge can check that shards belong together (same scenarios and hashes, seed,
 * design, runs, band period, series, tool version) and that every replicate is present
 * exactly once; and whether a recorded sweep may go on as asked (finished, or extended to
 * more runs). Also the shard arithmetic: shard I of K runs the replicates r with r mod K = I.
 */
import { isoFromEpochDay, KPI_NAMES, type WorldSpec } from "../model/index.js";
import type { Scenario } from "../scenario/index.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import { firstReplicateReserves } from "./first-replicate-reserves.js";
import type { ReserveSummary } from "./run-summary.js";
import type { Design } from "./sampling-design.js";
import { SweepError } from "./sweep-error.js";

/** One scenario a sweep runs (a compare runs several on the same random world). */
export interface PlannedAlternative {
  readonly name: string;
  readonly scenarioHash: string;
  /** Names of its uncertain inputs and occurrences, in draw order (the columns of replicates.csv). */
  readonly inputs: readonly string[];
  /** Which of those are dates. */
  readonly dateInputs: readonly string[];
  /** Per input, the factor that shows it in the unit a plain number means in the file (t/yr for rates). */
  readonly inputScales: readonly number[];
}

/** A country and commodity the sweep reports. */
export interface PlannedSeries {
  readonly country: string;
  readonly commodity: string;
}

/** What defines a sweep's results. Plain data: it is written as JSON into every shard. */
export interface SweepPlan {
  readonly tool: string;
  readonly version: string;
  readonly kind: "sweep" | "compare";
  /** The base scenario's name; alternatives[0] is the base. */
  readonly scenario: string;
  readonly alternatives: readonly PlannedAlternative[];
  readonly seed: number;
  readonly design: Design;
  /** Replicates planned (with a stop rule, the most that may run). */
  readonly runs: number;
  /** Replicates per batch: a stop rule is checked only at batch ends. */
  readonly batch: number;
  /** The stop rule as written, or null. */
  readonly until: string | null;
  /** Days per band period. */
  readonly bandDays: number;
  readonly start: string;
  readonly end: string;
  readonly dayCount: number;
  readonly periodCount: number;
  readonly series: readonly PlannedSeries[];
  /** Replicates (0 to swingRuns - 1) that also run the tornado's one-at-a-time swings of each input (0: none). */
  readonly swingRuns: number;
  /** What the report says of the base scenario: nothing here changes a result. */
  readonly about: ScenarioAbout;
  /** What the report says of each alternative (the base first), and what its projects cost. */
  readonly alternativesAbout: readonly AlternativeAbout[];
  /** Reported commodities some alternative gives no reference price (their value KPIs are 0), sorted. */
  readonly unpricedCommodities: readonly string[];
}

/**
 * What a compare ranks its alternatives on: the value of unmet demand when every reported
 * commodity has a reference price, else unmet tonnes (a value that leaves commodities out would
 * rank on part of the shortfall).
 */
export function rankingTotal(plan: Pick<SweepPlan, "unpricedCommodities">): "unmetValue" | "unmetTonnes" {
  return plan.unpricedCommodities.length === 0 ? "unmetValue" : "unmetTonnes";
}

/** An alternative's words, and the cost of the projects it adds, for a compare's report. */
export interface AlternativeAbout {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** What its facilities with a stated cost cost (public money committed), US$: part of its scenario, so of its hash. */
  readonly projectCostUsd: number;
  /** In a compare, its reserves in replicate 0: what each released and, for one that released nothing, why (first-replicate-reserves.ts); empty in a plain sweep. */
  readonly reserves: readonly ReserveSummary[];
}

/** The base scenario's words and dated marks, for the report. */
export interface ScenarioAbout {
  readonly title: string;
  readonly question: string;
  readonly description: string;
  /** Dates to mark on time axes, with what happens on them (the events every replicate shares). */
  readonly markers: readonly { readonly date: string; readonly label: string }[];
  /** The `--set` overrides every alternative was loaded with, as given and in order: the words above describe the files before them. */
  readonly overrides: readonly string[];
}

/** Which part of a sweep one process runs. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The most replicates a sweep may plan. */
export const MAX_SWEEP_RUNS = 100_000_000;
/** The most shards a sweep may be cut into. */
export const MAX_SHARDS = 1_000_000;
/** The most replicates that may also run the tornado's swings. */
export const MAX_SWING_RUNS = 10_000;

/** The one shard of an unsharded sweep. */
export const WHOLE: Shard = { index: 0, count: 1 };

/** How a sweep is asked for. */
export interface SweepRequest {
  readonly seed: number;
  readonly design: Design;
  readonly runs: number;
  readonly batch: number;
  readonly until: string | null;
  readonly bandDays: number;
  /** Replicates that also run the tornado's swings (default 0; a compare never does). */
  readonly swingRuns?: number;
  /** Dates to mark on the report's time axes (default none). */
  readonly markers?: ScenarioAbout["markers"];
  /** The `--set` overrides as given, in order (default none). */
  readonly overrides?: readonly string[];
}

/** The markets of `spec` reported in a sweep: those with demand in its central world, by country and commodity id. */
export function reportedMarkets(spec: WorldSpec): number[] {
  const id = (m: number) => `${spec.countries[spec.markets[m].country].id}\u0000${spec.commodities[spec.markets[m].commodity].id}`;
  return spec.markets
    .map((market, m) => ({ market, m }))
    .filter(({ market }) => market.demandTonnesPerDay > 0)
    .map(({ m }) => m)
    .sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
}

/** The plan of a sweep of `scenarios` (base first; more than one makes a compare). Throws SweepError when they cannot be compared. */
export function planSweep(scenarios: readonly Scenario[], request: SweepRequest): SweepPlan {
  const base = scenarios[0];
  const spec = base.spec;
  for (const other of scenarios.slice(1)) {
    if (other.spec.startEpochDay !== spec.startEpochDay || other.spec.endEpochDay !== spec.endEpochDay) {
      throw new SweepError("incomparable", `${other.name} runs ${isoFromEpochDay(other.spec.startEpochDay)} to ${isoFromEpochDay(other.spec.endEpochDay)}, the base ${base.name} ${isoFromEpochDay(spec.startEpochDay)} to ${isoFromEpochDay(spec.endEpochDay)}: alternatives must share the horizon`);
    }
  }
  const names = new Set<string>();
  for (const s of scenarios) {
    if (names.has(s.name)) throw new SweepError("incomparable", `two alternatives are both named ${s.name}; give each its own name`);
    names.add(s.name);
  }
  const dayCount = spec.endEpochDay - spec.startEpochDay + 1;
  return {
    tool: TOOL_NAME,
    version: TOOL_VERSION,
    kind: scenarios.length > 1 ? "compare" : "sweep",
    scenario: base.name,
    alternatives: scenarios.map((s) => {
      const inputs = [...s.inputs.map((i) => i.name), ...s.occurrences.map((o) => o.name)];
      return {
        name: s.name,
        scenarioHash: s.hash,
        inputs,
        dateInputs: s.inputs.filter((i) => i.isDate).map((i) => i.name),
        inputScales: [...s.inputs.map((i) => i.displayScale), ...s.occurrences.map(() => 1)],
      };
    }),
    seed: request.seed,
    design: request.design,
    runs: request.runs,
    batch: request.batch,
    until: request.until,
    bandDays: request.bandDays,
    start: isoFromEpochDay(spec.startEpochDay),
    end: isoFromEpochDay(spec.endEpochDay),
    dayCount,
    periodCount: Math.ceil(dayCount / request.bandDays),
    series: reportedMarkets(spec).map((m) => ({ country: spec.countries[spec.markets[m].country].id, commodity: spec.commodities[spec.markets[m].commodity].id })),
    swingRuns: scenarios.length > 1 || scenarios[0].inputs.length + scenarios[0].occurrences.length === 0 ? 0 : Math.min(request.swingRuns ?? 0, request.runs),
    about: { title: base.title, question: base.question, description: base.description, markers: request.markers ?? [], overrides: request.overrides ?? [] },
    unpricedCommodities: [...new Set(scenarios.flatMap((s) => reportedMarkets(s.spec).map((m) => s.spec.commodities[s.spec.markets[m].commodity]).filter((c) => c.referencePriceUsdPerTonne === null).map((c) => c.id)))].sort(),
    alternativesAbout: scenarios.map((s) => ({
      name: s.name,
      title: s.title,
      description: s.description,
      projectCostUsd: s.spec.facilities.reduce((sum, f) => sum + f.costUsd, 0),
      // A compare's account of what each policy's reserves did (one run each on this thread); a plain sweep skips it, so its start-up stays lean.
      reserves: scenarios.length > 1 ? firstReplicateReserves(s, request.seed, request.design, request.runs) : [],
    })),
  };
}

/** The replicates of `shard` below `runs`, in order. */
export function* replicatesOf(shard: Shard, runs: number, from = 0): Generator<number> {
  const first = from <= shard.index ? shard.index : shard.index + Math.ceil((from - shard.index) / shard.count) * shard.count;
  for (let r = first; r < runs; r += shard.count) yield r;
}

/** The replicate at position `k` (from 0) of `shard`'s replicates: computed, so no list of them is ever needed. */
export function replicateAt(shard: Shard, k: number): number {
  return shard.index + k * shard.count;
}

/** How many replicates below `runs` a shard has. */
export function replicateCount(shard: Shard, runs: number): number {
  return shard.index >= runs ? 0 : Math.floor((runs - 1 - shard.index) / shard.count) + 1;
}

/** "I/K" -> the shard, or a message saying what is wrong. */
export function parseShard(text: string): Shard | string {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (match === null) return `must be I/N with 0 <= I < N, such as 3/8; got "${text}"`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!(count >= 1 && count <= MAX_SHARDS)) return `N must be between 1 and ${MAX_SHARDS}; got "${text}"`;
  if (!(index < count)) return `I must be below N (shards are numbered 0 to N-1); got "${text}"`;
  return { index, count };
}

/** Whether two plans describe the same sweep (field by field, as written). */
export function samePlan(a: SweepPlan, b: SweepPlan): string | undefined {
  const difference = sameSweep(a, b);
  if (difference !== undefined) return difference;
  if (a.runs !== b.runs) return `runs differs (${a.runs} and ${b.runs}): a sweep extended with --resume --runs M must be extended in every shard`;
  if (a.swingRuns !== b.swingRuns) return `swingRuns differs (${a.swingRuns} and ${b.swingRuns})`;
  return undefined;
}

/** Whether two plans describe the same sweep but for its size (runs, and the swing runs capped by it). */
function sameSweep(a: SweepPlan, b: SweepPlan): string | undefined {
  const fields: (keyof SweepPlan)[] = ["tool", "kind", "version", "scenario", "seed", "design", "batch", "until", "bandDays", "start", "end", "dayCount", "periodCount"];
  for (const field of fields) {
    if (JSON.stringify(a[field]) !== JSON.stringify(b[field])) return `${field} differs (${JSON.stringify(a[field])} and ${JSON.stringify(b[field])})`;
  }
  if (JSON.stringify(a.alternatives) !== JSON.stringify(b.alternatives)) {
    const hashes = (p: SweepPlan) => p.alternatives.map((x) => `${x.name} ${x.scenarioHash.slice(0, 12)}`).join(", ");
    return `the scenarios differ (${hashes(a)} and ${hashes(b)})`;
  }
  if (JSON.stringify(a.series) !== JSON.stringify(b.series)) return "the reported series differ";
  return undefined;
}

/**
 * How a sweep recorded under plan `recorded` may go on as `requested`: `same` (to finish it),
 * `extend` (the same sweep with more runs), or why it may not. A Monte Carlo replicate's draws
 * depend only on the seed, the input and the replicate number, so a sweep of N runs is the first
 * N replicates of a sweep of M > N, and growing it gives the bytes of the sweep planned at M. A
 * Latin hypercube cuts each input into N strata shared out over the N runs, so its replicates
 * depend on N: it cannot grow. `another` means a different sweep altogether; `refused`, the
 * same sweep asked for in a way it cannot go on.
 */
export function continuationOf(recorded: SweepPlan, requested: SweepPlan): { kind: "same" | "extend" } | { kind: "another" | "refused"; why: string } {
  const difference = sameSweep(recorded, requested);
  if (difference !== undefined) return { kind: "another", why: difference };
  if (requested.runs < recorded.runs) {
    return { kind: "refused", why: `it holds a sweep of ${recorded.runs} runs, and --runs ${requested.runs} would shrink it, which a sweep cannot do; give --runs ${recorded.runs} to finish it (or more, to extend it), or name another folder` };
  }
  if (requested.runs > recorded.runs && recorded.design === "lhs") {
    return {
      kind: "refused",
      why: `it holds a Latin hypercube sweep of ${recorded.runs} runs, which cannot be extended to ${requested.runs}: a Latin hypercube cuts each input into as many strata as runs, so every replicate's draws depend on the number of runs, and ${requested.runs} runs would draw all of them anew; run --runs ${requested.runs} in another folder (or use --design mc, whose sweeps extend)`,
    };
  }
  // The swing runs as asked (S) are capped by the runs: the folder's min(S, N) and the request's min(S, M) must come from one S.
  const isCapped = recorded.swingRuns === recorded.runs;
  if (isCapped ? requested.swingRuns < recorded.swingRuns : requested.swingRuns !== recorded.swingRuns) {
    return { kind: "another", why: `swingRuns differs (${recorded.swingRuns} and ${requested.swingRuns}): give the --swing-runs the sweep was started with` };
  }
  return { kind: requested.runs > recorded.runs ? "extend" : "same" };
}

/** The sizes every record of the plan's sweep shares. */
export function recordShape(plan: SweepPlan): { alternatives: number; kpiValues: number; inputs: number[]; bandCells: number; series: number; bandValues: number } {
  const bandCells = plan.periodCount * plan.series.length;
  return {
    series: plan.series.length,
    alternatives: plan.alternatives.length,
    kpiValues: plan.series.length * KPI_NAMES.length,
    inputs: plan.alternatives.map((a) => a.inputs.length),
    bandCells,
    // Only a sweep has bands (the base's shares and stocks), whose extremes its records keep.
    bandValues: plan.kind === "sweep" ? 2 * bandCells : 0,
  };
}
