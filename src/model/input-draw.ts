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
    throw new ModelError("bad-draw", `drew ${value} from ${JSON.stringify(distribution)}, which the model cannot use${Number.isFinite(min) ? ` (it needs a finite number >= ${min})` : " (it needs a finite number)"}`, {
      inputPath: input,
    });
  }
  return value;
}
