/**
 * EventQueue: the kernel's pending-event set, a binary min-heap ordered by
 * (time, priority, insertion sequence).
 *
 * Stored as parallel typed arrays (struct of arrays) so that pushing and popping allocate
 * nothing: this is the innermost loop of every simulation. Priority and sequence are packed
 * into one float64 ordering key (priority * 2^40 + sequence). With the priority in
 * [0, MAX_PRIORITY = 1023] and the sequence below 2^40, the key stays below 2^50, inside the
 * range where float64 holds every integer exactly, so each comparison is at most two float
 * compares.
 */
import { EngineError } from "./chokepoint-error.js";
import { MAX_PRIORITY } from "./priority.js";

/** What runs when an event fires. The payload is whatever number the scheduler attached. */
export type EventHandler = (payload: number) => void;

/** Identifies one scheduled event, for cancellation. Unique within a queue. */
export type EventId = number;

const SEQUENCE_SPAN = 2 ** 40;
const INITIAL_CAPACITY = 1024;

/** A binary min-heap of events keyed by (time, priority, insertion sequence). */
export class EventQueue {
  private times = new Float64Array(INITIAL_CAPACITY);
  private keys = new Float64Array(INITIAL_CAPACITY);
  private payloads = new Float64Array(INITIAL_CAPACITY);
  private handlers: (EventHandler | undefined)[] = new Array(INITIAL_CAPACITY);
  private count = 0;
  private nextSequence = 0;
  private readonly cancelled = new Set<number>();

  /** Time of the entry most recently removed by `pop()`. */
  poppedTime = 0;
  /** Payload of the entry most recently removed by `pop()`. */
  poppedPayload = 0;
  /** Id of the entry most recently removed by `pop()`. */
  poppedId: EventId = -1;

  /** Number of entries held, including cancelled ones not yet discarded. */
  get size(): number {
    return this.count;
  }

  /** Adds an event; returns its id. Time must be finite; priority an integer in [0, MAX_PRIORITY]. */
  push(time: number, priority: number, handler: EventHandler, payload: number): EventId {
    if (!(time === time && time !== Infinity && time !== -Infinity)) {
      throw new EngineError("bad-time", `event time must be a finite number, got ${time}`);
    }
    if (!(priority >= 0 && priority <= MAX_PRIORITY) || (priority | 0) !== priority) {
      throw new EngineError("bad-priority", `priority must be an integer in [0, ${MAX_PRIORITY}], got ${priority}`);
    }
    const sequence = this.nextSequence++;
    if (sequence >= SEQUENCE_SPAN) {
      throw new EngineError("queue-exhausted", `more than 2^40 events were scheduled in one queue`);
    }
    if (this.count === this.times.length) this.grow();
    const key = priority * SEQUENCE_SPAN + sequence;
    const times = this.times;
    const keys = this.keys;
    const payloads = this.payloads;
    const handlers = this.handlers;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent];
      if (parentTime < time || (parentTime === time && keys[parent] < key)) break;
      times[i] = parentTime;
      keys[i] = keys[parent];
      payloads[i] = payloads[parent];
      handlers[i] = handlers[parent];
      i = parent;
    }
    times[i] = time;
    keys[i] = key;
    payloads[i] = payload;
    handlers[i] = handler;
    return sequence;
  }

  /**
   * Marks a pending event as cancelled; it is discarded when it reaches the top.
   * Returns false if the id was never issued, already ran or was already cancelled.
   */
  cancel(id: EventId): boolean {
    if (!(id >= 0 && id < this.nextSequence) || this.cancelled.has(id)) return false;
    for (let i = 0; i < this.count; i++) {
      if (this.keys[i] % SEQUENCE_SPAN === id) {
        this.cancelled.add(id);
        return true;
      }
    }
    return false;
  }

  /** Time of the earliest live event, or Infinity if none is pending. */
  peekTime(): number {
    this.discardCancelledTop();
    return this.count > 0 ? this.times[0] : Infinity;
  }

  /**
   * Removes the earliest live event and returns its handler, leaving its time, payload and id
   * in `poppedTime`, `poppedPayload` and `poppedId`; returns undefined when empty.
   */
  pop(): EventHandler | undefined {
    return this.popBefore(Infinity);
  }

  /** As `pop()`, but only if the earliest live event's time is before `limit`. */
  popBefore(limit: number): EventHandler | undefined {
    if (this.cancelled.size > 0) this.discardCancelledTop();
    if (this.count === 0 || !(this.times[0] < limit)) return undefined;
    const handler = this.handlers[0];
    this.poppedTime = this.times[0];
    this.poppedPayload = this.payloads[0];
    this.poppedId = this.keys[0] % SEQUENCE_SPAN;
    this.removeTop();
    return handler;
  }

  private discardCancelledTop(): void {
    while (this.count > 0 && this.cancelled.size > 0) {
      const id = this.keys[0] % SEQUENCE_SPAN;
      if (!this.cancelled.delete(id)) return;
      this.removeTop();
    }
  }

  private removeTop(): void {
    const times = this.times;
    const keys = this.keys;
    const payloads = this.payloads;
    const handlers = this.handlers;
    const n = --this.count;
    if (n === 0) {
      handlers[0] = undefined;
      return;
    }
    const lastTime = times[n];
    const lastKey = keys[n];
    const lastPayload = payloads[n];
    const lastHandler = handlers[n];
    handlers[n] = undefined;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (times[right] < times[child] || (times[right] === times[child] && keys[right] < keys[child]))) {
        child = right;
      }
      const childTime = times[child];
      if (lastTime < childTime || (lastTime === childTime && lastKey < keys[child])) break;
      times[i] = childTime;
      keys[i] = keys[child];
      payloads[i] = payloads[child];
      handlers[i] = handlers[child];
      i = child;
    }
    times[i] = lastTime;
    keys[i] = lastKey;
    payloads[i] = lastPayload;
    handlers[i] = lastHandler;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    times.set(this.times);
    this.times = times;
    const keys = new Float64Array(capacity);
    keys.set(this.keys);
    this.keys = keys;
    const payloads = new Float64Array(capacity);
    payloads.set(this.payloads);
    this.payloads = payloads;
    this.handlers.length = capacity;
  }
}
