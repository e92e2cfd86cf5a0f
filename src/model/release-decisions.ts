/**
 * Release decisions: when a government reserve may release (see ReleasePolicy). A trigger
 * (a shortage, and where the rule sets them a price, a cover or a control) opens an episode, a
 * decision follows after the sustained time and the lag, and the decision lapses once no
 * trigger has held for the cleared time, or after its longest duration. The rate solver
 * releases only from reserves whose release is authorized (or that release by reflex). The
 * rules of a release, and the state of each reserve's episode, live here; so does what a
 * reserve's policy did, for the run's account of a reserve that released nothing.
 */
import { Priority, type Environment } from "../engine/index.js";
import type { ExportControl } from "./export-control.js";
import type { Market } from "./market.js";
import { isLimited } from "./release-allocation.js";
import { hasOtherTriggers, type Stockpile } from "./stockpile.js";

/** The run state release decisions read, and the re-solve they ask for. */
export interface ReleaseState {
  readonly env: Environment;
  /** Epoch day of simulation time 0. */
  readonly originEpochDay: number;
  readonly markets: readonly Market[];
  readonly stockpiles: readonly Stockpile[];
  readonly controls: readonly ExportControl[];
  /** Each market's price index (1: the baseline; stays 1 without a market response). */
  readonly priceIndex: Float64Array;
  isMarketDry(m: number): boolean;
  /** Defence demand of market `m`, holding stock, that end-use controls leave unserved, tonnes/day. */
  refusedDefenceRate(m: number): number;
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
  /** Id of each reserve's pending end of a decided release's longest duration, or -1. */
  private readonly expiryEventId: Float64Array;
  /** Whether each reserve's trigger ever held (1), and whether a release was ever decided (1). */
  private readonly wasTriggered: Uint8Array;
  private readonly wasDecided: Uint8Array;
  /** Reserves with a trigger besides a shortage, looked at every day (their conditions move without a re-solve). */
  private readonly watched: readonly Stockpile[];
  private readonly onDecision = (s: number): void => this.decide(s);
  private readonly onLapse = (s: number): void => this.lapse(s);
  private readonly onExpiry = (s: number): void => this.expire(s);
  /** A release rule's first date: a shortage already under way opens an episode now (rates are as the last solve left them). */
  private readonly onWindow = (s: number): void => this.review(this.state.stockpiles[s]);

  constructor(state: ReleaseState) {
    this.state = state;
    const n = state.stockpiles.length;
    this.shortageSince = new Float64Array(n).fill(-1);
    this.shortEndedAt = new Float64Array(n).fill(-1);
    this.decisionEventId = new Float64Array(n).fill(-1);
    this.lapseEventId = new Float64Array(n).fill(-1);
    this.expiryEventId = new Float64Array(n).fill(-1);
    this.wasTriggered = new Uint8Array(n);
    this.wasDecided = new Uint8Array(n);
    this.watched = state.stockpiles.filter((s) => hasOtherTriggers(s.spec.release));
  }

  /** Whether reserve `s`'s trigger ever held (a reflex reserve is never reviewed: it has none). */
  hasTriggered(s: number): boolean {
    return this.wasTriggered[s] === 1;
  }

  /** Whether a release of reserve `s` was ever decided (a reflex reserve's always is). */
  hasDecided(s: number): boolean {
    return this.wasDecided[s] === 1 || this.state.stockpiles[s].isReflex;
  }

  /** A day's look at the reserves whose triggers move without a re-solve (prices, cover, controls). */
  reviewWatched(): void {
    for (let i = 0; i < this.watched.length; i++) this.review(this.watched[i]);
  }

