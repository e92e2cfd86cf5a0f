/**
 * Expected scarcity, a signal of the prices mechanism: what a market expects the export controls
 * it knows of to cut from its supply over the coming `horizon` days, as a share of its use.
 *
 * A market knows a control from its announcement (or, unannounced, from its effective day); it
 * knows the control's legal dates: its effective day, its end, a suspension's end (suspended
 * controls come back by themselves) and general licences. Imposition by a later event is not
 * known before it happens. Expectations price the transition a control forces, not its lasting
 * state: from the day it starts (or restarts) to bite until buyers can have re-sourced (the
 * world's qualification lag, the time a buyer needs to qualify a new supplier). After that, what
 * the control still withholds shows in the market's physical cover, which the price follows
 * anyway; an expectation that outlived re-sourcing would hold a price up with nothing short.
 * Over the window [t, t + horizon), within that transition, a control cuts the share of the
 * covered flow its measure stops:
 *
 * - a ban: all of it;
 * - a quota: what the flow it covers exceeds the quota by;
 * - licensing: the refused share (1 - approval), and the approved share during the first review
 *   time after it starts to bite (mean review time plus the authority's backlog, the days an
 *   application filed now waits: a backlog lengthens the gap).
 *
 * An importer loses, per tonne of its use, its import need (use less own output) times each
 * supplier's baseline share times that supplier's largest cut: its expected supply ratio is
 * 1 - loss. The exporter's own controls are not priced as a glut at home: its producers hold
 * what waits for licences (China's low-purity gallium price rose from $240/kg in June 2023 to
 * about $420/kg in October 2024 under licensing: USGS, Mineral Commodity Summaries 2025), and
 * a glut that is real shows in its physical signal once producers cut output. Controls in force
 * also decide who is controlling.
 */
import { DAYS_PER_YEAR } from "../calendar.js";
import type { ExportControl } from "../export-control.js";
import type { LicensingAuthority } from "../licensing-authority.js";
import { Licensing } from "../measures/licensing.js";
import { Quota } from "../measures/quota.js";
import { meanOf } from "../../engine/index.js";
import type { WorldState } from "../world-state.js";
import { packLists, type PackedLists } from "./packed-lists.js";

/**
 * The part of [t, t + horizonDays) over which `control`, as known at `t`, governs exports to
 * `destination` (`start` is when it starts or restarts to bite), or null when it is unknown at
 * `t` (neither announced nor in effect), lifted, or not in force within the window.
 */
export function knownSpan(control: ExportControl, destination: number, t: number, horizonDays: number): { start: number; from: number; to: number } | null {
  const effective = control.effectiveTime;
  if (control.isLifted || effective === null || horizonDays <= 0) return null;
  if (t < effective && (control.announcedTime === null || t < control.announcedTime)) return null;
  // A general licence held by every exporter defers the bite to its end; one held by some only thins it (governedShare).
  const licensedUntil = control.generalLicenceShare[destination] >= 1 ? control.generalLicenceUntil[destination] : -Infinity;
  const start = Math.max(effective, control.suspendedUntil ?? -Infinity, licensedUntil);
  const from = Math.max(t, start);
  const to = Math.min(t + horizonDays, control.endTime ?? Infinity);
  return to > from ? { start, from, to } : null;
}

/** What each market expects the controls it knows of to cut from its supply while buyers re-source. */
export class ExpectedScarcity {
  private readonly state: WorldState;
  private readonly authorities: readonly LicensingAuthority[];
  /** Days buyers need to re-source after a control starts to bite (the world's qualification lag). */
  private readonly transitionDays: number;
  /** The step each control's covered flow was last summed at (quotas only), and that flow. */
  private readonly flowStamp: Float64Array;
  private readonly flowTonnesPerDay: Float64Array;
  /**
   * By market: its controlled sources, the import sources some control may govern, in import
   * order, as indices into `sourceShare` and `sourceControls`. Which controls govern a route
   * (exporter, own exports, commodities, destinations) never changes in a run, so it is worked
   * out once; a source no control governs cuts nothing, and a market with none expects its full
   * supply (most markets, most steps).
   */
  private readonly controlledSources: PackedLists;
  /** By controlled source: its baseline share of its market's imports. */
  private readonly sourceShare: Float64Array;
  /** By controlled source: the controls that govern its supplier's own exports of the commodity to the market's country (in `controlsOn` order). */
  private readonly sourceControls: PackedLists;
  /** By market: the controls of its own country on its own exports of its commodity (in force or not). */
  private readonly ownControls: PackedLists;

  constructor(state: WorldState, authorities: readonly LicensingAuthority[]) {
    this.state = state;
    this.authorities = authorities;
    this.transitionDays = state.spec.trade.qualificationLagDays;
    this.flowStamp = new Float64Array(state.controls.length).fill(-Infinity);
    this.flowTonnesPerDay = new Float64Array(state.controls.length);
    const shares: number[] = [];
    const controls: number[][] = [];
    const sources = state.markets.map((market) => {
      const ofMarket: number[] = [];
      for (const source of market.imports) {
        const governing = governingControls(state, source.supplier, market.commodity, market.country);
        if (governing.length === 0) continue;
        ofMarket.push(shares.length);
        shares.push(source.share);
        controls.push(governing);
      }
      return ofMarket;
    });
    this.controlledSources = packLists(sources);
    this.sourceShare = Float64Array.from(shares);
    this.sourceControls = packLists(controls);
    this.ownControls = packLists(state.markets.map((market) => governingControls(state, market.country, market.commodity, null)));
  }

