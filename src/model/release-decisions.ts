/**
 * Release decisions: when a government reserve may release (see ReleasePolicy). A shortage
 * episode opens, a decision follows after the sustained time and the lag, and the decision
 * lapses once no member has been short for the sustained time. The rate solver releases only
 * from reserves whose release is authorized (or that release by reflex).
 */
import { Priority } from "../engine/index.js";
import type { Stockpile } from "./stockpile.js";
import type { WorldState } from "./world-state.js";

/** The release decisions of a run's reserves. */
export class ReleaseDecisions {
  private readonly state: WorldState;
  private readonly onDecision = (s: number): void => this.decide(s);
  private readonly onLapse = (s: number): void => this.lapse(s);
  /** A release rule's first date: a shortage already under way opens an episode now (rates are as the last solve left them). */
  private readonly onWindow = (s: number): void => this.review(this.state.stockpiles[s]);

  constructor(state: WorldState) {
    this.state = state;
  }

  /**
   * A reserve's release decision (see ReleasePolicy). A shortage of at least the trigger share
   * in any member, from the policy's first date, opens an episode; the release is decided the
   * sustained time plus the decision lag after the episode opened, if it is still open then.
   * An episode closes only once no member has been short for the sustained time, so the dry
   * spells between deliveries of a sawtooth supply count as one shortage, and a decided release
   * goes on through them; when the episode closes, the decision lapses.
   */
  review(stockpile: Stockpile): void {
    const policy = stockpile.spec.release;
    const state = this.state;
    const now = state.env.now;
    const from = policy.fromEpochDay === null ? -Infinity : policy.fromEpochDay - state.originEpochDay;
    let isShort = false;
    if (now >= from) {
      for (const m of stockpile.memberMarkets) {
        if (!state.isMarketDry(m)) continue;
        const market = state.markets[m];
        const need = market.demandRate + market.nominalInputRate;
        if (need > 0 && (need - market.productionRate) / need >= policy.triggerShare) isShort = true;
      }
    }
    if (isShort) {
      stockpile.shortEndedAt = -1;
      stockpile.lapseEventId = -1;
      if (stockpile.isReleaseAuthorized || stockpile.shortageSince >= 0) return;
      stockpile.shortageSince = now;
      stockpile.decisionEventId = state.env.scheduleIn(policy.sustainedDays + policy.decisionLagDays, this.onDecision, stockpile.index, Priority.EARLY);
      return;
    }
    if (stockpile.shortEndedAt >= 0 || (stockpile.shortageSince < 0 && !stockpile.isReleaseAuthorized)) return;
    stockpile.shortEndedAt = now;
    stockpile.lapseEventId = state.env.scheduleIn(policy.sustainedDays, this.onLapse, stockpile.index, Priority.EARLY);
  }

  private decide(s: number): void {
    const state = this.state;
    const stockpile = state.stockpiles[s];
    if (state.env.currentEventId !== stockpile.decisionEventId) return; // the episode closed first
    stockpile.decisionEventId = -1;
    stockpile.isReleaseAuthorized = true;
    state.markGroupDirty(state.groupOfMarket(stockpile.hostMarket));
    state.settle();
  }

  /** No member has been short for the sustained time: the episode closes and any decision lapses. */
  private lapse(s: number): void {
    const state = this.state;
    const stockpile = state.stockpiles[s];
    if (state.env.currentEventId !== stockpile.lapseEventId) return; // a shortage came back first
    stockpile.lapseEventId = -1;
    stockpile.shortEndedAt = -1;
    stockpile.shortageSince = -1;
    stockpile.decisionEventId = -1;
    if (!stockpile.isReleaseAuthorized) return;
    stockpile.isReleaseAuthorized = false;
    state.markGroupDirty(state.groupOfMarket(stockpile.hostMarket));
    state.settle();
  }

  /** Schedules a look at each decided-release reserve on the first day its policy allows a release. */
  scheduleWindows(): void {
    const state = this.state;
    for (const stockpile of state.stockpiles) {
      const from = stockpile.spec.release.fromEpochDay;
      if (stockpile.isReflex || from === null) continue;
      const time = from - state.originEpochDay;
      if (time > 0) state.env.scheduleAt(time, this.onWindow, stockpile.index, Priority.EARLY);
    }
  }
}
