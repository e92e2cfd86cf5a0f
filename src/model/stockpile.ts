/**
 * Stockpile: a government reserve at run time. Once a release is decided (see ReleasePolicy),
 * it releases into member markets that run short, at up to its maximum rate and down to its
 * floor; a shared reserve splits its rate among short members in proportion to their deficits.
 * It keeps its stock's origin content like a market.
 */
import { addedShare } from "./origin-content.js";
import { EMPTY_TONNES } from "./tolerance.js";
import type { StockpileSpec } from "./world-spec.js";

/** Runtime state of one reserve. */
export class Stockpile {
  readonly index: number;
  readonly spec: StockpileSpec;
  /** Market index of the host country's market for this commodity. */
  readonly hostMarket: number;
  /** Market index for each member country (same order as spec.members). */
  readonly memberMarkets: number[];
  level: number;
  lastTime = 0;
  /** Target level for refills (raised by purchases). */
  targetTonnes: number;
  /** Current release into each member market, tonnes/day (same order as memberMarkets). */
  readonly releaseRates: number[];
  /** Sum of releaseRates. */
  totalReleaseRate = 0;
  /** Id of the pending "reaches its floor" event, or -1. */
  floorEventId = -1;
  /** First simulation time it reached its floor after releasing, or -1. */
  firstEmptyTime = -1;
  /** Origin content of its stock, by origin slot. */
  readonly content: Float64Array;
  /** Whether its policy is the reflex one (release the moment a member runs dry): always authorized. */
  readonly isReflex: boolean;
  /** Whether a release is decided and in force (it then releases while a member is short). */
  isReleaseAuthorized: boolean;
  /** Time the current shortage episode opened, or -1 (see ReleaseDecisions.review). */
  shortageSince = -1;
  /** Time its members stopped being short, while the episode is still open, or -1. */
  shortEndedAt = -1;
  /** Ids of the pending decision and lapse events, or -1. */
  decisionEventId = -1;
  lapseEventId = -1;

  constructor(index: number, spec: StockpileSpec, hostMarket: number, memberMarkets: number[], origins: number) {
    this.index = index;
    this.spec = spec;
    this.hostMarket = hostMarket;
    this.memberMarkets = memberMarkets;
    this.level = spec.initialTonnes;
    this.targetTonnes = spec.targetTonnes;
    this.releaseRates = memberMarkets.map(() => 0);
    this.content = new Float64Array(origins);
    const policy = spec.release;
    this.isReflex = policy.triggerShare === 0 && policy.sustainedDays === 0 && policy.decisionLagDays === 0 && policy.fromEpochDay === null;
    this.isReleaseAuthorized = this.isReflex;
  }

  /** Tonnes above the floor. */
  get availableTonnes(): number {
    return Math.max(0, this.level - this.spec.floorTonnes);
  }

  /** Whether it can release now: decided, and stock above the floor. */
  get canRelease(): boolean {
    return this.isReleaseAuthorized && this.spec.maxReleaseTonnesPerDay > 0 && this.level > this.spec.floorTonnes + EMPTY_TONNES;
  }

  /** Adds tonnes (a refill landing, or moved from the host's stock) of the given origin content. */
  receive(tonnes: number, content: Float64Array): void {
    for (let o = 0; o < this.content.length; o++) this.content[o] = addedShare(this.content[o], this.level, tonnes, content[o]);
    this.level += tonnes;
  }

  /** The level at time `t` (before or after the last update) at the current release rate. */
  levelAt(t: number): number {
    const level = this.level - this.totalReleaseRate * (t - this.lastTime);
    return level < this.spec.floorTonnes ? this.spec.floorTonnes : level;
  }

  /** Integrates the level to time `t` at the current release rate. */
  advanceTo(t: number): void {
    const dt = t - this.lastTime;
    if (dt <= 0) return;
    this.lastTime = t;
    this.level -= this.totalReleaseRate * dt;
    // Releases stop exactly at the floor; only rounding can leave the level a hair below it.
    if (this.level < this.spec.floorTonnes) this.level = this.spec.floorTonnes;
  }
}
