/**
 * The rules a distribution's parameters keep (`checkDistribution`): finite where they must be,
 * ordered, spreads and weights not negative, a support that holds the centre. A broken rule is
 * an EngineError naming the input, the rule, the value and the distribution as written.
 */
import { EngineError } from "./chokepoint-error.js";
import type { Distribution } from "./distribution.js";

/**
 * Throws EngineError("bad-distribution") unless the parameters describe a distribution:
 * finite where they must be, min <= mode <= max, spreads >= 0, median > 0, min < max when a
 * truncated spread is > 0 (and the centre inside [min, max] when it is 0), weights >= 0 with
 * a sum > 0. The message names `what`, the rule and the value.
 */
export function checkDistribution(distribution: Distribution, what: string): void {
  const rules = new ParameterRules(distribution, what);
  switch (distribution.kind) {
    case "fixed":
      rules.finite("value", distribution.value);
      return;
    case "uniform":
      rules.finite("min", distribution.min);
      rules.finite("max", distribution.max);
      if (distribution.min > distribution.max) rules.bad("min must be <= max", [distribution.min, distribution.max]);
      return;
    case "triangular":
      rules.finite("min", distribution.min);
      rules.finite("mode", distribution.mode);
      rules.finite("max", distribution.max);
      rules.ordered(distribution.min, distribution.mode, distribution.max);
      return;
    case "pert":
      rules.finite("min", distribution.min);
      rules.finite("mode", distribution.mode);
      rules.finite("max", distribution.max);
      rules.finite("shape", distribution.shape);
      rules.ordered(distribution.min, distribution.mode, distribution.max);
      if (distribution.shape < 0) rules.bad("shape must be >= 0", distribution.shape);
      return;
    case "normal":
      return checkNormal(distribution, rules);
    case "lognormal":
      return checkLognormal(distribution, rules);
    case "exponential":
      rules.finite("mean", distribution.mean);
      if (distribution.mean <= 0) rules.bad("mean must be > 0", distribution.mean);
      return;
    case "discrete":
      return checkDiscrete(distribution, rules);
    default:
      rules.bad("kind must be one of fixed, uniform, triangular, pert, normal, lognormal, exponential, discrete", (distribution as { kind: unknown }).kind);
  }
}

/** The rules a distribution's parameters keep; a broken one throws an EngineError naming the rule, the value and the distribution. */
class ParameterRules {
  constructor(
    private readonly distribution: Distribution,
    private readonly what: string,
  ) {}

  bad(rule: string, value: unknown): never {
    throw new EngineError("bad-distribution", `${this.what}: ${rule}, got ${show(value)} in ${describe(this.distribution)}`);
  }

  finite(name: string, value: number): void {
    if (!Number.isFinite(value)) this.bad(`${name} must be a finite number`, value);
  }

  notNaN(name: string, value: number): void {
    if (typeof value !== "number" || Number.isNaN(value)) this.bad(`${name} must be a number (it may be infinite)`, value);
  }

  ordered(min: number, mode: number, max: number): void {
    if (!(min <= mode && mode <= max)) this.bad("min <= mode <= max must hold", [min, mode, max]);
  }
}

function checkNormal({ mean, standardDeviation, min, max }: Extract<Distribution, { kind: "normal" }>, rules: ParameterRules): void {
  rules.finite("mean", mean);
  rules.finite("standardDeviation", standardDeviation);
  rules.notNaN("min", min);
  rules.notNaN("max", max);
  if (standardDeviation < 0) rules.bad("standardDeviation must be >= 0", standardDeviation);
  if (standardDeviation > 0 && !(min < max)) rules.bad("min must be < max when standardDeviation > 0", [min, max]);
  if (standardDeviation === 0 && !(min <= mean && mean <= max)) rules.bad("min <= mean <= max must hold when standardDeviation is 0", [min, mean, max]);
}

function checkLognormal({ median, sigma, min, max }: Extract<Distribution, { kind: "lognormal" }>, rules: ParameterRules): void {
  rules.finite("median", median);
  rules.finite("sigma", sigma);
  rules.finite("min", min);
  rules.notNaN("max", max);
  if (median <= 0) rules.bad("median must be > 0", median);
  if (sigma < 0) rules.bad("sigma must be >= 0", sigma);
  if (min < 0) rules.bad("min must be >= 0", min);
  if (sigma > 0 && !(min < max)) rules.bad("min must be < max when sigma > 0", [min, max]);
  if (sigma === 0 && !(min <= median && median <= max)) rules.bad("min <= median <= max must hold when sigma is 0", [min, median, max]);
}

function checkDiscrete({ values, weights }: Extract<Distribution, { kind: "discrete" }>, rules: ParameterRules): void {
  if (!Array.isArray(values) || values.length === 0) rules.bad("values must be a non-empty list of numbers", values);
  if (!Array.isArray(weights) || weights.length !== values.length) rules.bad(`weights must be a list as long as values (${values.length})`, weights);
  values.forEach((value, i) => rules.finite(`values[${i}]`, value));
  weights.forEach((weight, i) => {
    rules.finite(`weights[${i}]`, weight);
    if (weight < 0) rules.bad(`weights[${i}] must be >= 0`, weight);
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (!(total > 0 && Number.isFinite(total))) rules.bad("the weights must have a finite sum > 0", total);
}

/** "normal { mean: 10, standardDeviation: 2, min: 0, max: Infinity }": the distribution as written, Infinity included. */
function describe(distribution: Distribution): string {
  const { kind, ...parameters } = distribution as { kind: unknown } & Record<string, unknown>;
  const fields = Object.entries(parameters).map(([name, value]) => `${name}: ${show(value)}`);
  return `${String(kind)} { ${fields.join(", ")} }`;
}

function show(value: unknown): string {
  return Array.isArray(value) ? `[${value.map(show).join(", ")}]` : String(value);
}
