/** Runtime state of one reserve. */
export class Stockpile {
    index;
    spec;
    /** Market index of the host country's market for this commodity. */
    hostMarket;
    /** Market index for each member country (same order as spec.members). */
    memberMarkets;
    level;
    lastTime = 0;
    /** Target level for refills (raised by purchases). */
    targetTonnes;
    /** Current release into each member market, tonnes/day (same order as memberMarkets). */
    releaseRates;
    /** Sum of releaseRates. */
    totalReleaseRate = 0;
    /** Id of the pending "reaches its floor" event, or -1. */
    floorEventId = -1;
    /** First simulation time it reached its floor after releasing, or -1. */
    firstEmptyTime = -1;
    constructor(index, spec, hostMarket, memberMarkets) {
        this.index = index;
        this.spec = spec;
        this.hostMarket = hostMarket;
        this.memberMarkets = memberMarkets;
        this.level = spec.initialTonnes;
        this.targetTonnes = spec.targetTonnes;
        this.releaseRates = memberMarkets.map(() => 0);
    }
    /** Tonnes above the floor. */
    get availableTonnes() {
        return Math.max(0, this.level - this.spec.floorTonnes);
    }
    /** Whether it can release now. */
    get canRelease() {
        return this.spec.maxReleaseTonnesPerDay > 0 && this.level > this.spec.floorTonnes + 1e-9;
    }
    /** Integrates the level to time `t` at the current release rate. */
    advanceTo(t) {
        const dt = t - this.lastTime;
        if (dt <= 0)
            return;
        this.lastTime = t;
        this.level -= this.totalReleaseRate * dt;
        // Releases stop exactly at the floor; only rounding can leave the level a hair below it.
        if (this.level < this.spec.floorTonnes)
            this.level = this.spec.floorTonnes;
    }
}
//# sourceMappingURL=stockpile.js.map