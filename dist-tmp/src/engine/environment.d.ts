import { type EventHandler, type EventId } from "./event-queue.js";
/** A discrete-event simulation environment: clock, event queue, run loop. */
export declare class Environment {
    private readonly queue;
    private clock;
    private stopRequested;
    private executed;
    private currentId;
    /** Creates an environment whose clock starts at `startTime` (days). */
    constructor(startTime?: number);
    /** The current simulation time, in days. */
    get now(): number;
    /** How many events have run so far. */
    get eventsRun(): number;
    /** Events still pending (cancelled ones may be counted until discarded). */
    get pendingCount(): number;
    /** Id of the event being run right now (-1 outside a handler). */
    get currentEventId(): EventId;
    /** Schedules `handler(payload)` at absolute time `day`, which must not lie in the past. */
    scheduleAt(day: number, handler: EventHandler, payload?: number, priority?: number): EventId;
    /** Schedules `handler(payload)` after `delayDays` (>= 0) from now. */
    scheduleIn(delayDays: number, handler: EventHandler, payload?: number, priority?: number): EventId;
    /**
     * Cancels a pending event. Returns false if it already ran or was cancelled.
     * Linear in the number of pending events: for frequent invalidation, compare
     * `currentEventId` with the id you kept instead.
     */
    cancel(id: EventId): boolean;
    /** Time of the next pending event, or Infinity. */
    peek(): number;
    /** Asks `run` to return after the current event. */
    stop(): void;
    /** Runs the next event, if any. Returns false when the queue is empty. */
    step(): boolean;
    /**
     * Runs events in order until the queue is empty, `stop()` is called, or the next event lies
     * at or after `until` (exclusive). With `until`, the clock ends exactly at `until`.
     */
    run(until?: number): void;
    private fire;
}
