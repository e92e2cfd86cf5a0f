/**
 * Facility: a mine, refinery or plant at run time. Its nominal rate is what it would run at
 * with every input on hand: capacity x utilization x ramp-up, zero while offline (an outage,
 * a scripted shutdown, or before its online date). The market response may raise utilization
 * (restarted idle capacity) or cut the rate (a throttle when its output cannot be stored). The rate solver then limits it by inputs.
 */
import type { FacilitySpec } from "./world-spec.js";

/** Runtime state of one facility. */
export class Facility {
  readonly index: number;
  readonly spec: FacilitySpec;
  /** Online time in simulation days (may be negative: online before the start). */
  onlineTime: number;
  /** Down because of a random outage. */
  isInOutage = false;
  /** Down because a scripted event took it offline. */
  isScriptedOffline = false;
  /** Ramp-up fraction in force for the current day. */
  rampShare = 1;
  /** Share of capacity restarted beyond normal utilization in answer to a high price (market response). */
  extraUtilization = 0;
  /** Capacity added by expansion and investment in answer to a high price, as a share of nameplate capacity. */
  addedCapacity = 0;
  /** Share of its rate it runs at while its output market stores more than it may (1: no cut). */
  throttle = 1;
  /** Throughput with all inputs available, tonnes/day. */
  nominalRate = 0;
  /** Share of the nominal rate its inputs allow (set by the solver). */
  inputShare = 1;
  /** Actual throughput, tonnes/day. */
  throughputRate = 0;

  constructor(index: number, spec: FacilitySpec, onlineTime: number) {
    this.index = index;
    this.spec = spec;
    this.onlineTime = onlineTime;
  }

  /** Ramp-up share for the day starting at `day`: linear over rampUpDays, at mid-day. */
  rampShareOn(day: number): number {
    if (day < this.onlineTime) return 0;
    const ramp = this.spec.rampUpDays;
    if (ramp <= 0) return 1;
    return Math.min(1, (day - this.onlineTime + 0.5) / ramp);
  }

  /** Whether the ramp is still rising on `day` (so daily updates are needed). */
  isRampingOn(day: number): boolean {
    return this.spec.rampUpDays > 0 && day + 1 > this.onlineTime && day - this.onlineTime + 0.5 < this.spec.rampUpDays;
  }

  /** The nominal rate without the throttle, tonnes/day (what it could make at time `t` if its output were bought). */
  unthrottledRate(t: number): number {
    const running = t >= this.onlineTime && !this.isInOutage && !this.isScriptedOffline;
    if (!running) return 0;
    const rate = this.spec.capacityTonnesPerDay * (this.spec.utilization + this.extraUtilization) * this.rampShare;
    // New capacity runs at the facility's normal utilization.
    return this.addedCapacity === 0 ? rate : rate + this.spec.capacityTonnesPerDay * this.addedCapacity * this.spec.utilization * this.rampShare;
  }

  /** Recomputes the nominal rate at time `t`; returns true if it changed. */
  refreshNominal(t: number): boolean {
    const rate = this.throttle === 1 ? this.unthrottledRate(t) : this.unthrottledRate(t) * this.throttle;
    if (rate === this.nominalRate) return false;
    this.nominalRate = rate;
    return true;
  }
}
