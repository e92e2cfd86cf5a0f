/**
 * Stockpile: a government reserve at run time. Once a release is decided (see ReleasePolicy),
 * it releases into member markets that run short, at up to its maximum rate and down to its
 * floor; a shared reserve splits its rate among short members in proportion to their deficits.
 * It keeps its stock's origin content like a market.
 */
import { addedShare } from "./origin-content.js";
import { EMPTY_TONNES } from "./tolerance.js";
import type { ReleasePolicy, StockpileSpec } from "./world-spec.js";

/** Whether a release rule has a trigger besides a shortage: a price, a cover or a control. */
export function hasOtherTriggers(policy: ReleasePolicy): boolean {
  return policy.priceAbove !== Infinity || policy.coverBelowDays > 0 || policy.onControl !== null;
}

/** Runtime state of one reserve. */
export class Stockpile {
  readonly index: number;
  readonly spec: StockpileSpec;
  /** Market index of the host country's market for this commodity. */
  readonly hostMarket: number;
  /** Market index for each member country (same order as spec.members). */
  readonly memberMarkets: number[];
  /** Tonnes held, as of `lastTime` (written only here: `receive`, `release`, `reachFloor`). */
  private stock: number;
  private lastTime = 0;
  /** Target level for refills (raised by purchases). */
  private target: number;
  /** Current release into each member market, tonnes/day (same order as memberMarkets; set by the rate solver). */
  readonly releaseRates: number[];
  /** Sum of releaseRates (set by the rate solver). */
  totalReleaseRate = 0;
  /** First simulation time it reached its floor after releasing, or -1. */
  private firstEmpty = -1;
  /** Origin content of its stock, by origin slot (read-only outside the reserve: it moves with the stock). */
  readonly content: Float64Array;
  /** Whether its policy is the reflex one (release the moment a member runs dry): always authorized. */
  readonly isReflex: boolean;
  /** Whether a release is decided and in force (it then releases while a member is short; set by ReleaseDecisions). */
  private releaseAuthorized: boolean;
  /** Time from which its holding is costed (the reported period's first day). */
  private readonly holdingFrom: number;
  /** Tonne-days held since `holdingFrom`, to the last time it was advanced. */
  private heldTonneDays = 0;
  /** Tonnes bought into it (refills and purchases) over the run. */
  private bought = 0;
  /** Tonnes released in the reported period (by its policy and by release events). */
  private released = 0;
  /** First time in the reported period it released, or -1. */
  private firstRelease = -1;

  /**
   * A reserve of `spec` hosted by market `hostMarket`, releasing into `memberMarkets`; its
   * starting stock has its host's origin content (`hostContent`).
   */
  constructor(index: number, spec: StockpileSpec, hostMarket: number, memberMarkets: number[], hostContent: Float64Array, holdingFrom: number) {
    this.index = index;
    this.holdingFrom = holdingFrom;
    this.spec = spec;
    this.hostMarket = hostMarket;
    this.memberMarkets = memberMarkets;
    this.stock = spec.initialTonnes;
    this.target = spec.targetTonnes;
    this.releaseRates = memberMarkets.map(() => 0);
    this.content = Float64Array.from(hostContent);
    const policy = spec.release;
    this.isReflex =
      policy.triggerShare === 0 &&
      policy.sustainedDays === 0 &&
      policy.decisionLagDays === 0 &&
      policy.fromEpochDay === null &&
      !hasOtherTriggers(policy) &&
      policy.maxDurationDays === Infinity;
    this.releaseAuthorized = this.isReflex;
  }

  /** Tonnes held, as of the last time it was advanced. */
  get level(): number {
    return this.stock;
  }

  /** Target level for refills (raised by purchases), tonnes. */
  get targetTonnes(): number {
    return this.target;
  }

  /** First simulation time it reached its floor after releasing, or -1. */
  get firstEmptyTime(): number {
    return this.firstEmpty;
  }

  /** Whether a release is decided and in force (it then releases while a member is short). */
  get isReleaseAuthorized(): boolean {
    return this.releaseAuthorized;
  }

  /** Tonne-days held in the reported period, to the last time it was advanced (its holding cost is this times price times the yearly rate over a year's days). */
  get tonneDaysHeld(): number {
    return this.heldTonneDays;
  }

