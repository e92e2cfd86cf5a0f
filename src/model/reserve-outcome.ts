/**
 * Reserve outcomes: what each reserve released in the reported period, and when it released
 * nothing, why: it was empty, its trigger never fired, no release was decided (each episode
 * closed before the decision), or the demand it serves was never short while it could release.
 */
import type { Stockpile } from "./stockpile.js";
import { EMPTY_TONNES } from "./tolerance.js";

/** Why a reserve released nothing in the reported period. */
export type ReserveIdleReason = "empty" | "never-triggered" | "never-decided" | "never-short";

/** What one reserve did over the reported period. */
export interface ReserveOutcome {
  readonly id: string;
  readonly country: string;
  readonly commodity: string;
  /** Tonnes released in the reported period. */
  readonly releasedTonnes: number;
  /** Day of the reported period (0: its first) it first released, or null. */
  readonly firstReleaseDay: number | null;
  /** Why it released nothing, or null when it released. */
  readonly idleReason: ReserveIdleReason | null;
}

/** The outcome of `stockpile`, given whether its trigger ever held and a release was ever decided; `warmUpDays` ends the warm-up. */
export function reserveOutcome(stockpile: Stockpile, country: string, commodity: string, history: { readonly triggered: boolean; readonly decided: boolean }, warmUpDays: number): ReserveOutcome {
  const released = stockpile.tonnesReleased;
  const first = stockpile.firstReleaseTime;
  const hasReleased = released > EMPTY_TONNES;
  return {
    id: stockpile.spec.id,
    country,
    commodity,
    releasedTonnes: released,
    firstReleaseDay: hasReleased && first >= 0 ? Math.floor(first) - warmUpDays : null,
    idleReason: hasReleased ? null : idleReason(stockpile, history),
  };
}

function idleReason(stockpile: Stockpile, history: { readonly triggered: boolean; readonly decided: boolean }): ReserveIdleReason {
  if (stockpile.availableTonnes <= EMPTY_TONNES || stockpile.spec.maxReleaseTonnesPerDay <= 0) return "empty";
  if (!stockpile.isReflex && !history.triggered) return "never-triggered";
  if (!history.decided) return "never-decided";
  return "never-short";
}
