/**
 * WhatIf: what a run's outputs say of the what-if it is: the `--set` overrides given to its
 * file, verbatim and in order, and the base it was run against with `--vs` (with the two runs'
 * differences). The terminal header, the report's title line, summary.json's manifest and the
 * report's what-if section all read it.
 */
import { WHAT_IF_CHANGES, type WhatIfChange, type WhatIfDiff } from "../sweep/index.js";

/** The base a what-if was run against, on the same seed and replicate. */
export interface WhatIfBase {
  /** The base's scenario argument as given (a file or a shipped scenario's name). */
  readonly file: string;
  readonly scenario: string;
  readonly title: string;
  readonly scenarioHash: string;
  /** The what-if's differences from it, pair by pair. */
  readonly diff: WhatIfDiff;
}

/** A run's overrides and its base; a plain run has none of either. */
export interface WhatIf {
  /** The `--set` arguments, verbatim, in the order given. */
  readonly overrides: readonly string[];
  /** The `--vs` base, or null. */
  readonly vs: WhatIfBase | null;
}

/** A run with no overrides and no base. */
export const NO_WHAT_IF: WhatIf = { overrides: [], vs: null };

/** The title line's tail naming the overrides (" (what-if: a=1; b=2)"), or "" without any. */
export function overridesNote(overrides: readonly string[]): string {
  return overrides.length === 0 ? "" : ` (what-if: ${overrides.join("; ")})`;
}

/** What each change is called in tables and counts. */
const CHANGE_WORDS: Readonly<Record<WhatIfChange, string>> = { caused: "newly short", worse: "worse", moved: "moved in time", better: "better", removed: "no longer short" };

/** A change in words ("newly short", "no longer short"...). */
export function changeWord(change: WhatIfChange): string {
  return CHANGE_WORDS[change];
}

/** Counts of the changed pairs by change, in reading order ("1 newly short, 2 worse"), or "" when none. */
export function changeCounts(diff: WhatIfDiff): string {
  return WHAT_IF_CHANGES.map((change) => [change, diff.pairs.filter((p) => p.change === change).length] as const)
    .filter(([, count]) => count > 0)
    .map(([change, count]) => `${count} ${CHANGE_WORDS[change]}`)
    .join(", ");
}