  /** Tonnes bought into it over the run (refills and purchases). */
  get tonnesBought(): number {
    return this.bought;
  }

  /** Tonnes released in the reported period, to the last time it was advanced. */
  get tonnesReleased(): number {
    return this.released;
  }

  /** First time in the reported period it released, or -1. */
  get firstReleaseTime(): number {
    return this.firstRelease;
  }

  /** Tonnes above the floor. */
  get availableTonnes(): number {
    return Math.max(0, this.stock - this.spec.floorTonnes);
  }

  /** Whether it can release now: decided, and stock above the floor. */
  get canRelease(): boolean {
    return this.releaseAuthorized && this.spec.maxReleaseTonnesPerDay > 0 && this.stock > this.spec.floorTonnes + EMPTY_TONNES;
  }

  /** Adds tonnes (a refill landing, or moved from the host's stock) of the given origin content. */
  receive(tonnes: number, content: Float64Array): void {
    for (let o = 0; o < this.content.length; o++) this.content[o] = addedShare(this.content[o], this.stock, tonnes, content[o]);
    this.stock += tonnes;
    this.bought += tonnes;
  }

  /**
   * Releases up to `tonnes` at once, down to its floor (a release by event, advanced to now):
   * returns the tonnes released, of its stock's content.
   */
  release(tonnes: number): number {
    const released = Math.min(tonnes, this.availableTonnes);
    this.stock -= released;
    if (released > 0 && this.lastTime >= this.holdingFrom) this.countRelease(released, this.lastTime);
    return released;
  }

  /** Its release has run it down to its floor at time `t` (advanced to `t`): it holds the floor exactly. */
  reachFloor(t: number): void {
    this.stock = this.spec.floorTonnes;
    if (this.firstEmpty < 0) this.firstEmpty = t;
  }

  /** Raises its refill target by `tonnes` (a purchase). */
  raiseTarget(tonnes: number): void {
    this.target += tonnes;
  }

  /** A release is decided (true) or has lapsed (false). */
  authorizeRelease(isAuthorized: boolean): void {
    this.releaseAuthorized = isAuthorized;
  }

  /** The level at time `t` (before or after the last update) at the current release rate. */
  levelAt(t: number): number {
    const level = this.stock - this.totalReleaseRate * (t - this.lastTime);
    return level < this.spec.floorTonnes ? this.spec.floorTonnes : level;
  }

  /** Integrates the level to time `t` at the current release rate. */
  advanceTo(t: number): void {
    const dt = t - this.lastTime;
    if (dt <= 0) return;
    const before = this.stock;
    const from = this.lastTime;
    this.lastTime = t;
    this.stock -= this.totalReleaseRate * dt;
    // Releases stop exactly at the floor; only rounding can leave the level a hair below it.
    if (this.stock < this.spec.floorTonnes) this.stock = this.spec.floorTonnes;
    if (t > this.holdingFrom) {
      this.holdTonneDays(before, from, t);
      // Only what left from the reported period's first day on counts as released.
      const counted = from >= this.holdingFrom ? before : Math.max(this.spec.floorTonnes, before - this.totalReleaseRate * (this.holdingFrom - from));
      if (counted > this.stock) this.countRelease(counted - this.stock, Math.max(from, this.holdingFrom));
    }
  }

  private countRelease(tonnes: number, since: number): void {
    this.released += tonnes;
    if (this.firstRelease < 0) this.firstRelease = since;
  }

  /** Adds the tonne-days of the level falling from `before` at `from` to the stock at `to`, counted from `holdingFrom` on. */
  private holdTonneDays(before: number, from: number, to: number): void {
    const rate = this.totalReleaseRate;
    const floor = this.spec.floorTonnes;
    const levelAt = (t: number) => Math.max(floor, before - rate * (t - from));
    const start = Math.max(from, this.holdingFrom);
    // The level falls linearly until it meets the floor, then stays there.
    const meets = rate > 0 ? Math.min(to, Math.max(start, from + (before - floor) / rate)) : to;
    this.heldTonneDays += ((levelAt(start) + levelAt(meets)) / 2) * (meets - start) + floor * (to - meets);
  }
}
