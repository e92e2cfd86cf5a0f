/**
 * An invalid draw: a replicate whose drawn inputs break a rule of the scenario format (a
 * demand drawn negative from a wide normal distribution, say). A sweep records it and skips the
 * replicate rather than stopping: whether a replicate's draw is invalid is a pure function of
 * the plan and its number, so the same replicates are skipped whatever the workers and shards.
 * A skipped replicate adds nothing to any statistic (it is excluded, not counted as zero):
 * summary.json's `runs` counts the valid replicates and `invalidDraws` the skipped ones.
 */

/** One skipped replicate: which, the field whose rule its draw broke, and the message. */
export interface InvalidDraw {
  readonly replicate: number;
  /** The field's path in the scenario (a drawn input, or the field a drawn value broke). */
  readonly field: string;
  /** Every issue of the draw, as `FILE:LINE:COL path: message`, one per line. */
  readonly message: string;
}
