/** Runtime state of one export control. */
export class ExportControl {
    index;
    id;
    exporter;
    measure;
    /** coversCommodity[k] is true when commodity k is controlled. */
    coversCommodity;
    /** coversDestination[c] is true when exports to country c are controlled. */
    coversDestination;
    /** Simulation time it takes effect, or null while not imposed. */
    effectiveTime;
    /** Simulation time it ends by its own terms, or null. */
    endTime;
    /** Suspended until this time, or null. */
    suspendedUntil = null;
    isLifted = false;
    /** Tonnes still allowed this calendar year (quota controls only). */
    quotaRemainingTonnes;
    constructor(index, spec, commodityCount, countryCount, startEpochDay) {
        this.index = index;
        this.id = spec.id;
        this.exporter = spec.exporter;
        this.measure = spec.measure;
        this.coversCommodity = new Array(commodityCount).fill(false);
        for (const k of spec.commodities)
            this.coversCommodity[k] = true;
        const listed = new Set(spec.destinations.countries);
        this.coversDestination = Array.from({ length: countryCount }, (_, c) => {
            if (c === spec.exporter)
                return false;
            if (spec.destinations.mode === "all")
                return true;
            return spec.destinations.mode === "only" ? listed.has(c) : !listed.has(c);
        });
        this.effectiveTime = spec.effectiveEpochDay === null ? null : spec.effectiveEpochDay - startEpochDay;
        this.endTime = spec.endEpochDay === null ? null : spec.endEpochDay - startEpochDay;
        this.quotaRemainingTonnes = spec.measure.kind === "quota" ? spec.measure.tonnesPerYear : Infinity;
    }
    /** Whether the control is in force at time `t`. */
    isInForceAt(t) {
        if (this.effectiveTime === null || t < this.effectiveTime || this.isLifted)
            return false;
        if (this.endTime !== null && t >= this.endTime)
            return false;
        return this.suspendedUntil === null || t >= this.suspendedUntil;
    }
    /** Whether it governs exports of `commodity` to `destination` at time `t`. */
    appliesTo(commodity, destination, t) {
        return this.coversCommodity[commodity] && this.coversDestination[destination] && this.isInForceAt(t);
    }
    /** Puts the control in force from time `t` (clearing any lift or suspension). */
    impose(t) {
        this.effectiveTime = t;
        this.isLifted = false;
        this.suspendedUntil = null;
    }
    /** Suspends it until `until`, after which it returns by itself. */
    suspend(until) {
        this.suspendedUntil = until;
    }
    /** Moves the end of a suspension to `until` (or suspends it until then if it is in force). */
    extendSuspension(until) {
        this.suspendedUntil = until;
    }
    /** Ends the control for good. */
    lift() {
        this.isLifted = true;
    }
}
//# sourceMappingURL=export-control.js.map