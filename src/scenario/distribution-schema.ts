/**
 * Distribution schemas: how scenario files write a distribution over a quantity, a share or a
 * date, with each parameter in the field's own units, and its translation to the kernel's
 * Distribution (model units). Normal and lognormal distributions are truncated to the values
 * the field accepts (a share to 0..100%, a rate to its limits), so every draw is valid.
 *
 *     { uniform: [40%, 80%] }                     { triangular: [30 days, 45 days, 90 days] }
 *     { pert: [2027-01-01, 2027-06-01, 2028-12-31], shape: 4 }
 *     { normal: { mean: 70%, sd: 10%, min: 50% } } { lognormal: { median: 45 days, sigma: 0.4 } }
 *     { choice: [50%, 70%, 90%], weights: [1, 2, 1] }
 */
import { z } from "zod";
import type { Distribution } from "../engine/index.js";
import { LIMITS } from "./input-limits.js";

/** The values a field accepts: draws are truncated to them. */
export interface Support {
  readonly min: number;
  readonly max: number;
}

/** The families a file may write, for messages and docs. */
export const FAMILY_NAMES = ["uniform", "triangular", "pert", "normal", "lognormal", "choice"] as const;

const sigma = z
  .number({ error: "must be the spread of the logarithm (a number)" })
  .min(0, { error: "must be >= 0" })
  .max(LIMITS.lognormalSigma.max, { error: `must be ${LIMITS.lognormalSigma.text}` });
const shape = z.number({ error: "must be a number (4 is the usual PERT shape)" }).min(0.1, { error: "must be >= 0.1" }).max(100, { error: "must be at most 100" });
const weight = z.number({ error: "must be a weight (a number >= 0)" }).min(0, { error: "must be >= 0" }).max(1e9, { error: "must be at most 1e9" });

function ordered(values: readonly number[], labels: string, ctx: z.RefinementCtx): boolean {
  for (let i = 1; i < values.length; i++) {
    if (values[i] < values[i - 1]) {
      ctx.addIssue({ code: "custom", message: `${labels} must be in increasing order` });
      return false;
    }
  }
  return true;
}

/**
 * The distribution objects of a field whose plain values `value` parses; `spread` parses a
 * normal's standard deviation (in the value's units; a duration for dates). Families listed
 * in `families` only (dates take no lognormal).
 */
export function distributionObject(
  value: z.ZodType<number>,
  spread: z.ZodType<number>,
  support: Support,
  families: readonly (typeof FAMILY_NAMES)[number][] = FAMILY_NAMES,
) {
  const truncate = (min: number | undefined, max: number | undefined, ctx: z.RefinementCtx): { min: number; max: number } | undefined => {
    const low = Math.max(support.min, min ?? -Infinity);
    const high = Math.min(support.max, max ?? Infinity);
    if (!(low < high)) {
      ctx.addIssue({ code: "custom", message: "min must be below max (and inside the values the field accepts)" });
      return undefined;
    }
    return { min: low, max: high };
  };
  const all = {
    uniform: z.strictObject({ uniform: z.tuple([value, value]) }).transform((d, ctx): Distribution => {
      const [min, max] = d.uniform as [number, number];
      return ordered([min, max], "uniform: [min, max]", ctx) ? { kind: "uniform", min, max } : z.NEVER;
    }),
    triangular: z.strictObject({ triangular: z.tuple([value, value, value]) }).transform((d, ctx): Distribution => {
      const [min, mode, max] = d.triangular as [number, number, number];
      return ordered([min, mode, max], "triangular: [min, mode, max]", ctx) ? { kind: "triangular", min, mode, max } : z.NEVER;
    }),
    pert: z.strictObject({ pert: z.tuple([value, value, value]), shape: shape.optional() }).transform((d, ctx): Distribution => {
      const [min, mode, max] = d.pert as [number, number, number];
      if (!ordered([min, mode, max], "pert: [min, mode, max]", ctx)) return z.NEVER;
      if (min === max) return { kind: "fixed", value: min };
      return { kind: "pert", min, mode, max, shape: d.shape ?? 4 };
    }),
    normal: z
      .strictObject({ normal: z.strictObject({ mean: value, sd: spread, min: value.optional(), max: value.optional() }) })
      .transform((d, ctx): Distribution => {
        const { mean, sd, min, max } = d.normal as { mean: number; sd: number; min?: number; max?: number };
        const range = truncate(min, max, ctx);
        if (range === undefined) return z.NEVER;
        if (sd === 0) return { kind: "fixed", value: Math.min(range.max, Math.max(range.min, mean)) };
        return { kind: "normal", mean, standardDeviation: sd, min: range.min, max: range.max };
      }),
    lognormal: z
      .strictObject({ lognormal: z.strictObject({ median: value, sigma, min: value.optional(), max: value.optional() }) })
      .transform((d, ctx): Distribution => {
        const { median, sigma: s, min, max } = d.lognormal as { median: number; sigma: number; min?: number; max?: number };
        if (!(median > 0)) {
          ctx.addIssue({ code: "custom", message: "lognormal: median must be > 0" });
          return z.NEVER;
        }
        const range = truncate(Math.max(0, min ?? 0), max, ctx);
        if (range === undefined) return z.NEVER;
        if (s === 0) return { kind: "fixed", value: Math.min(range.max, Math.max(range.min, median)) };
        return { kind: "lognormal", median, sigma: s, min: range.min, max: range.max };
      }),
    choice: z
      .strictObject({ choice: z.array(value).min(1, { error: "must list at least one value" }).max(1000), weights: z.array(weight).optional() })
      .transform((d, ctx): Distribution => {
        const values = d.choice as number[];
        const weights = d.weights ?? values.map(() => 1);
        if (weights.length !== values.length) {
          ctx.addIssue({ code: "custom", message: `weights: give one weight per value (${values.length}), got ${weights.length}` });
          return z.NEVER;
        }
        if (!(weights.reduce((a, b) => a + b, 0) > 0)) {
          ctx.addIssue({ code: "custom", message: "weights: at least one must be > 0" });
          return z.NEVER;
        }
        return values.length === 1 ? { kind: "fixed", value: values[0] } : { kind: "discrete", values, weights };
      }),
  };
  const options = families.map((f) => all[f]);
  return z.union(options as unknown as [z.ZodType<Distribution>, ...z.ZodType<Distribution>[]]);
}

/** "{ uniform: [min, max] }, { triangular: [min, mode, max] }, ..." for messages. */
export function familiesText(families: readonly (typeof FAMILY_NAMES)[number][] = FAMILY_NAMES): string {
  const forms: Record<(typeof FAMILY_NAMES)[number], string> = {
    uniform: "{ uniform: [min, max] }",
    triangular: "{ triangular: [min, mode, max] }",
    pert: "{ pert: [min, mode, max] }",
    normal: "{ normal: { mean, sd } }",
    lognormal: "{ lognormal: { median, sigma } }",
    choice: "{ choice: [a, b, ...] }",
  };
  return families.map((f) => forms[f]).join(", ");
}
