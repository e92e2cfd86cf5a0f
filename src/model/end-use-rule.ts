/**
 * End-use rule: what end-use controls (`endUse: defence`) do. Such a control screens no order
 * and follows no shipment; it acts where the goods are consumed. In a market it covers (its
 * commodity, its destination, in force, no general licence for that destination), the defence
 * class (military end users and uses) may not consume the controlling exporter's origin.
 *
 * A market's stock is well mixed (origin-content.ts): its final consumption carries the stock's
 * content share c_x of each tracked origin x. The defence class may therefore take at most the
 * part of final consumption that is of no controlled origin, the allowed share
 * a = 1 - sum over exporters x of c_x * (1 - prod_i (1 - coverage_i)), the controls i of one
 * exporter combining as independent restrictions (as the control screen's do), the origins of
 * different exporters being disjoint parts of the stock (so their controlled shares add). Within
 * final consumption the controlled origin is assigned to the other classes; the stock's own
 * origin accounting stays at its mix (every outflow leaves at the mix). That assignment is exact
 * as long as defence served <= (1 - c) * consumed, which is what the rule enforces
 * (`defenceServedRate`). The rate solver applies it in RateSolver.serveMarket with the content
 * of each stock at the time the rates are solved: the share drifts between solves as the stock
 * mixes, and the cap follows it at the next solve (orders, arrivals and dry-outs re-solve often).
 * Reserves that serve the defence class fill what the rule leaves it short of: a reserve's
 * release is not held to the origin rule (an assumption: a government reserve is the buyer's own
 * stock, bought before the control).
 */
import type { ExportControl } from "./export-control.js";
import type { Market } from "./market.js";

/**
 * What the defence class consumes of a general supply of `supply` tonnes/day for final demand
 * (at most the demand, `defence` + `others`), served first, when it may take at most `allowed`
 * of what final demand consumes: min(defence, supply, allowed * supply, allowed * others /
 * (1 - allowed)). The last term holds where the other classes cannot take all the controlled
 * origin: they consume at most their own demand, so consumption falls below supply and defence
 * gets exactly `allowed` of it. With `allowed` >= 1 it is the plain min(defence, supply).
 */
export function defenceServedRate(defence: number, others: number, supply: number, allowed: number): number {
  const served = defence < supply ? defence : supply;
  if (!(allowed < 1)) return served;
  if (!(allowed > 0)) return 0;
  return Math.min(served, allowed * supply, (allowed * others) / (1 - allowed));
}

/** The end-use controls of a run, by the markets they cover. */
export class EndUseRule {
  /** Whether the run has any end-use control. */
  readonly hasAny: boolean;
  /** The end-use controls covering each market, by market (sorted by exporter). */
  private readonly controlsOfMarket: readonly (readonly ExportControl[])[];
  /** The markets each control covers, by control index (empty for controls on all uses). */
  private readonly marketsOfControl: readonly (readonly number[])[];
  private readonly markets: readonly Market[];
  private readonly originSlot: Int32Array;

  constructor(controls: readonly ExportControl[], markets: readonly Market[], originSlot: Int32Array) {
    this.markets = markets;
    this.originSlot = originSlot;
    const endUse = controls.filter((c) => c.isDefenceOnly).sort((a, b) => a.exporter - b.exporter || a.index - b.index);
    this.controlsOfMarket = markets.map((market) => endUse.filter((c) => c.coversCommodity[market.commodity] && c.coversDestination[market.country]));
    this.marketsOfControl = controls.map((c) => (c.isDefenceOnly ? markets.filter((m) => this.controlsOfMarket[m.index].includes(c)).map((m) => m.index) : []));
    this.hasAny = endUse.length > 0;
  }

  /** The markets end-use control `c` covers (none for a control on all uses). */
  marketsOf(c: number): readonly number[] {
    return this.marketsOfControl[c];
  }

  /**
   * The share of market `m`'s final consumption its defence class may take at `t`: 1 less the
   * stock's content of the origins whose end-use controls apply there, each times the share
   * those controls cover (see the module comment); 1 where none applies.
   */
  allowedShare(m: number, t: number): number {
    const controls = this.controlsOfMarket[m];
    if (controls.length === 0) return 1;
    const market = this.markets[m];
    let controlled = 0;
    let i = 0;
    while (i < controls.length) {
      const exporter = controls[i].exporter;
      let free = 1;
      for (; i < controls.length && controls[i].exporter === exporter; i++) {
        if (controls[i].appliesTo(market.commodity, market.country, t)) free *= 1 - controls[i].governedShare(market.country, t);
      }
      if (free < 1) controlled += market.content[this.originSlot[exporter]] * (1 - free);
    }
    return controlled > 0 ? Math.max(0, 1 - controlled) : 1;
  }

  /**
   * The next time after `t` at which whether end-use control `control` applies may change (it
   * takes effect, ends, a suspension runs out, a general licence starts or ends), or Infinity.
   */
  nextChangeAfter(control: ExportControl, t: number): number {
    let next = Infinity;
    const consider = (time: number | null): void => {
      if (time !== null && time > t && time < next) next = time;
    };
    consider(control.effectiveTime);
    consider(control.endTime);
    consider(control.suspendedUntil);
    const licences = control.generalLicenceUntil;
    for (let d = 0; d < licences.length; d++) if (Number.isFinite(licences[d])) consider(licences[d]);
    return next;
  }
}
