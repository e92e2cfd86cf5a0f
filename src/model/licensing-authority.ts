/**
 * LicensingAuthority: an office reviewing licence applications in one queue, first come first
 * served. It starts at most `perDay` applications (or tonnes of applications) a day: the n-th
 * application of a burst starts (n - 1) / perDay days after the first, and is decided its own
 * review time after its start. With no limit every application starts the moment it is filed,
 * so an office of unlimited capacity is the infinite-server delay of before, draw for draw.
 *
 * The queue is first come first served at a known pace, so an application's start is known
 * when it is filed: it is handed to the office's owner then, with no event of its own. Capacity
 * may change by events; the applications still waiting are then given new starts at the new
 * pace from that moment.
 */
import type { Environment } from "../engine/index.js";
import type { LicensingCapacity } from "./world-spec.js";

/** One authority's queue. */
export class LicensingAuthority {
  readonly index: number;
  readonly id: string;
  capacity: LicensingCapacity;
  private readonly env: Environment;
  /** Called with an application and the time its review starts (again, with a new time, when the pace changes). */
  private readonly onStart: (application: number, start: number) => void;
  /** Applications given a start, oldest first, from `head`: those whose start is past are dropped lazily. */
  private applications: number[] = [];
  private tonnes: number[] = [];
  private starts: number[] = [];
  private head = 0;
  /** The earliest start of the next application filed. */
  private nextFree = 0;
  /** Start and tonnes of the last application whose review has started (dropped from the list). */
  private lastStart = -Infinity;
  private lastTonnes = 0;

  constructor(index: number, id: string, capacity: LicensingCapacity, env: Environment, onStart: (application: number, start: number) => void) {
    this.index = index;
    this.id = id;
    this.capacity = capacity;
    this.env = env;
    this.onStart = onStart;
  }

  /** Days an application filed now waits for its review to start (0 with no limit or no queue). */
  get backlogDays(): number {
    if (this.capacity.perDay === Infinity) return 0;
    return Math.max(0, this.nextFree - this.env.now);
  }

  /** Applications waiting for their review to start. */
  get waiting(): number {
    this.dropStarted();
    return this.applications.length - this.head;
  }

  /** Files an application of `tonnes`: its review starts now if the office can, else when its turn comes. */
  file(application: number, tonnes: number): void {
    const now = this.env.now;
    if (this.capacity.perDay === Infinity) {
      this.onStart(application, now);
      return;
    }
    this.dropStarted();
    const start = Math.max(now, this.nextFree);
    this.nextFree = start + this.costOf(tonnes) / this.capacity.perDay;
    this.applications.push(application);
    this.tonnes.push(tonnes);
    this.starts.push(start);
    this.onStart(application, start);
  }

  /** Changes the capacity from now on; the applications still waiting start at the new pace. */
  setCapacity(capacity: LicensingCapacity): void {
    const now = this.env.now;
    this.dropStarted();
    this.capacity = capacity;
    if (capacity.perDay === Infinity) {
      for (let i = this.head; i < this.applications.length; i++) this.onStart(this.applications[i], now);
      this.clear();
      this.nextFree = now;
      return;
    }
    // The review under way holds the office for its cost at the new pace.
    let next = Math.max(now, this.lastStart + this.costOf(this.lastTonnes) / capacity.perDay);
    for (let i = this.head; i < this.applications.length; i++) {
      this.starts[i] = next;
      this.onStart(this.applications[i], next);
      next += this.costOf(this.tonnes[i]) / capacity.perDay;
    }
    this.nextFree = next;
  }

  private costOf(tonnes: number): number {
    return this.capacity.unit === "applications" ? 1 : tonnes;
  }

  /** Drops applications whose review has started, remembering the last of them. */
  private dropStarted(): void {
    const now = this.env.now;
    while (this.head < this.applications.length && this.starts[this.head] <= now) {
      this.lastStart = this.starts[this.head];
      this.lastTonnes = this.tonnes[this.head];
      this.head++;
    }
    if (this.head === this.applications.length) this.clear();
    else if (this.head > 1024 && this.head * 2 > this.applications.length) {
      this.applications = this.applications.slice(this.head);
      this.tonnes = this.tonnes.slice(this.head);
      this.starts = this.starts.slice(this.head);
      this.head = 0;
    }
  }

  private clear(): void {
    this.applications.length = 0;
    this.tonnes.length = 0;
    this.starts.length = 0;
    this.head = 0;
  }
}
