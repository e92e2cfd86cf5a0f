/**
 * Input draws: sampling a distribution that a scenario input gives, checked so that a draw the
 * model cannot use (not a finite number, or below a bound) is an error naming the input, never
 * an infinite event time deep inside the kernel.
 */
import { sample, type Distribution, type RandomStream } from "../engine/index.js";
import { ModelError, type InputPath } from "./model-error.js";

/** Draws from `distribution`; throws a ModelError naming `input` unless the value is finite and >= `min`. */
export function drawInput(distribution: Distribution, stream: RandomStream, input: InputPath, min = -Infinity): number {
  const value = sample(distribution, stream);
  if (!Number.isFinite(value) || value < min) {
    const needs = Number.isFinite(min) ? `a finite number >= ${min}` : "a finite number";
    throw new ModelError("bad-draw", `drew ${value} from ${describe(distribution)}; the model needs ${needs}`, { inputPath: input });
  }
  return value;
}

/** "lognormal { median: 45, sigma: 1000000 }": the distribution as written, numbers as numbers (Infinity included). */
function describe(distribution: Distribution): string {
  const { kind, ...parameters } = distribution;
  const fields = Object.entries(parameters).map(([name, value]) => `${name}: ${String(value)}`);
  return `${kind} { ${fields.join(", ")} }`;
}
