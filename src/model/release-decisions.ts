/**
 * Release decisions: when a government reserve may release (see ReleasePolicy). A shortage
 * episode opens, a decision follows after the sustained time and the lag, and the decision
 * lapses once no member has been short for the sustained time. The rate solver releases only
 * from reserves whose release is authorized (or that release by reflex). The rules of a
 * release, and the state of each reserve's episode, live here.
 */
import { Priority, type Environment } from "../engine/index.js";
import type { Market } from "./market.js";
import type { Stockpile } from "./stockpile.js";

/** The run state release decisions read, and the re-solve they ask for. */
export interface ReleaseState {
  readonly env: Environment;
  /** Epoch day of simulation time 0. */
  readonly originEpochDay: number;
  readonly markets: readonly Market[];
  readonly stockpiles: readonly Stockpile[];
  isMarketDry(m: number): boolean;
  groupOfMarket(m: number): number;
  markGroupDirty(g: number): void;
  settle(): void;
}

/** The release decisions of a run's reserves. */
export class ReleaseDecisions {
  private readonly state: ReleaseState;
  /** Time each reserve's current shortage episode opened, or -1. */
  private readonly shortageSince: Float64Array;
  /** Time its members stopped being short, while the episode is still open, or -1. */
  private readonly shortEndedAt: Float64Array;
  /** Ids of each reserve's pending decision and lapse events, or -1. */
  private readonly decisionEventId: Float64Array;
  private readonly lapseEventId: Float64Array;
  private readonly onDecision = (s: number): void => this.decide(s);
  private readonly onLapse = (s: number): void => this.lapse(s);
  /** A release rule's first date: a shortage already under way opens an episode now (rates are as the last solve left them). */
  private readonly onWindow = (s: number): void => this.review(this.state.stockpiles[s]);

  constructor(state: ReleaseState) {
    this.state = state;
    const n = state.stockpiles.length;
    this.shortageSince = new Float64Array(n).fill(-1);
    this.shortEndedAt = new Float64Array(n).fill(-1);
    this.decisionEventId = new Float64Array(n).fill(-1);
    this.lapseEventId = new Float64Array(n).fill(-1);
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
    const s = stockpile.index;
    const now = state.env.now;
    const from = policy.fromEpochDay === null ? -Infinity : policy.fromEpochDay - state.originEpochDay;
    let isShort = false;
    if (now >= from) {
      for (const m of stockpile.memberMarkets) {
        if (!state.isMarketDry(m)) continue;
        const market = state.markets[m];
        const need = market.demand.wantedRate + market.rates.nominalInput;
        if (need > 0 && (need - market.rates.production) / need >= policy.triggerShare) isShort = true;
      }
    }
    if (isShort) {
      this.shortEndedAt[s] = -1;
      this.lapseEventId[s] = -1;
      if (stockpile.isReleaseAuthorized || this.shortageSince[s] >= 0) return;
      this.shortageSince[s] = now;
      this.decisionEventId[s] = state.env.scheduleIn(policy.sustainedDays + policy.decisionLagDays, this.onDecision, s, Priority.EARLY);
      return;
    }
    if (this.shortEndedAt[s] >= 0 || (this.shortageSince[s] < 0 && !stockpile.isReleaseAuthorized)) return;
    this.shortEndedAt[s] = now;
    this.lapseEventId[s] = state.env.scheduleIn(policy.sustainedDays, this.onLapse, s, Priority.EARLY);
  }

  private decide(s: number): void {
    const state = this.state;
    const stockpile = state.stockpiles[s];
    if (state.env.currentEventId !== this.decisionEventId[s]) return; // the episode closed first
    this.decisionEventId[s] = -1;
    stockpile.authorizeRelease(true);
    state.markGroupDirty(state.groupOfMarket(stockpile.hostMarket));
    state.settle();
  }

  /** No member has been short for the sustained time: the episode closes and any decision lapses. */
  private lapse(s: number): void {
    const state = this.state;
    const stockpile = state.stockpiles[s];
    if (state.env.currentEventId !== this.lapseEventId[s]) return; // a shortage came back first
    this.lapseEventId[s] = -1;
    this.shortEndedAt[s] = -1;
    this.shortageSince[s] = -1;
    this.decisionEventId[s] = -1;
    if (!stockpile.isReleaseAuthorized) return;
    stockpile.authorizeRelease(false);
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
