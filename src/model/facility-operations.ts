/**
 * Facility operations: when facilities come online, how they ramp up, and their random
 * outages (Poisson arrivals, drawn durations), each facility from its own random stream so
 * that one facility's outages never shift another's.
 */
import { Priority } from "../engine/index.js";
import { DAYS_PER_YEAR } from "./calendar.js";
import type { Facility } from "./facility.js";
import { drawInput } from "./input-draw.js";
import type { WorldState } from "./world-state.js";

/** Schedules and applies facility state changes. */
export class FacilityOperations {
  private readonly state: WorldState;
  /** Facilities that ramp up at all: only these need daily ramp updates. */
  private readonly ramping: Facility[];
  private readonly onOnline = (f: number): void => this.refresh(this.state.facilities[f]);
  private readonly onOutageStart = (f: number): void => this.startOutage(f);
  private readonly onOutageEnd = (f: number): void => this.endOutage(f);
  private readonly onScriptedReturn = (f: number): void => this.bringOnline(f, false);

  constructor(state: WorldState) {
    this.state = state;
    this.ramping = state.facilities.filter((f) => f.spec.rampUpDays > 0);
  }

  /** Sets day-0 rates and schedules online dates and first outages. */
  start(): void {
    for (const facility of this.state.facilities) {
      facility.rampShare = facility.rampShareOn(0);
      facility.refreshNominal(0);
      if (facility.onlineTime > 0) this.state.env.scheduleAt(facility.onlineTime, this.onOnline, facility.index, Priority.EARLY);
      if (facility.spec.outages !== null && facility.spec.outages.ratePerYear > 0) this.scheduleNextOutage(facility);
    }
  }

  /** Updates ramp shares for `day`, flagging the groups whose rates change. */
  updateRamps(day: number): void {
    for (const facility of this.ramping) {
      if (!facility.isRampingOn(day) && facility.rampShare === 1) continue;
      facility.rampShare = facility.rampShareOn(day);
      this.state.refreshFacility(facility.index, day);
    }
  }

  /** Takes a facility offline by script, until `untilTime` if given. */
  takeOffline(f: number, untilTime: number | null): void {
    const facility = this.state.facilities[f];
    facility.isScriptedOffline = true;
    this.refresh(facility);
    if (untilTime !== null) this.state.env.scheduleAt(Math.max(untilTime, this.state.env.now), this.onScriptedReturn, f, Priority.EARLY);
  }

  /** Brings a facility online by script; `commission` moves a later online date to now. */
  bringOnline(f: number, commission = true): void {
    const facility = this.state.facilities[f];
    const now = this.state.env.now;
    facility.isScriptedOffline = false;
    if (commission && facility.onlineTime > now) facility.onlineTime = now;
    this.refresh(facility);
  }

  private refresh(facility: Facility): void {
    facility.rampShare = facility.rampShareOn(Math.floor(this.state.env.now));
    if (this.state.refreshFacility(facility.index)) this.state.settle();
  }

  private scheduleNextOutage(facility: Facility): void {
    const outages = facility.spec.outages;
    if (outages === null) return;
    const stream = this.state.streams.stream(`outage/${facility.spec.id}`);
    const delay = stream.exponential(outages.ratePerYear / DAYS_PER_YEAR);
    // A vanishing rate can draw an infinite wait: that outage never comes.
    if (Number.isFinite(delay)) this.state.env.scheduleIn(delay, this.onOutageStart, facility.index, Priority.EARLY);
  }

  private startOutage(f: number): void {
    const facility = this.state.facilities[f];
    const outages = facility.spec.outages;
    if (outages === null) return;
    facility.isInOutage = true;
    this.refresh(facility);
    const stream = this.state.streams.stream(`outage/${facility.spec.id}`);
    const duration = Math.max(0, drawInput(outages.durationDays, stream, ["facilities", facility.spec.id, "outages", "duration"]));
    this.state.env.scheduleIn(duration, this.onOutageEnd, f, Priority.EARLY);
  }

  private endOutage(f: number): void {
    const facility = this.state.facilities[f];
    facility.isInOutage = false;
    this.refresh(facility);
    this.scheduleNextOutage(facility);
  }
}
