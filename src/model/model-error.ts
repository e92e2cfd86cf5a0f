/** ModelError: raised when the model is given a world it cannot simulate, or breaks an invariant. */
import { ChokepointError } from "../engine/index.js";

/** An error raised by the world model (bad spec handed to a constructor, or a broken invariant). */
export class ModelError extends ChokepointError {}
