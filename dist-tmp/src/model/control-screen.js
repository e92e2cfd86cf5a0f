/** The controls in force on one (exporter, commodity, destination) at one time. */
export class ControlScreen {
    isBanned = false;
    /** Licensing controls that apply (each decides independently; all must approve). */
    licensing = [];
    /** Quota controls that apply (the tightest binds). */
    quotas = [];
    /** Fills this screen for exports of `commodity` from the controls' exporter to `destination` at `t`. */
    evaluate(controls, controlIndices, commodity, destination, t) {
        this.isBanned = false;
        this.licensing.length = 0;
        this.quotas.length = 0;
        for (const c of controlIndices) {
            const control = controls[c];
            if (!control.appliesTo(commodity, destination, t))
                continue;
            switch (control.measure.kind) {
                case "ban":
                    this.isBanned = true;
                    break;
                case "licensing":
                    this.licensing.push(control);
                    break;
                case "quota":
                    this.quotas.push(control);
                    break;
            }
        }
        return this;
    }
    /** Tonnes the quotas still allow (Infinity when none applies). */
    get quotaAllowanceTonnes() {
        let allowance = Infinity;
        for (const quota of this.quotas)
            allowance = Math.min(allowance, quota.quotaRemainingTonnes);
        return allowance;
    }
}
//# sourceMappingURL=control-screen.js.map