  /** Whether market `m`'s country has a control in force on its commodity at `t` (its price is then its own). */
  isControlling(m: number, t: number): boolean {
    const { start, items } = this.ownControls;
    for (let i = start[m]; i < start[m + 1]; i++) if (this.state.controls[items[i]].isInForceAt(t)) return true;
    return false;
  }

  /**
   * Market `m`'s expected supply over the next `horizonDays` at `t`, per tonne of its use:
   * 1 - what controls on its suppliers are expected to cut (1: nothing expected; at or below 0
   * the caller prices it at the cap).
   */
  supplyRatio(m: number, t: number, horizonDays: number): number {
    const { start, items } = this.controlledSources;
    // No control governs any of its sources: nothing is lost, and 1 - 0 / use is 1.
    if (start[m] === start[m + 1]) return 1;
    const state = this.state;
    const market = state.markets[m];
    const use = useOf(state, m);
    if (use <= 0 || horizonDays <= 0) return 1;
    let lost = 0;
    const need = importNeedOf(state, m);
    if (need > 0) {
      // Sources left out would each add share x 0, which leaves the sum as it is.
      for (let i = start[m]; i < start[m + 1]; i++) lost += this.sourceShare[items[i]] * this.cutOf(items[i], market.country, t, horizonDays);
      lost *= need;
    }
    return 1 - lost / use;
  }

  /** The largest expected cut, over the window, of the controls governing controlled source `s` to `destination`. */
  private cutOf(s: number, destination: number, t: number, horizonDays: number): number {
    const state = this.state;
    const { start, items } = this.sourceControls;
    let cut = 0;
    for (let i = start[s]; i < start[s + 1]; i++) {
      const control = state.controls[items[i]];
      const span = knownSpan(control, destination, t, horizonDays);
      if (span === null) continue;
      cut = Math.max(cut, control.governedShare(destination, span.from) * this.measureCut(control, destination, t, span, horizonDays));
    }
    return cut;
  }

  /**
   * The share of the governed flow `control`'s measure is expected to stop over the window,
   * given its known span: only within the transition after it starts to bite (see the file's
   * comment), and the approved share of a licensed flow only during its first review.
   */
  private measureCut(control: ExportControl, destination: number, t: number, span: { start: number; from: number; to: number }, horizonDays: number): number {
    const transitionEnd = Math.min(span.to, span.start + this.transitionDays);
    const inForce = Math.max(0, transitionEnd - span.from) / horizonDays;
    const measure = control.measure;
    if (measure instanceof Licensing) {
      // Deterred buyers do not apply; of the rest, the tonnes approved come after the first review.
      const deterred = measure.deterredByCountry[destination];
      const granted = measure.approvalByCountry[destination] * measure.meanApprovedShare;
      const reviewDays = meanOf(measure.processingDays) + this.authorities[measure.authority].backlogDays;
      const gapEnd = Math.min(span.to, span.start + reviewDays);
      const delayed = Math.max(0, gapEnd - span.from) / horizonDays;
      return deterred * inForce + (1 - deterred) * ((1 - granted) * inForce + granted * delayed);
    }
    if (measure instanceof Quota) {
      const flow = this.coveredFlow(control, t);
      const allowed = measure.tonnesPerYear / DAYS_PER_YEAR;
      return flow > allowed ? (1 - allowed / flow) * inForce : 0;
    }
    return inForce;
  }

  /** Tonnes a day of import need `control` covers (its exporter's baseline share of each covered market's need), summed once a step. */
  private coveredFlow(control: ExportControl, t: number): number {
    const c = control.index;
    if (this.flowStamp[c] === t) return this.flowTonnesPerDay[c];
    let flow = 0;
    for (const market of this.state.markets) {
      if (!control.coversCommodity[market.commodity] || !control.coversDestination[market.country]) continue;
      for (const source of market.imports) if (source.supplier === control.exporter) flow += source.share * importNeedOf(this.state, market.index);
    }
    this.flowStamp[c] = t;
    this.flowTonnesPerDay[c] = flow;
    return flow;
  }
}

/**
 * The controls on `exporter`'s exports of `commodity` that govern its own exports (to
 * `destination`, or to anywhere when null), in the order `controlsOn` lists them.
 */
function governingControls(state: WorldState, exporter: number, commodity: number, destination: number | null): number[] {
  return state.controlsOn(exporter, commodity).filter((c) => state.controls[c].governsOwnRoute(exporter, commodity, destination));
}

/** Market `m`'s use at the baseline price: final demand before any response plus facility input, tonnes/day. */
export function useOf(state: WorldState, m: number): number {
  const market = state.markets[m];
  return market.demand.grossRate + market.rates.nominalInput;
}

/** What market `m` must import: its use less its own output, tonnes/day (at least 0). */
function importNeedOf(state: WorldState, m: number): number {
  return Math.max(0, useOf(state, m) - state.markets[m].rates.production);
}
