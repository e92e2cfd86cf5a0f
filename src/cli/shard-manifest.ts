/**
 * shard.json checked: the schema of a shard folder's manifest (the sweep plan and which shard
 * of it the folder holds) and the rules that tie its fields together, applied whenever a
 * manifest is read (merge, --resume), before anything is sized from it. A damaged or edited
 * manifest is refused with every problem found, each as FILE:LINE:COL field: what is wrong.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { z } from "zod";
import { epochDayFromIso } from "../model/index.js";
import { formatPath, MAX_HORIZON_DAYS } from "../scenario/index.js";
import { MAX_SHARDS, MAX_SWEEP_RUNS, MAX_SWING_RUNS, parseStopRule, unreportedTarget, type Shard, type SweepPlan } from "../sweep/index.js";

/** What `shard.json` holds. */
export interface ShardManifest {
  readonly plan: SweepPlan;
  readonly shard: Shard;
}

/** The most band cells (periods times reported pairs) a plan may have: more than any sweep can hold in memory. */
const MAX_BAND_CELLS = 50_000_000;
/** The most reported pairs and inputs a plan may list. */
const MAX_LIST = 1_000_000;

/** A value as a message shows it, short. */
function shown(value: unknown): string {
  const text = typeof value === "number" && !Number.isFinite(value) ? String(value) : String(JSON.stringify(value));
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The message of a field that breaks `rule`: "is missing" when it is absent. */
const breaks = (rule: string) => (issue: { input?: unknown }) => (issue.input === undefined ? "is missing" : `${rule}, got ${shown(issue.input)}`);
const whole = (min: number, max: number) => z.custom<number>((v) => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max, { error: breaks(`must be a whole number from ${min} to ${max}`) });
const text = z.string();
const isoDate = z.custom<string>((v) => typeof v === "string" && epochDayFromIso(v) !== undefined, { error: breaks("must be a date written YYYY-MM-DD") });
const finite = z.custom<number>((v) => typeof v === "number" && Number.isFinite(v), { error: breaks("must be a finite number") });

const alternativeSchema = z.strictObject({
  name: text,
  scenarioHash: text,
  inputs: z.array(text).max(MAX_LIST),
  dateInputs: z.array(text).max(MAX_LIST),
  inputScales: z.array(finite).max(MAX_LIST),
});

const planSchema = z.strictObject({
  tool: z.literal("chokepoint"),
  version: text,
  kind: z.enum(["sweep", "compare"]),
  scenario: text,
  alternatives: z.array(alternativeSchema).min(1).max(MAX_LIST),
  seed: z.custom<number>((v) => Number.isSafeInteger(v), { error: breaks("must be a whole number") }),
  design: z.enum(["mc", "lhs"]),
  runs: whole(1, MAX_SWEEP_RUNS),
  batch: whole(1, Number.MAX_SAFE_INTEGER),
  until: z.union([text, z.null()], { error: breaks("must be a stop rule or null") }),
  bandDays: whole(1, 366),
  start: isoDate,
  end: isoDate,
  dayCount: whole(1, MAX_HORIZON_DAYS),
  periodCount: whole(1, MAX_HORIZON_DAYS),
  series: z.array(z.strictObject({ country: text, commodity: text })).max(MAX_LIST),
  swingRuns: whole(0, MAX_SWING_RUNS),
  about: z.strictObject({
    title: text,
    question: text,
    description: text,
    markers: z.array(z.strictObject({ date: text, label: text })).max(MAX_LIST),
    overrides: z.array(text).max(MAX_LIST),
  }),
  unpricedCommodities: z.array(text).max(MAX_LIST),
  alternativesAbout: z
    .array(
      z.strictObject({
        name: text,
        title: text,
        description: text,
        projectCostUsd: z.number({ error: breaks("must be a number") }).min(0),
        reserves: z
          .array(
            z.strictObject({
              id: text,
              country: text,
              commodity: text,
              releasedTonnes: z.number({ error: breaks("must be a number") }).min(0),
              firstRelease: text.nullable(),
              whyNot: text.nullable(),
            }),
          )
          .max(MAX_LIST),
      }),
    )
    .max(MAX_LIST),
});

const manifestSchema = z.strictObject({
  plan: planSchema,
  shard: z.strictObject({ index: whole(0, MAX_SHARDS - 1), count: whole(1, MAX_SHARDS) }),
});

/** Words for zod's own issues (those the schema does not word itself). */
function issueMessage(issue: z.core.$ZodRawIssue): string {
  if ((issue.code === "invalid_type" || issue.code === "invalid_value" || issue.code === "invalid_union") && issue.input === undefined) return "is missing";
  switch (issue.code) {
    case "invalid_type":
      return `must be ${issue.expected === "string" ? "text" : issue.expected === "array" ? "a list" : issue.expected === "object" ? "an object" : issue.expected}, got ${shown(issue.input)}`;
    case "invalid_value":
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}, got ${shown(issue.input)}`;
    case "too_small":
      return `must have at least ${String(issue.minimum)} entries`;
    case "too_big":
      return `must have at most ${String(issue.maximum)} entries`;
    default:
      return issue.message ?? "is not valid";
  }
}

/** One problem: where (a path into the document) and what. */
interface ManifestIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** The rules between fields, for a manifest whose fields each passed the schema. */
function crossFieldIssues(manifest: ShardManifest): ManifestIssue[] {
  const { plan, shard } = manifest;
  const issues: ManifestIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  if (shard.index >= shard.count) add(["shard", "index"], `must be below shard.count (${shard.count}): shards are numbered 0 to count - 1, got ${shard.index}`);
  // Both dates passed the schema, so both are days.
  const dayCount = (epochDayFromIso(plan.end) as number) - (epochDayFromIso(plan.start) as number) + 1;
  if (plan.dayCount !== dayCount) add(["plan", "dayCount"], `must be the days from start to end (${dayCount}), got ${plan.dayCount}`);
  const periodCount = Math.ceil(dayCount / plan.bandDays);
  if (plan.periodCount !== periodCount) add(["plan", "periodCount"], `must be dayCount / bandDays rounded up (${periodCount}), got ${plan.periodCount}`);
  else if (plan.periodCount * plan.series.length > MAX_BAND_CELLS) add(["plan", "series"], `${plan.series.length} pairs over ${plan.periodCount} periods are more band cells than a sweep can hold (${MAX_BAND_CELLS})`);
  if (plan.swingRuns > plan.runs) add(["plan", "swingRuns"], `must not exceed runs (${plan.runs}), got ${plan.swingRuns}`);
  const compare = plan.alternatives.length > 1;
  if ((plan.kind === "compare") !== compare) add(["plan", "kind"], `must be "${compare ? "compare" : "sweep"}" for a plan of ${plan.alternatives.length} alternative${compare ? "s" : ""}, got "${plan.kind}"`);
  if (plan.kind === "compare" && plan.swingRuns !== 0) add(["plan", "swingRuns"], `must be 0 in a compare, got ${plan.swingRuns}`);
  plan.alternatives.forEach((alternative, a) => {
    if (alternative.inputScales.length !== alternative.inputs.length) add(["plan", "alternatives", a, "inputScales"], `must have one entry per input (${alternative.inputs.length}), got ${alternative.inputScales.length}`);
  });
  if (plan.until !== null) {
    const rule = parseStopRule(plan.until);
    const why = rule.ok ? unreportedTarget(rule.targets, plan.series) : rule.message;
    if (why !== undefined) add(["plan", "until"], why);
  }
  return issues;
}

/** The manifest in `text` (read from `file`), or every problem found in it, one line each. */
export function parseShardManifest(file: string, text: string): { ok: true; manifest: ShardManifest } | { ok: false; problems: string[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const at = (offset: number) => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
    return `${file}:${line + 1}:${offset - lineStarts[line] + 1}`;
  };
  if (errors.length > 0 || tree === undefined) {
    const first = errors[0];
    return { ok: false, problems: [`${at(first?.offset ?? 0)}: not valid JSON (${first === undefined ? "no value" : printParseErrorCode(first.error)}); the manifest is damaged: start the shard again in a new folder`] };
  }
  const locate = (path: readonly (string | number)[]): string => {
    // The field itself, else the nearest enclosing one that is there (a missing field).
    for (let n = path.length; n >= 0; n--) {
      const node: Node | undefined = findNodeAtLocation(tree, path.slice(0, n) as (string | number)[]);
      if (node !== undefined) return at(node.offset);
    }
    return at(0);
  };
  const report = (issues: readonly ManifestIssue[]) => issues.slice(0, 20).map((issue) => `${locate(issue.path)}${issue.path.length > 0 ? ` ${formatPath([...issue.path])}` : ""}: ${issue.message}`);
  const parsed = manifestSchema.safeParse(JSON.parse(text), { error: issueMessage });
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((issue): ManifestIssue[] => {
      const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
      // An unknown field is reported at itself, not at the object holding it.
      if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ path: [...path, key], message: "is not a field chokepoint writes" }));
      return [{ path, message: issue.message }];
    });
    return { ok: false, problems: report(issues) };
  }
  const manifest = parsed.data as ShardManifest;
  const issues = crossFieldIssues(manifest);
  return issues.length > 0 ? { ok: false, problems: report(issues) } : { ok: true, manifest };
}