  /**
   * A reserve's release decision (see ReleasePolicy). A trigger in any member, from the
   * policy's first date, opens an episode; the release is decided the sustained time plus the
   * decision lag after the episode opened, if it is still open then. An episode closes only once
   * no trigger has held for the cleared time, so the dry spells between deliveries of a sawtooth
   * supply count as one shortage, and a decided release goes on through them; when the episode
   * closes, the decision lapses.
   */
  review(stockpile: Stockpile): void {
    const policy = stockpile.spec.release;
    const state = this.state;
    const s = stockpile.index;
    const now = state.env.now;
    const from = policy.fromEpochDay === null ? -Infinity : policy.fromEpochDay - state.originEpochDay;
    if (now >= from && this.isTriggered(stockpile, now)) {
      this.wasTriggered[s] = 1;
      this.shortEndedAt[s] = -1;
      this.lapseEventId[s] = -1;
      if (stockpile.isReleaseAuthorized || this.shortageSince[s] >= 0) return;
      this.shortageSince[s] = now;
      this.decisionEventId[s] = state.env.scheduleIn(policy.sustainedDays + policy.decisionLagDays, this.onDecision, s, Priority.EARLY);
      return;
    }
    if (this.shortEndedAt[s] >= 0 || (this.shortageSince[s] < 0 && !stockpile.isReleaseAuthorized)) return;
    this.shortEndedAt[s] = now;
    this.lapseEventId[s] = state.env.scheduleIn(policy.clearedDays, this.onLapse, s, Priority.EARLY);
  }

  /**
   * Whether any trigger of its rule holds in any member at `now`. A member with stock whose
   * defence class end-use controls leave short is short by that much, for a reserve that may
   * serve it (one that serves some classes only: a reserve serving all releases into dry members).
   */
  private isTriggered(stockpile: Stockpile, now: number): boolean {
    const policy = stockpile.spec.release;
    const state = this.state;
    const limited = isLimited(stockpile);
    for (const m of stockpile.memberMarkets) {
      const market = state.markets[m];
      if (state.isMarketDry(m)) {
        const need = market.demand.wantedRate + market.rates.nominalInput;
        if (need > 0 && (need - market.rates.production) / need >= policy.triggerShare) return true;
      } else if (limited) {
        const refused = state.refusedDefenceRate(m);
        const need = market.demand.wantedRate + market.rates.nominalInput;
        if (refused > 0 && refused / need >= policy.triggerShare) return true;
      }
      if (state.priceIndex[m] > policy.priceAbove) return true;
      if (policy.coverBelowDays > 0 && market.levelAt(now) < policy.coverBelowDays * market.useRate) return true;
      if (policy.onControl !== null && this.isControlled(stockpile.spec.commodity, market.country, now, policy.onControl === "announced")) return true;
    }
    return false;
  }

  /**
   * Whether a control on `commodity` covers exports to `country` at `now` (in force, or with
   * `announced` also announced). End-use controls are not counted: they stop no shipment.
   */
  private isControlled(commodity: number, country: number, now: number, announced: boolean): boolean {
    for (const control of this.state.controls) {
      if (control.isDefenceOnly || !control.coversCommodity[commodity] || !control.coversDestination[country]) continue;
      if (control.isInForceAt(now) || (announced && control.isAnnouncedAt(now))) return true;
    }
    return false;
  }

  private decide(s: number): void {
    const state = this.state;
    const stockpile = state.stockpiles[s];
    if (state.env.currentEventId !== this.decisionEventId[s]) return; // the episode closed first
    this.decisionEventId[s] = -1;
    this.wasDecided[s] = 1;
    const duration = stockpile.spec.release.maxDurationDays;
    if (duration !== Infinity) this.expiryEventId[s] = state.env.scheduleIn(duration, this.onExpiry, s, Priority.EARLY);
    stockpile.authorizeRelease(true);
    state.markGroupDirty(state.groupOfMarket(stockpile.hostMarket));
    state.settle();
  }

  /**
   * A decided release has lasted its longest duration: it stops, and the episode stays open
   * (no new decision) until no trigger has held for the cleared time.
   */
  private expire(s: number): void {
    const state = this.state;
    const stockpile = state.stockpiles[s];
    if (state.env.currentEventId !== this.expiryEventId[s]) return; // the episode closed first
    this.expiryEventId[s] = -1;
    if (!stockpile.isReleaseAuthorized) return;
    stockpile.authorizeRelease(false);
    state.markGroupDirty(state.groupOfMarket(stockpile.hostMarket));
    state.settle();
  }

  /** No trigger has held for the cleared time: the episode closes and any decision lapses. */
  private lapse(s: number): void {
    const state = this.state;
    const stockpile = state.stockpiles[s];
    if (state.env.currentEventId !== this.lapseEventId[s]) return; // a shortage came back first
    this.lapseEventId[s] = -1;
    this.shortEndedAt[s] = -1;
    this.shortageSince[s] = -1;
    this.decisionEventId[s] = -1;
    this.expiryEventId[s] = -1;
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
