/** ModelError: raised when the model is given a world it cannot simulate, or breaks an invariant. */
import { ChokepointError } from "../engine/index.js";

/** Path of the scenario input an error is about, as keys and list indices (`controls.x.processingTime`). */
export type InputPath = readonly (string | number)[];

/**
 * An error raised by the world model (bad spec handed to a constructor, a broken invariant, or
 * a random draw that left the range an input allows). When it is about one input, `inputPath`
 * names it, so the caller can point at the place in the scenario file.
 */
export class ModelError extends ChokepointError {
  readonly inputPath: InputPath | undefined;

  constructor(code: string, message: string, options?: { cause?: unknown; inputPath?: InputPath }) {
    super(code, message, options);
    this.inputPath = options?.inputPath;
  }
}
