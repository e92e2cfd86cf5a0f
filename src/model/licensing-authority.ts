/**
 * LicensingAuthority: an office reviewing licence applications in one queue, first come first
 * served. It starts at most `perDay` applications (or tonnes of applications) a day: the n-th
 * application of a burst starts (n - 1) / perDay days after the first, and is decided its own
 * review time after its start. With no limit every application starts the moment it is filed,
 * so an office of unlimited capacity is the infinite-server delay of before, draw for draw.
 * Capacity may change by events; the queue then moves at the new pace from that moment.
 */
import { Priority, type Environment } from "../engine/index.js";
import type { LicensingCapacity } from "./world-spec.js";

/** One authority's queue. */
export class LicensingAuthority {
  readonly index: number;
  readonly id: string;
  capacity: LicensingCapacity;
  private readonly env: Environment;
  /** Called when an application's review starts (the office then schedules its decision). */
  private readonly onStart: (application: number) => void;
  /** Queued applications, oldest first, from `head`. */
  private queue: number[] = [];
  private queueCost: number[] = [];
  private head = 0;
  /** The earliest time the next review may start, and the last start and its cost. */
  private nextStart = 0;
  private lastStart = 0;
  private lastCost = 0;
  /** Total cost (applications or tonnes) waiting in the queue. */
  private queuedCost = 0;
  private gateEventId = -1;
  private readonly onGate = (): void => this.startNext();

  constructor(index: number, id: string, capacity: LicensingCapacity, env: Environment, onStart: (application: number) => void) {
    this.index = index;
    this.id = id;
    this.capacity = capacity;
    this.env = env;
    this.onStart = onStart;
  }

  /** Days the last application in the queue waits for its review to start (0 with no limit or no queue). */
  get backlogDays(): number {
    if (this.capacity.perDay === Infinity || this.waiting === 0) return 0;
    return Math.max(0, this.nextStart - this.env.now) + this.queuedCost / this.capacity.perDay;
  }

  /** Applications waiting for their review to start. */
  get waiting(): number {
    return this.queue.length - this.head;
  }

  /** Files an application of `tonnes`: its review starts now if the office can, else when its turn comes. */
  file(application: number, tonnes: number): void {
    if (this.capacity.perDay === Infinity) {
      this.onStart(application);
      return;
    }
    const cost = this.capacity.unit === "applications" ? 1 : tonnes;
    this.queue.push(application);
    this.queueCost.push(cost);
    this.queuedCost += cost;
    if (this.gateEventId === -1 && this.waiting === 1 && this.nextStart <= this.env.now) this.startHead();
    this.scheduleGate();
  }

  /** Changes the capacity from now on; the queue moves at the new pace. */
  setCapacity(capacity: LicensingCapacity): void {
    this.capacity = capacity;
    // The pending gate (if any) is superseded: the next start is recomputed at the new pace.
    this.gateEventId = -1;
    if (capacity.perDay === Infinity) {
      this.nextStart = this.env.now;
      while (this.waiting > 0) this.startHead();
      return;
    }
    this.nextStart = Math.max(this.env.now, this.lastStart + this.lastCost / capacity.perDay);
    this.scheduleGate();
  }

  private scheduleGate(): void {
    if (this.waiting === 0 || this.gateEventId !== -1) return;
    this.gateEventId = this.env.scheduleAt(Math.max(this.env.now, this.nextStart), this.onGate, this.index, Priority.NORMAL);
  }

  private startNext(): void {
    // A gate superseded by a change of capacity finds a newer one pending: it does nothing.
    if (this.env.currentEventId !== this.gateEventId) return;
    this.gateEventId = -1;
    if (this.waiting > 0) this.startHead();
    this.scheduleGate();
  }

  private startHead(): void {
    const cost = this.queueCost[this.head];
    const application = this.queue[this.head++];
    this.queuedCost = this.waiting === 0 ? 0 : this.queuedCost - cost;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.queueCost = this.queueCost.slice(this.head);
      this.head = 0;
    }
    this.lastStart = this.env.now;
    this.lastCost = cost;
    this.nextStart = this.env.now + cost / this.capacity.perDay;
    this.onStart(application);
  }
}
