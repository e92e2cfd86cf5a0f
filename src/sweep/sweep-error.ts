/** SweepError: a sweep, shard, record file or merge that cannot go on, with the reason. */
import { ChokepointError } from "../engine/index.js";

/** An error of the sweep layer: mismatched shards, damaged records, a bad plan. `code` says which. */
export class SweepError extends ChokepointError {}
